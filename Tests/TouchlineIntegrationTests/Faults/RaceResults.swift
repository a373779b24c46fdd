import Foundation
@testable import TouchlineTestSupport

/// The two racers' results, filled from two threads.
final class RaceResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Int: (code: Int32, stdout: String, stderr: String, seconds: Double)] = [:]

    func set(_ index: Int, _ result: (code: Int32, stdout: String, stderr: String, seconds: Double)) {
        lock.withLock { results[index] = result }
    }

    var all: [(code: Int32, stdout: String, stderr: String, seconds: Double)] {
        lock.withLock { results.keys.sorted().compactMap { results[$0] } }
    }
}
