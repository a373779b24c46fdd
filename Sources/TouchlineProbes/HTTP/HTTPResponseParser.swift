import Foundation

/// An incremental HTTP/1.1 response parser: feed it bytes as they arrive until it returns a response.
public struct HTTPResponseParser {
    private enum BodyMode {
        case length(Int)
        case chunked
        case untilClose
    }

    private enum Phase {
        case head
        case body(BodyMode)
        case chunkSize
        case chunkData(Int)
        case chunkDataEnd
        case trailers
    }

    /// The largest body accepted, in bytes.
    public let bodyLimit: Int
    /// Whether the request was HEAD (no body follows).
    public let headRequest: Bool
    private static let headLimit = 64 * 1024
    private var buffer: [UInt8] = []
    private var phase = Phase.head
    private var status = 0
    private var headers: [String: String] = [:]
    private var keepAlive = true
    private var body: [UInt8] = []

    /// Creates a parser that refuses bodies over `bodyLimit` bytes.
    public init(bodyLimit: Int, headRequest: Bool = false) {
        self.bodyLimit = bodyLimit
        self.headRequest = headRequest
    }

    /// Consumes `bytes`; returns the response once it is complete.
    public mutating func feed(_ bytes: [UInt8]) throws(ProbeFailure) -> HTTPResponse? {
        buffer.append(contentsOf: bytes)
        while true {
            switch phase {
            case .head:
                guard let end = find([13, 10, 13, 10], in: buffer) else {
                    if buffer.count > Self.headLimit { throw ProbeFailure("invalid HTTP response: header larger than 64 KiB") }
                    return nil
                }
                try parseHead(Array(buffer[..<end]))
                buffer.removeFirst(end + 4)
                if let done = try startBody() { return done }
            case .body(.length(let length)):
                guard buffer.count >= length else { return nil }
                body = Array(buffer.prefix(length))
                buffer.removeFirst(length)
                return response()
            case .body(.untilClose):
                if buffer.count > bodyLimit { throw tooLarge() }
                return nil
            case .body(.chunked), .chunkSize:
                guard let end = find([13, 10], in: buffer) else {
                    if buffer.count > 1024 { throw ProbeFailure("invalid HTTP response: bad chunk size line") }
                    return nil
                }
                let line = String(decoding: buffer[..<end], as: UTF8.self)
                let sizeText = line.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                guard let size = Int(sizeText, radix: 16), size >= 0 else {
                    throw ProbeFailure("invalid HTTP response: bad chunk size '\(line.prefix(20))'")
                }
                buffer.removeFirst(end + 2)
                if body.count + size > bodyLimit { throw tooLarge() }
                phase = size == 0 ? .trailers : .chunkData(size)
            case .chunkData(let size):
                guard buffer.count >= size else { return nil }
                body.append(contentsOf: buffer.prefix(size))
                buffer.removeFirst(size)
                phase = .chunkDataEnd
            case .chunkDataEnd:
                guard buffer.count >= 2 else { return nil }
                guard buffer[0] == 13, buffer[1] == 10 else { throw ProbeFailure("invalid HTTP response: chunk not followed by CRLF") }
                buffer.removeFirst(2)
                phase = .chunkSize
            case .trailers:
                guard let end = find([13, 10], in: buffer) else { return nil }
                buffer.removeFirst(end + 2)
                if end == 0 { return response() }
            }
        }
    }

    /// Tells the parser the peer closed the connection; returns the response if that ends it.
    public mutating func finish() throws(ProbeFailure) -> HTTPResponse {
        switch phase {
        case .body(.untilClose):
            body = buffer
            keepAlive = false
            return response()
        case .head where buffer.isEmpty:
            throw ProbeFailure("server closed the connection without answering", connectionLost: true)
        case .head:
            throw ProbeFailure("invalid HTTP response: connection closed inside the header")
        default:
            throw ProbeFailure("connection closed before the body was complete")
        }
    }

    private func tooLarge() -> ProbeFailure {
        ProbeFailure("response body larger than \(bodyLimit / 1024 / 1024 > 0 ? "\(bodyLimit / 1024 / 1024) MiB" : "\(bodyLimit) bytes")")
    }

    private mutating func parseHead(_ bytes: [UInt8]) throws(ProbeFailure) {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        guard !lines.isEmpty else { throw ProbeFailure("invalid HTTP response: empty header") }
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let code = Int(parts[1]), (100...999).contains(code) else {
            throw ProbeFailure("invalid HTTP response: bad status line '\(statusLine.prefix(40))'")
        }
        status = code
        keepAlive = parts[0] == "HTTP/1.1"
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else {
                throw ProbeFailure("invalid HTTP response: bad header line '\(line.prefix(40))'")
            }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = headers[name].map { "\($0), \(value)" } ?? value
        }
        if let connection = headers["connection"]?.lowercased() {
            if connection.contains("close") { keepAlive = false }
            if connection.contains("keep-alive") { keepAlive = true }
        }
    }

    private mutating func startBody() throws(ProbeFailure) -> HTTPResponse? {
        if headRequest || status == 204 || status == 304 || (100..<200).contains(status) {
            return response()
        }
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            phase = .chunkSize
            return nil
        }
        if let lengthText = headers["content-length"] {
            guard let length = Int(lengthText), length >= 0 else {
                throw ProbeFailure("invalid HTTP response: bad Content-Length '\(lengthText.prefix(20))'")
            }
            if length > bodyLimit { throw tooLarge() }
            phase = .body(.length(length))
            return nil
        }
        keepAlive = false
        phase = .body(.untilClose)
        return nil
    }

    private func response() -> HTTPResponse {
        HTTPResponse(status: status, headers: headers, body: body, keepAlive: keepAlive)
    }

    private func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0] && Array(haystack[index..<index + needle.count]) == needle { return index }
            index += 1
        }
        return nil
    }
}
