/// libpq's and the PostgreSQL tools' error texts turned into one line with the reason first, so a row
/// truncated to the screen's width still shows why (`Connection refused`, `no password supplied`).
public enum LibpqErrorText {
    /// A failed connection's `PQerrorMessage` (or psql's / pg_dump's standard error) as one line:
    ///
    /// `connection to server at "127.0.0.1", port 5999 failed: Connection refused` + `Is the server running …`
    /// becomes `Connection refused (connecting to 127.0.0.1 port 5999; Is the server running …)`, one such part
    /// per host tried, joined by `; `. `fe_sendauth: ` and the tools' `psql: error: ` prefixes are dropped.
    /// Text of another shape becomes `cannot connect to the database: TEXT` (lines joined by `; `).
    public static func connectionFailure(_ message: String) -> String {
        let lines = message.split(whereSeparator: \.isNewline).map { trimmed(String($0)) }.filter { !$0.isEmpty }
        var parts: [(reason: String, place: String, hints: [String])] = []
        var other: [String] = []
        for line in lines {
            let text = withoutToolPrefix(line)
            if let attempt = attempt(text) {
                parts.append((attempt.reason, attempt.place, []))
            } else if !parts.isEmpty {
                parts[parts.count - 1].hints.append(text)
            } else {
                other.append(text)
            }
        }
        guard !parts.isEmpty else {
            return "cannot connect to the database: " + (other.isEmpty ? "connection failed" : other.joined(separator: "; "))
        }
        let described = parts.map { part in
            "\(part.reason) (connecting to \(([part.place] + part.hints).joined(separator: "; ")))"
        }
        return (other + described).joined(separator: "; ")
    }

    /// A failed connection's `PQerrorMessage` as a probe's one-line error, the reason first as the Redis and TCP
    /// probes put it (`connection refused (127.0.0.1:6379)`):
    ///
    /// `connection to server at "127.0.0.1", port 5432 failed: Connection refused` + `Is the server running …`
    /// becomes `Connection refused (127.0.0.1 port 5432)`; attempts failing for the same reason share it
    /// (`Connection refused (localhost (::1) port 5432, localhost (127.0.0.1) port 5432)`), others are joined
    /// by `; `. libpq's `Is the server running …` hints are dropped, other lines kept in the parentheses; text
    /// of another shape is its lines joined by `; `.
    public static func reasonFirst(_ message: String) -> String {
        let lines = message.split(whereSeparator: \.isNewline).map { trimmed(String($0)) }.filter { !$0.isEmpty }
        var parts: [(reason: String, places: [String])] = []
        var other: [String] = []
        for line in lines {
            if let attempt = attempt(withoutToolPrefix(line)) {
                if let index = parts.firstIndex(where: { $0.reason == attempt.reason }) {
                    parts[index].places.append(attempt.place)
                } else {
                    parts.append((attempt.reason, [attempt.place]))
                }
            } else if !parts.isEmpty {
                if !line.hasPrefix("Is the server running") { parts[parts.count - 1].places.append(line) }
            } else {
                other.append(line)
            }
        }
        let described = parts.map { "\($0.reason) (\($0.places.joined(separator: ", ")))" }
        return (other + described).joined(separator: "; ")
    }

    /// The first error a PostgreSQL tool printed on standard error, with the `DETAIL`/`detail:` lines right
    /// after it (joined by `; `); nil when no line says `error:`, `ERROR:` or `FATAL:`.
    public static func firstError(_ errorOutput: String) -> String? {
        let lines = errorOutput.split(whereSeparator: \.isNewline).map { trimmed(String($0)) }.filter { !$0.isEmpty }
        guard let first = lines.firstIndex(where: { $0.contains("error:") || $0.contains("ERROR:") || $0.contains("FATAL:") }) else {
            return nil
        }
        var picked = [lines[first]]
        for line in lines[(first + 1)...] {
            guard line.contains("detail:") || line.contains("DETAIL:") || line.contains("HINT:") || line.contains("hint:") else { break }
            picked.append(line)
        }
        return picked.joined(separator: "; ")
    }

    /// `connection to server at "H" (A), port P failed: REASON` or `… on socket "S" failed: REASON` as
    /// (REASON without `fe_sendauth: `, `H (A) port P` or `socket S`).
    private static func attempt(_ line: String) -> (reason: String, place: String)? {
        let opening = "connection to server "
        guard line.hasPrefix(opening), let failed = line.firstRange(of: " failed: ") else { return nil }
        var place = String(line[line.index(line.startIndex, offsetBy: opening.count)..<failed.lowerBound])
        if place.hasPrefix("at ") { place.removeFirst(3) }
        if place.hasPrefix("on ") { place.removeFirst(3) }
        place = place.replacing("\"", with: "").replacing(", port ", with: " port ")
        var reason = String(line[failed.upperBound...])
        if reason.hasPrefix("fe_sendauth: ") { reason.removeFirst("fe_sendauth: ".count) }
        if reason.hasPrefix("FATAL:") { reason = trimmed(String(reason.dropFirst("FATAL:".count))) }
        return (reason, place)
    }

    /// `psql: error: TEXT` / `pg_dump: error: TEXT` → `TEXT`.
    private static func withoutToolPrefix(_ line: String) -> String {
        for tool in ["psql", "pg_dump", "pg_restore"] where line.hasPrefix("\(tool): error: ") {
            return String(line.dropFirst("\(tool): error: ".count))
        }
        return line
    }

    private static func trimmed(_ text: String) -> String {
        String(text.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
