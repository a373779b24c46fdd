import Foundation
@testable import TouchlineTestSupport

/// Late-poll lines and a sample count, shared with the runner's thread.
final class LateNotes: @unchecked Sendable {
    private let lock = NSLock()
    private var notes: [String] = []
    private var count = 0

    func add(_ line: String) { lock.withLock { notes.append(line) } }
    func lines() -> [String] { lock.withLock { notes } }
    /// Counts one more sample and returns the count.
    func sampled() -> Int { lock.withLock { count += 1; return count } }
    /// The samples counted so far.
    var sampleCount: Int { lock.withLock { count } }
}
