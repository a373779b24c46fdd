/// One table's row count after the rehearsal compared with the backup's manifest.
public struct RowCountCheck: Sendable, Equatable {
    /// `schema.table`.
    public var table: String
    /// The count in the backup's manifest.
    public var expected: Int64
    /// The count queried after the restore (nil when the table is missing).
    public var found: Int64?

    /// Creates a comparison.
    public init(table: String, expected: Int64, found: Int64?) {
        self.table = table
        self.expected = expected
        self.found = found
    }

    /// Whether the counts agree.
    public var matches: Bool { found == expected }

    /// Compares every table of `expected` with `found`, sorted by table name.
    public static func compare(expected: [String: Int64], found: [String: Int64]) -> [RowCountCheck] {
        expected.keys.sorted().map { RowCountCheck(table: $0, expected: expected[$0] ?? 0, found: found[$0]) }
    }
}
