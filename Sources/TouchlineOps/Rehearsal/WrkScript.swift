import FoundationEssentials
import TouchlineCore

/// The Lua script that makes wrk send a rehearsal's endpoints and print its figures, and the parser of
/// what the script prints.
///
/// The script's `done()` hook prints one line after wrk's own summary:
/// `touchline-wrk requests=N duration_us=N connect=N read=N write=N status=N timeout=N p50_us=N p95_us=N p99_us=N max_us=N`
/// — wrk's `summary.requests` (answers received), `summary.duration` and `summary.errors` fields, and its
/// latency histogram's percentiles and maximum, all in microseconds.
enum WrkScript {
    /// The marker that starts the figures line.
    static let marker = "touchline-wrk"

    /// The script for `endpoints`: one endpoint is set once in `wrk.method`/`path`/`headers`/`body` (wrk
    /// builds the request once); several are sent in turn by every connection's thread through `request()`.
    /// A body is sent as `Content-Type: application/json`; POST and PUT always carry a `Content-Length`.
    static func text(endpoints: [RehearsalRequest]) -> String {
        var lines: [String] = []
        if endpoints.count == 1, let only = endpoints.first {
            lines.append("wrk.method = \(luaString(only.method))")
            lines.append("wrk.path = \(luaString(only.path))")
            if let body = body(of: only) {
                lines.append("wrk.body = \(luaString(body))")
                if only.body != nil { lines.append("wrk.headers[\"Content-Type\"] = \"application/json\"") }
            }
        } else {
            lines.append("local requests = {}")
            lines.append("function init(args)")
            for endpoint in endpoints {
                let headers = endpoint.body != nil ? "{[\"Content-Type\"] = \"application/json\"}" : "{}"
                let body = body(of: endpoint).map(luaString) ?? "nil"
                lines.append("  requests[#requests + 1] = wrk.format(\(luaString(endpoint.method)), \(luaString(endpoint.path)), \(headers), \(body))")
            }
            lines.append("end")
            lines.append("local sent = 0")
            lines.append("function request()")
            lines.append("  sent = sent + 1")
            lines.append("  return requests[(sent - 1) % #requests + 1]")
            lines.append("end")
        }
        lines += [
            "function done(summary, latency, requests)",
            "  local e = summary.errors",
            "  io.write(string.format(\"\(marker) requests=%.0f duration_us=%.0f connect=%.0f read=%.0f write=%.0f status=%.0f timeout=%.0f p50_us=%.0f p95_us=%.0f p99_us=%.0f max_us=%.0f\\n\",",
            "    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,",
            "    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))",
            "end",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The figures of wrk's output (`output` holds the script's line), judged against `config`'s thresholds
    /// and naming `generator`; nil when the line is missing or malformed.
    ///
    /// Requests are the answers wrk received plus the attempts that ended in a connect, read or write error
    /// or a timeout; errors are those attempts plus the answers with a status of 400 or more (wrk's
    /// `errors.status`). Percentiles are over the answers received (wrk does not time failed attempts);
    /// throughput is answers per second of wrk's own duration.
    static func result(of output: String, config: RehearsalLoadConfig, generator: String) -> LoadTestResult? {
        guard let line = output.split(whereSeparator: \.isNewline).last(where: { $0.hasPrefix(marker + " ") }) else { return nil }
        var fields: [String: Double] = [:]
        for pair in line.split(separator: " ").dropFirst() {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let value = Double(parts[1]), value >= 0 else { return nil }
            fields[String(parts[0])] = value
        }
        let names = ["requests", "duration_us", "connect", "read", "write", "status", "timeout", "p50_us", "p95_us", "p99_us", "max_us"]
        guard names.allSatisfy({ fields[$0] != nil }) else { return nil }
        func count(_ name: String) -> Int { Int(fields[name] ?? 0) }
        func seconds(_ name: String) -> Double { (fields[name] ?? 0) / 1_000_000 }
        let answered = count("requests")
        let failedAttempts = count("connect") + count("read") + count("write") + count("timeout")
        let wall = seconds("duration_us")
        var kinds: [(String, Int)] = [("HTTP status 400 or more", count("status")), ("timeout", count("timeout")),
                                      ("connect error", count("connect")), ("read error", count("read")),
                                      ("write error", count("write"))]
        kinds = kinds.filter { $0.1 > 0 }.sorted { $0.1 == $1.1 ? $0.0 < $1.0 : $0.1 > $1.1 }
        let timed = answered > 0
        return LoadTestResult(requests: answered + failedAttempts, errors: failedAttempts + count("status"), wallSeconds: wall,
                              throughput: wall > 0 ? Double(answered) / wall : 0, concurrency: config.concurrency,
                              p50: timed ? seconds("p50_us") : nil, p95: timed ? seconds("p95_us") : nil,
                              p99: timed ? seconds("p99_us") : nil, max: timed ? seconds("max_us") : nil,
                              maxP95: config.maxP95, maxErrorRate: config.maxErrorRate,
                              errorKinds: kinds.map { "\($0.1)× \($0.0)" }, generator: generator)
    }

    /// The body wrk sends for `endpoint`: its own, or an empty one for POST and PUT (so they carry `Content-Length: 0`).
    private static func body(of endpoint: RehearsalRequest) -> String? {
        endpoint.body ?? (["POST", "PUT"].contains(endpoint.method) ? "" : nil)
    }

    /// `text` as a Lua string literal: quotes, backslashes and control bytes escaped (`\ddd`), other bytes as they are.
    static func luaString(_ text: String) -> String {
        var literal: [UInt8] = [UInt8(ascii: "\"")]
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): literal += [UInt8(ascii: "\\"), byte]
            case 0..<32, 127:
                let digits = String(byte)
                literal += Array(("\\" + String(repeating: "0", count: 3 - digits.count) + digits).utf8)
            default: literal.append(byte)
            }
        }
        literal.append(UInt8(ascii: "\""))
        return String(decoding: literal, as: UTF8.self)
    }
}
