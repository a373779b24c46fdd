/// What an action's commands printed, as the audit log keeps it: a sha256 of the whole output, its size,
/// and the last lines (secrets removed), so a record proves what was seen without storing all of it.
public struct OutputDigest: Codable, Sendable, Equatable {
    /// sha256 of the output bytes (standard output, then standard error), lowercase hex (libcrypto's); empty
    /// only when libcrypto could not compute one (see ``SHA256``).
    public var sha256: String
    /// How many bytes were printed.
    public var bytes: Int
    /// How many lines were printed.
    public var lines: Int
    /// The last lines (at most ``tailLimit``, each cut at ``lineLimit`` characters), with secrets replaced.
    public var tail: [String]
    /// The last lines of the service's log (at most 50), captured when a restart or rollback failed its
    /// health wait (`[environments.NAME.logs.SERVICE]`); nil otherwise. Secrets replaced as in ``tail``.
    public var logTail: [String]?

    enum CodingKeys: String, CodingKey {
        case sha256, bytes, lines, tail
        case logTail = "log_tail"
    }

    /// How many lines ``tail`` keeps.
    public static let tailLimit = 5
    /// How many characters of a tail line are kept.
    public static let lineLimit = 200

    /// Creates a digest from its parts.
    public init(sha256: String, bytes: Int, lines: Int, tail: [String]) {
        self.sha256 = sha256
        self.bytes = bytes
        self.lines = lines
        self.tail = tail
    }

    /// The digest of `output`; every string of `secrets` (3 characters or longer) is replaced by `***`
    /// in the kept tail. The hash is of the output as printed.
    public init(of output: String, secrets: [String] = []) {
        let bytes = Array(output.utf8)
        sha256 = SHA256.hex(of: bytes) ?? ""
        self.bytes = bytes.count
        let all = output.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        let printed = all.last?.isEmpty == true ? all.dropLast() : all[...]
        lines = printed.count
        tail = printed.suffix(Self.tailLimit).map { line in
            var text = String(line.prefix(Self.lineLimit))
            for secret in secrets where secret.count >= 3 { text = text.replacing(secret, with: "***") }
            return text
        }
    }
}
