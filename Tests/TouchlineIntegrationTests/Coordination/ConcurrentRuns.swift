import Foundation

/// Runs `count` commands at the same moment, each on a thread of its own (not a pool that would run two at
/// a time on two cores), and returns their results by index.
enum ConcurrentRuns {
    typealias Result = (code: Int32, stdout: String, stderr: String, seconds: Double)

    static func run(count: Int, _ body: @escaping @Sendable (Int) -> Result) -> [Result] {
        let results = RaceResults()
        let group = DispatchGroup()
        let start = DispatchSemaphore(value: 0)
        for index in 0..<count {
            group.enter()
            Thread {
                start.wait()
                results.set(index, body(index))
                group.leave()
            }.start()
        }
        for _ in 0..<count { start.signal() }
        group.wait()
        return results.all
    }
}
