import FoundationEssentials

/// The `manifest.json` of one configuration snapshot: its id, when and why it was taken, and every listed file
/// as it was (bytes stored beside the manifest under ``File/stored``, with mode, owner, group and sha256), or
/// that it was missing.
public struct ConfigSnapshotManifest: Sendable, Equatable, Codable {
    /// One listed file at snapshot time.
    public struct File: Sendable, Equatable, Codable {
        /// The absolute path of the file.
        public var path: String
        /// Whether it existed (false: recorded as missing; a restore recreates nothing for it).
        public var present: Bool
        /// The stored copy's name inside the snapshot's `files/` folder (empty when missing).
        public var stored: String
        /// Its size in bytes.
        public var size: Int64
        /// Its permission bits (`st_mode & 07777`).
        public var mode: UInt32
        /// Its owner and group ids, and their names when the system knows them.
        public var uid: UInt32
        public var gid: UInt32
        public var owner: String
        public var group: String
        /// The lowercase hex sha256 of its bytes (empty when missing).
        public var sha256: String

        /// Creates a file record.
        public init(path: String, present: Bool, stored: String = "", size: Int64 = 0, mode: UInt32 = 0, uid: UInt32 = 0,
                    gid: UInt32 = 0, owner: String = "", group: String = "", sha256: String = "") {
            self.path = path
            self.present = present
            self.stored = stored
            self.size = size
            self.mode = mode
            self.uid = uid
            self.gid = gid
            self.owner = owner
            self.group = group
            self.sha256 = sha256
        }

        /// The record of a listed file that did not exist.
        public static func missing(_ path: String) -> File { File(path: path, present: false) }
    }

    /// The snapshot's id: `YYYYMMDDTHHMMSSZ-xxxx` (UTC, then 4 random hex digits), sortable by time.
    public var id: String
    /// The environment.
    public var environment: String
    /// When it was taken.
    public var takenAt: Date
    /// Why: `manual`, `before deploy 1.6.0`, `before rollback 1.5.0`, `before config restore ID`, …
    public var trigger: String
    /// Who took it (user@host).
    public var takenBy: String
    /// The listed files, in the order of `paths` then.
    public var files: [File]

    /// Creates a manifest.
    public init(id: String, environment: String, takenAt: Date, trigger: String, takenBy: String, files: [File]) {
        self.id = id
        self.environment = environment
        self.takenAt = takenAt
        self.trigger = trigger
        self.takenBy = takenBy
        self.files = files
    }

    enum CodingKeys: String, CodingKey {
        case id, environment, takenAt = "taken_at", trigger, takenBy = "taken_by", files
    }

    /// The record of `path`, if the snapshot lists it.
    public func file(_ path: String) -> File? { files.first { $0.path == path } }

    /// A new id for a snapshot taken at `date`, with `random` (0…65535) as its suffix.
    public static func makeID(at date: Date, random: UInt16) -> String {
        let stamp = Self.stamp(date)
        let hex = String(random, radix: 16)
        return "\(stamp)-\(String(repeating: "0", count: 4 - hex.count))\(hex)"
    }

    /// `YYYYMMDDTHHMMSSZ` of `date` in UTC.
    static func stamp(_ date: Date) -> String {
        let parts = civil(date)
        return "\(parts.year)\(two(parts.month))\(two(parts.day))T\(two(parts.hour))\(two(parts.minute))\(two(parts.second))Z"
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ` of `date` (UTC, milliseconds), as `taken_at` is written.
    public static func isoText(_ date: Date) -> String {
        let parts = civil(date)
        let millis = parts.millis < 10 ? "00\(parts.millis)" : parts.millis < 100 ? "0\(parts.millis)" : "\(parts.millis)"
        return "\(parts.year)-\(two(parts.month))-\(two(parts.day))T\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)).\(millis)Z"
    }

    /// The date of `YYYY-MM-DDTHH:MM:SS[.fff]Z`; nil for anything else.
    public static func parseISO(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int64? { Int64(String(decoding: bytes[range], as: UTF8.self)) }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
              let minute = number(14..<16), let second = number(17..<19) else { return nil }
        var fraction = 0.0
        if bytes.count > 20, bytes[19] == UInt8(ascii: ".") {
            guard let digits = Double("0" + String(decoding: bytes[19..<(bytes.count - 1)], as: UTF8.self)) else { return nil }
            fraction = digits
        }
        // Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return Date(timeIntervalSince1970: Double(days * 86_400 + hour * 3600 + minute * 60 + second) + fraction)
    }

    private static func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// The UTC civil date and time of `date` (Howard Hinnant's algorithm).
    private static func civil(_ date: Date) -> (year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64, millis: Int64) {
        let totalMillis = Int64(clampingFinite: (date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = totalMillis >= 0 ? totalMillis / 1000 : (totalMillis - 999) / 1000
        let millis = totalMillis - seconds * 1000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day, rest / 3600, rest % 3600 / 60, rest % 60, millis)
    }

    /// Decodes a manifest (`taken_at` as written by ``isoText(_:)``).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        environment = try container.decode(String.self, forKey: .environment)
        let text = try container.decode(String.self, forKey: .takenAt)
        guard let date = Self.parseISO(text) else {
            throw DecodingError.dataCorruptedError(forKey: .takenAt, in: container, debugDescription: "not an ISO 8601 UTC time: \(text)")
        }
        takenAt = date
        trigger = try container.decode(String.self, forKey: .trigger)
        takenBy = try container.decode(String.self, forKey: .takenBy)
        files = try container.decode([File].self, forKey: .files)
    }

    /// Encodes the manifest (`taken_at` in UTC with milliseconds).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(environment, forKey: .environment)
        try container.encode(Self.isoText(takenAt), forKey: .takenAt)
        try container.encode(trigger, forKey: .trigger)
        try container.encode(takenBy, forKey: .takenBy)
        try container.encode(files, forKey: .files)
    }
}
