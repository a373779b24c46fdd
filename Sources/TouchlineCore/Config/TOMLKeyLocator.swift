import FoundationEssentials

/// Finds the source line of a key path such as `environments.staging.probes[1].timeout`.
///
/// TOMLDocument gives line numbers only for syntax errors, so this scans the text for table headers
/// and `key =` lines. Keys it cannot see (inside inline tables) fall back to their table's line.
public struct TOMLKeyLocator: Sendable {
    private var lines: [String: Int] = [:]
    private var order: [String] = []

    /// Indexes every header and key line of `text`.
    public init(text: String) {
        var prefix = ""
        var arrayCounts: [String: Int] = [:]
        for (index, rawLine) in TextLines.split(TextLines.withoutByteOrderMark(text)).enumerated() {
            let lineNumber = index + 1
            let line = Self.stripComment(String(rawLine)).trimming(charactersIn: " \t")
            if line.hasPrefix("[[") && line.hasSuffix("]]") {
                let name = Self.normalize(String(line.dropFirst(2).dropLast(2)))
                let count = arrayCounts[name, default: 0]
                arrayCounts[name] = count + 1
                prefix = Self.resolve(name, arrayCounts: arrayCounts, isArray: true, count: count)
                record(prefix, line: lineNumber)
            } else if line.hasPrefix("[") && line.hasSuffix("]") {
                let name = Self.normalize(String(line.dropFirst().dropLast()))
                prefix = Self.resolve(name, arrayCounts: arrayCounts, isArray: false, count: 0)
                record(prefix, line: lineNumber)
            } else if let equals = line.firstIndex(of: "="), !line.hasPrefix("\"\"\"") {
                let key = Self.normalize(String(line[..<equals]))
                guard !key.isEmpty else { continue }
                // `a.b.c = 1` defines `a` and `a.b` on this line too (unless a header or key did before).
                var dotted = prefix
                for part in key.split(separator: ".") {
                    dotted = dotted.isEmpty ? String(part) : "\(dotted).\(part)"
                    record(dotted, line: lineNumber)
                }
            }
        }
    }

    /// The line of `path`, or of the nearest enclosing table that has one.
    public func line(of path: String) -> Int? {
        var candidate = path
        while !candidate.isEmpty {
            if let line = lines[candidate] { return line }
            guard let cut = candidate.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            candidate = String(candidate[..<cut])
        }
        return nil
    }

    /// The position of `path` in the file, for ordering tables as they were written.
    public func order(of path: String) -> Int {
        order.firstIndex(of: path) ?? Int.max
    }

    private mutating func record(_ path: String, line: Int) {
        if lines[path] == nil {
            lines[path] = line
            order.append(path)
        }
    }

    /// Rewrites `a.b.c` so that parents which are arrays of tables carry the index of their last element.
    private static func resolve(_ name: String, arrayCounts: [String: Int], isArray: Bool, count: Int) -> String {
        let parts = name.split(separator: ".").map(String.init)
        var resolved = ""
        var plain = ""
        for (index, part) in parts.enumerated() {
            plain = plain.isEmpty ? part : "\(plain).\(part)"
            resolved = resolved.isEmpty ? part : "\(resolved).\(part)"
            let isLast = index == parts.count - 1
            if isLast {
                if isArray { resolved += "[\(count)]" }
            } else if let parentCount = arrayCounts[plain], parentCount > 0 {
                resolved += "[\(parentCount - 1)]"
            }
        }
        return resolved
    }

    private static func normalize(_ key: String) -> String {
        key.split(separator: ".")
            .map { $0.trimming(charactersIn: " \t").trimming(charactersIn: "\"'") }
            .joined(separator: ".")
    }

    private static func stripComment(_ line: String) -> String {
        var inString: Character?
        for (offset, character) in line.enumerated() {
            if let quote = inString {
                if character == quote { inString = nil }
            } else if character == "\"" || character == "'" {
                inString = character
            } else if character == "#" {
                return String(line.prefix(offset))
            }
        }
        return line
    }
}
