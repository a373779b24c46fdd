import Dispatch
import FoundationEssentials
import TouchlineCore
import TouchlineProbes

/// A closed-loop load test with touchline's own HTTP/1.1 client: `concurrency` worker threads, one
/// kept-alive connection each, sending the endpoints in turn back to back for `duration` seconds.
///
/// Each worker first sends one warm-up request that is not counted (the first request of any client
/// pays for the connection set-up). Requests still running at the end are waited for and counted.
final class LoadTest: @unchecked Sendable {
    private let config: RehearsalLoadConfig
    private let address: HostPort
    private let lock = ConditionVariable()
    private var samples: [LoadTestResult.Sample] = []
    private var cancelled = false

    /// A test of `config` against the host at `address`.
    init(config: RehearsalLoadConfig, address: HostPort) {
        self.config = config
        self.address = address
    }

    /// Stops the workers after their current request.
    func cancel() { lock.withLock { cancelled = true } }

    /// Runs the test on the calling thread (blocking), reporting the running count about once a second.
    func run(progress: @escaping @Sendable (String) -> Void) -> LoadTestResult {
        let ready = DispatchGroup()
        let done = DispatchGroup()
        let go = DispatchSemaphore(value: 0)
        for index in 0..<config.concurrency {
            ready.enter()
            done.enter()
            WorkerThread.start(name: "touchline-load-\(index)") { [self] in
                let client = RehearsalHTTP(address: address)
                defer { client.close() }
                _ = client.send(config.endpoints[index % config.endpoints.count], timeout: config.requestTimeout)
                ready.leave()
                go.wait()
                work(client: client, offset: index)
                done.leave()
            }
        }
        ready.wait()
        let started = ContinuousClock.now
        lock.withLock { stopAt = started.advanced(by: .milliseconds(Int64(clampingFinite: config.duration * 1000))) }
        for _ in 0..<config.concurrency { go.signal() }
        while done.wait(timeout: .now() + 1) == .timedOut {
            let (count, errors) = lock.withLock { (samples.count, samples.filter(\.failed).count) }
            let elapsed = started.duration(to: .now).seconds
            let shown = DecimalText.fixed(min(elapsed, config.duration), digits: 0)
            progress("load test: \(shown)/\(DecimalText.fixed(config.duration, digits: 0)) s, \(count) requests, \(errors) errors")
        }
        let wall = started.duration(to: .now).seconds
        let all = lock.withLock { samples }
        return LoadTestResult(samples: all, wallSeconds: wall, concurrency: config.concurrency, maxP95: config.maxP95,
                              maxErrorRate: config.maxErrorRate)
    }

    private var stopAt = ContinuousClock.now

    private func work(client: RehearsalHTTP, offset: Int) {
        var next = offset
        var mine: [LoadTestResult.Sample] = []
        while true {
            let (stop, over) = lock.withLock { (cancelled, ContinuousClock.now >= stopAt) }
            if stop || over { break }
            let request = config.endpoints[next % config.endpoints.count]
            next += 1
            let (response, seconds, error) = client.send(request, timeout: config.requestTimeout)
            if let response {
                let ok = (200..<300).contains(response.status)
                mine.append(.init(seconds: seconds, failed: !ok, error: ok ? nil : "HTTP \(response.status) \(request.label)"))
            } else {
                mine.append(.init(seconds: seconds, failed: true, error: "\(error ?? "failed") (\(request.label))"))
            }
            if mine.count >= 64 {
                lock.withLock { samples += mine }
                mine.removeAll(keepingCapacity: true)
            }
        }
        lock.withLock { samples += mine }
    }
}
