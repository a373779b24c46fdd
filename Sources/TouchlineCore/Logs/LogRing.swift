/// The lines the Logs view keeps: the newest ``lineLimit`` lines within ``byteLimit`` bytes, oldest
/// evicted first; every line has a sequence number (its position in the whole stream) so a scrolled-back
/// view keeps its place while lines arrive and leave.
public struct LogRing: Sendable, Equatable {
    /// Lines kept at most.
    public static let lineLimit = 10_000
    /// Bytes of text kept at most (8 MiB: 10,000 cut megabyte lines would otherwise hold 40 MB).
    public static let byteLimit = 8 << 20

    private var storage: [LogLine] = []
    private var head = 0
    /// Lines kept now.
    public private(set) var count = 0
    /// Lines ever appended (the sequence number the next line gets).
    public private(set) var total = 0
    /// Bytes of text kept now.
    public private(set) var bytes = 0
    private let capacity: Int

    /// An empty ring of at most `capacity` lines.
    public init(capacity: Int = LogRing.lineLimit) {
        self.capacity = max(1, capacity)
    }

    /// Sequence number of the oldest line kept.
    public var firstSequence: Int { total - count }

    /// Lines evicted so far (to stay within the limits).
    public var evicted: Int { total - count }

    /// Appends `lines`, evicting the oldest beyond the limits.
    public mutating func append(contentsOf lines: [LogLine]) {
        for line in lines { append(line) }
    }

    /// Appends one line.
    public mutating func append(_ line: LogLine) {
        if count == capacity { removeOldest() }
        let index = (head + count) % capacity
        if index == storage.count { storage.append(line) } else { storage[index] = line }
        count += 1
        total += 1
        bytes += line.text.utf8.count
        while bytes > Self.byteLimit && count > 1 { removeOldest() }
    }

    private mutating func removeOldest() {
        bytes -= storage[head].text.utf8.count
        storage[head] = LogLine(text: "", level: .other)
        head = (head + 1) % capacity
        count -= 1
        if count == 0 { head = 0; storage.removeAll(keepingCapacity: true) }
    }

    /// The line with sequence number `sequence`, when it is still kept.
    public subscript(sequence sequence: Int) -> LogLine? {
        guard sequence >= firstSequence, sequence < total else { return nil }
        return storage[(head + sequence - firstSequence) % capacity]
    }

    /// The sequence numbers kept, oldest first.
    public var sequences: Range<Int> { firstSequence..<total }

    /// The kept lines, oldest first.
    public var lines: [LogLine] { sequences.compactMap { self[sequence: $0] } }

    public static func == (lhs: LogRing, rhs: LogRing) -> Bool {
        lhs.total == rhs.total && lhs.count == rhs.count && lhs.head == rhs.head && lhs.storage == rhs.storage
    }
}
