import CLibpq

/// A libpq connection string — keyword/value (`host=db password = 'pa ss'`) or URI
/// (`postgresql://user:pw@db/app?sslmode=require`) — parsed by libpq itself with `PQconninfoParse`, so it
/// means exactly what it means to libpq, pg_dump and psql. `PQconninfoParse` is a pure parse: it reads no
/// environment variable, service file or password file.
///
/// Secrets are the options libpq marks as password fields (`dispchar` `*`: `password`, `sslpassword`).
/// Every rendering is keyword/value text that libpq parses back to the same options:
///
/// ```swift
/// let parsed = try ConnectionString(parsing: "postgresql://app:s3cret@db:5432/app")
/// parsed.redacted        // "user=app password=*** host=db port=5432 dbname=app"
/// parsed.withoutSecrets  // "user=app host=db port=5432 dbname=app"
/// ```
public struct ConnectionString: Sendable, Equatable {
    /// One option libpq found, with the value it will use (URI parts percent-decoded, quotes removed).
    public struct Option: Sendable, Equatable {
        /// libpq's keyword, e.g. `host`, `password`.
        public var keyword: String
        /// The value libpq will use.
        public var value: String
        /// Whether libpq treats it as a password field (`dispchar` `*`).
        public var isSecret: Bool
    }

    /// The options set, in the order the text wrote them (URIs: user, password, host, port, dbname, then
    /// query parameters in libpq's order).
    public let options: [Option]
    /// Whether the text was a `postgresql://` or `postgres://` URI.
    public let isURI: Bool

    /// Parses `text` with `PQconninfoParse`; throws libpq's own message, with anything the text said in it
    /// (which could be a password) left out.
    public init(parsing text: String) throws(ConnectionStringError) {
        var errorPointer: UnsafeMutablePointer<CChar>?
        guard let parsed = PQconninfoParse(text, &errorPointer) else {
            let message = errorPointer.map { String(cString: $0) } ?? "out of memory"
            if let errorPointer { PQfreemem(errorPointer) }
            throw ConnectionStringError(libpqMessage: message, text: text, keywords: Self.keywords)
        }
        defer { PQconninfoFree(parsed) }
        var found: [Option] = []
        var cursor = parsed
        while let keyword = cursor.pointee.keyword {
            if let value = cursor.pointee.val {
                let secret = cursor.pointee.dispchar.map { String(cString: $0).contains("*") } ?? false
                found.append(Option(keyword: String(cString: keyword), value: String(cString: value), isSecret: secret))
            }
            cursor += 1
        }
        isURI = text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
        let order = isURI ? ["user", "password", "host", "hostaddr", "port", "dbname"] : Self.keywordOrder(text)
        options = found.enumerated().sorted { lhs, rhs in
            let left = order.firstIndex(of: lhs.element.keyword) ?? order.count + lhs.offset
            let right = order.firstIndex(of: rhs.element.keyword) ?? order.count + rhs.offset
            return left < right
        }.map(\.element)
    }

    /// Every keyword libpq knows (the options of an empty connection string), in libpq's order.
    public static let keywords: [String] = {
        var errorPointer: UnsafeMutablePointer<CChar>?
        guard let parsed = PQconninfoParse("", &errorPointer) else {
            if let errorPointer { PQfreemem(errorPointer) }
            return []
        }
        defer { PQconninfoFree(parsed) }
        var names: [String] = []
        var cursor = parsed
        while let keyword = cursor.pointee.keyword {
            names.append(String(cString: keyword))
            cursor += 1
        }
        return names
    }()

    /// The values of the secret options (passwords), as libpq will use them.
    public var secrets: [String] { options.filter(\.isSecret).map(\.value) }

    /// The keywords of the secret options present, e.g. `["password"]`.
    public var secretKeywords: [String] { options.filter(\.isSecret).map(\.keyword) }

    /// The value of `keyword`, if set.
    public func value(of keyword: String) -> String? { options.first { $0.keyword == keyword }?.value }

    /// Keyword/value text with every secret shown as `***`: for screens, logs, files and error texts.
    public var redacted: String { Self.render(options.map { $0.isSecret ? Option(keyword: $0.keyword, value: "***", isSecret: true) : $0 }) }

    /// Keyword/value text without the secret options: what may be passed on a command line.
    public var withoutSecrets: String { Self.render(options.filter { !$0.isSecret }) }

    /// `keyword=value` pairs separated by spaces; a value that is empty or holds whitespace, a quote or a
    /// backslash is single-quoted with `\'` and `\\` escaped, as libpq reads it.
    public static func render(_ options: [Option]) -> String {
        options.map { option in
            let plain = !option.value.isEmpty && !option.value.contains { $0.isWhitespace || $0 == "'" || $0 == "\\" }
            if plain { return "\(option.keyword)=\(option.value)" }
            let escaped = option.value.replacing("\\", with: "\\\\").replacing("'", with: "\\'")
            return "\(option.keyword)='\(escaped)'"
        }.joined(separator: " ")
    }

    /// The display form of the connection string `text`: ``redacted``, or, when libpq cannot parse it, a
    /// placeholder that shows none of it.
    public static func display(_ text: String) -> String {
        (try? ConnectionString(parsing: text).redacted) ?? "(a connection string libpq cannot parse)"
    }

    /// The keywords of a keyword/value string libpq has accepted, in the order written: the same grammar
    /// (`keyword [ws] = [ws] value`, values single-quoted with backslash escapes or bare up to whitespace),
    /// read only to keep the operator's order; the values always come from libpq.
    static func keywordOrder(_ text: String) -> [String] {
        var order: [String] = []
        var rest = Substring(text)
        func isSpace(_ character: Character) -> Bool { " \t\n\r\u{0B}\u{0C}\r\n".contains(character) }
        func skipSpace() { rest = rest.drop(while: isSpace) }
        while true {
            skipSpace()
            guard !rest.isEmpty else { break }
            let keyword = rest.prefix { !isSpace($0) && $0 != "=" }
            rest = rest.dropFirst(keyword.count)
            skipSpace()
            guard rest.first == "=" else { break }
            rest = rest.dropFirst()
            skipSpace()
            let quoted = rest.first == "'"
            if quoted { rest = rest.dropFirst() }
            while let character = rest.first {
                rest = rest.dropFirst()
                if character == "\\" {
                    rest = rest.dropFirst()
                } else if quoted ? character == "'" : isSpace(character) {
                    break
                }
            }
            order.removeAll { $0 == String(keyword) }
            order.append(String(keyword))
        }
        return order
    }
}
