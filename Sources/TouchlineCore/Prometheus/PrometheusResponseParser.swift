/// Reads the JSON of a Prometheus instant-query answer (`/api/v1/query`) into a ``PrometheusQueryResult``.
///
/// A purpose-built reader over the bytes, not a general JSON tree: a fleet's answer holds thousands of series
/// (5,000 in `bench`), and only `status`, `errorType`, `error`, `data.resultType` and `data.result[].metric`
/// / `.value` are kept; everything else is skipped without being built. Strict JSON: anything malformed is a
/// ``PrometheusResponseError`` saying where.
public enum PrometheusResponseParser {
    /// Parses `body`; throws when it is not JSON or not shaped as Prometheus's API documents.
    public static func parse(_ body: [UInt8]) throws(PrometheusResponseError) -> PrometheusQueryResult {
        try body.withUnsafeBufferPointer { (bytes) throws(PrometheusResponseError) -> PrometheusQueryResult in
            var reader = Reader(bytes: bytes)
            return try reader.document()
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func document() throws(PrometheusResponseError) -> PrometheusQueryResult {
            skipSpace()
            guard index < bytes.count else { throw PrometheusResponseError("empty body, expected JSON") }
            guard bytes[index] == UInt8(ascii: "{") else { throw fail("expected a JSON object") }
            var status: String?
            var errorType: String?
            var errorText: String?
            var resultType: String?
            var series: [PrometheusSeries]?
            try object { (reader, key) throws(PrometheusResponseError) in
                switch key {
                case "status": status = try reader.stringOrNull()
                case "errorType": errorType = try reader.stringOrNull()
                case "error": errorText = try reader.stringOrNull()
                case "data":
                    guard reader.peek() == UInt8(ascii: "{") else { try reader.skipValue(); return }
                    try reader.object { (reader, key) throws(PrometheusResponseError) in
                        switch key {
                        case "resultType": resultType = try reader.stringOrNull()
                        case "result": series = try reader.result()
                        default: try reader.skipValue()
                        }
                    }
                default: try reader.skipValue()
                }
            }
            skipSpace()
            guard index == bytes.count else { throw fail("unexpected text after the JSON object") }
            switch status {
            case "success":
                guard let resultType else { throw PrometheusResponseError("\"status\": \"success\" without data.resultType") }
                return .success(resultType: resultType, series: series ?? [])
            case "error":
                return .error(type: errorType ?? "error", message: errorText ?? "no error message")
            case nil:
                throw PrometheusResponseError("no \"status\" field: not a Prometheus API answer")
            case let other?:
                throw PrometheusResponseError("unknown status \"\(other)\"")
            }
        }

        /// `data.result`: an array of `{metric, value}` (vector), `[time, "value"]` (scalar), or anything (skipped).
        mutating func result() throws(PrometheusResponseError) -> [PrometheusSeries] {
            skipSpace()
            guard peek() == UInt8(ascii: "[") else { try skipValue(); return [] }
            let open = index
            index += 1
            skipSpace()
            // A scalar: [time, "value"].
            if let first = peek(), first != UInt8(ascii: "{"), first != UInt8(ascii: "]") {
                index = open
                return [PrometheusSeries(labels: [:], value: try sampleValue())]
            }
            var series: [PrometheusSeries] = []
            if peek() == UInt8(ascii: "]") { index += 1; return series }
            while true {
                skipSpace()
                guard peek() == UInt8(ascii: "{") else { throw fail("expected a series object in data.result") }
                var labels: [String: String] = [:]
                var value: Double?
                try object { (reader, key) throws(PrometheusResponseError) in
                    switch key {
                    case "metric":
                        try reader.object { (reader, name) throws(PrometheusResponseError) in
                            labels[name] = try reader.string()
                        }
                    case "value": value = try reader.sampleValue()
                    default: try reader.skipValue()       // "values" (a matrix), "histogram": not read
                    }
                }
                if let value { series.append(PrometheusSeries(labels: labels, value: value)) }
                skipSpace()
                guard index < bytes.count else { throw fail("unterminated data.result") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return series }
                throw fail("expected , or ] in data.result")
            }
        }

        /// `[1712345678.123, "0.93"]` → 0.93.
        mutating func sampleValue() throws(PrometheusResponseError) -> Double {
            skipSpace()
            guard peek() == UInt8(ascii: "[") else { throw fail("expected [time, \"value\"]") }
            index += 1
            try skipValue()
            skipSpace()
            guard peek() == UInt8(ascii: ",") else { throw fail("expected , in [time, \"value\"]") }
            index += 1
            let text = try string()
            skipSpace()
            guard peek() == UInt8(ascii: "]") else { throw fail("expected ] after [time, \"value\"]") }
            index += 1
            switch text {
            case "NaN": return .nan
            case "+Inf", "Inf": return .infinity
            case "-Inf": return -.infinity
            default:
                guard let value = Double(text) else { throw fail("sample value \"\(text)\" is not a number") }
                return value
            }
        }

        /// Calls `member` for each key of the object at the cursor, the cursor on the key's value.
        mutating func object(_ member: (inout Reader, String) throws(PrometheusResponseError) -> Void) throws(PrometheusResponseError) {
            skipSpace()
            guard peek() == UInt8(ascii: "{") else { throw fail("expected {") }
            index += 1
            skipSpace()
            if peek() == UInt8(ascii: "}") { index += 1; return }
            while true {
                let key = try string()
                skipSpace()
                guard peek() == UInt8(ascii: ":") else { throw fail("expected : after \"\(key)\"") }
                index += 1
                try member(&self, key)
                skipSpace()
                guard index < bytes.count else { throw fail("unterminated object") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; skipSpace(); continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return }
                throw fail("expected , or } in an object")
            }
        }

        mutating func stringOrNull() throws(PrometheusResponseError) -> String? {
            skipSpace()
            if peek() == UInt8(ascii: "\"") { return try string() }
            try skipValue()
            return nil
        }

        /// A JSON string at the cursor, unescaped.
        mutating func string() throws(PrometheusResponseError) -> String {
            skipSpace()
            guard peek() == UInt8(ascii: "\"") else { throw fail("expected a string") }
            index += 1
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                    index += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") { return try escapedString(from: start) }
                if byte < 0x20 { throw fail("control character in a string") }
                index += 1
            }
            throw fail("unterminated string")
        }

        /// The slow path of ``string()``: a string with escapes, from its first byte at `start`.
        private mutating func escapedString(from start: Int) throws(PrometheusResponseError) -> String {
            var scalars: [UInt8] = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: scalars, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard index < bytes.count else { throw fail("unterminated escape") }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escape)
                    case UInt8(ascii: "b"): scalars.append(0x08)
                    case UInt8(ascii: "f"): scalars.append(0x0C)
                    case UInt8(ascii: "n"): scalars.append(0x0A)
                    case UInt8(ascii: "r"): scalars.append(0x0D)
                    case UInt8(ascii: "t"): scalars.append(0x09)
                    case UInt8(ascii: "u"):
                        var code = try hex4()
                        if (0xD800...0xDBFF).contains(code), index + 1 < bytes.count,
                           bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                            index += 2
                            let low = try hex4()
                            if (0xDC00...0xDFFF).contains(low) { code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00) }
                        }
                        let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                        scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
                    default: throw fail("bad escape \\\(Character(Unicode.Scalar(escape)))")
                    }
                default:
                    if byte < 0x20 { throw fail("control character in a string") }
                    scalars.append(byte)
                }
            }
            throw fail("unterminated string")
        }

        private mutating func hex4() throws(PrometheusResponseError) -> UInt32 {
            guard index + 4 <= bytes.count else { throw fail("short \\u escape") }
            var code: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                index += 1
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw fail("bad \\u escape")
                }
                code = code << 4 | UInt32(digit)
            }
            return code
        }

        /// Skips any JSON value at the cursor (checked, not built).
        mutating func skipValue() throws(PrometheusResponseError) {
            skipSpace()
            guard let byte = peek() else { throw fail("expected a value") }
            switch byte {
            case UInt8(ascii: "\""): _ = try string()
            case UInt8(ascii: "{"): try object { (reader, _) throws(PrometheusResponseError) in try reader.skipValue() }
            case UInt8(ascii: "["):
                index += 1
                skipSpace()
                if peek() == UInt8(ascii: "]") { index += 1; return }
                while true {
                    try skipValue()
                    skipSpace()
                    guard index < bytes.count else { throw fail("unterminated array") }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    if bytes[index] == UInt8(ascii: "]") { index += 1; return }
                    throw fail("expected , or ] in an array")
                }
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = index
                while index < bytes.count, "+-.eE0123456789".utf8.contains(bytes[index]) { index += 1 }
                guard index > start else { throw fail("bad number") }
            default: throw fail("unexpected character")
            }
        }

        private mutating func literal(_ word: String) throws(PrometheusResponseError) {
            for byte in word.utf8 {
                guard index < bytes.count, bytes[index] == byte else { throw fail("unexpected character") }
                index += 1
            }
        }

        func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return
                }
            }
        }

        /// An error naming the byte offset and what is there.
        func fail(_ message: String) -> PrometheusResponseError {
            let preview = String(decoding: UnsafeBufferPointer(rebasing: bytes[min(index, bytes.count)..<min(index + 24, bytes.count)]), as: UTF8.self)
            return PrometheusResponseError("invalid JSON at byte \(index): \(message)" + (preview.isEmpty ? "" : " (near \"\(preview)\")"))
        }
    }
}
