import Foundation
import Synchronization
import Testing
import TouchlineCore
@testable import TouchlineProbes
@testable import TouchlineTestSupport

/// A prometheus probe against a Prometheus that misbehaves (a local listener): stopped, slow past the
/// timeout, answering 500, answering something that is not JSON, answering `{"status":"error"}`. Each shows
/// its reason within one interval plus the timeout, and the probe recovers by itself when the answer is good.
@Suite("Prometheus probe faults", .serialized)
struct PrometheusProbeFaultTests {
    static let good = SwitchableHTTPListener.response(200, #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"up","job":"api"},"value":[1712345678.1,"1"]}]}}"#)
    static let interval = 0.5
    static let timeout = 0.5

    /// The samples a runner reported, shared with its thread.
    final class Samples: Sendable {
        let list = Mutex<[(Date, ProbeSample)]>([])
        func add(_ sample: ProbeSample) { list.withLock { $0.append((Date(), sample)) } }

        /// Waits up to `seconds` for a sample after `since` that satisfies `match`; returns it and when it came.
        func wait(since: Date, seconds: Double, _ match: (ProbeSample) -> Bool) -> (ProbeSample, Double)? {
            let end = Date().addingTimeInterval(seconds)
            while Date() < end {
                if let found = list.withLock({ $0.first { $0.0 > since && match($0.1) } }) {
                    return (found.1, found.0.timeIntervalSince(since))
                }
                Thread.sleep(forTimeInterval: 0.02)
            }
            return nil
        }
    }

    private func config(port: Int, query: String = "up") -> ProbeConfig {
        let target = PrometheusProbeTarget(url: "http://127.0.0.1:\(port)", address: HostPort(host: "127.0.0.1", port: port), query: query, down: 0,
                                           direction: .below)
        return ProbeConfig(name: "prom", interval: Self.interval, timeout: Self.timeout, latencyWarn: nil, target: .prometheus(target))
    }

    @Test("stopped, slow, 500, invalid JSON, status error: the reason within interval + timeout, then recovery")
    func faultsAndRecovery() throws {
        let listener = try SwitchableHTTPListener(.answer(Self.good))
        defer { listener.stop() }
        let samples = Samples()
        let runner = ProbeRunner(config: config(port: listener.port), environment: [:]) { samples.add($0) }
        runner.start()
        defer { runner.stop() }
        let deadline = Self.interval + Self.timeout + 1.0   // one interval plus the timeout, and slack for a loaded machine
        #expect(samples.wait(since: Date.distantPast, seconds: 5) { $0.status == .up } != nil, "never up at first")
        let faults: [(String, SwitchableHTTPListener.Mode, String)] = [
            ("stopped", .stopped, "connection refused"),
            ("slow", .silent, "timeout after 500ms"),
            ("500", .answer(SwitchableHTTPListener.response(500, "internal error", contentType: "text/plain")), "HTTP 500 from Prometheus: internal error"),
            ("invalid JSON", .answer(SwitchableHTTPListener.response(200, "<html>502 Bad Gateway</html>", contentType: "text/html")),
             "not a Prometheus answer: invalid JSON at byte 0"),
            ("status error", .answer(SwitchableHTTPListener.response(422, #"{"status":"error","errorType":"execution","error":"query processing would load too many samples into memory"}"#)),
             "query rejected (execution): query processing would load too many samples into memory — query: up"),
        ]
        for (name, mode, reason) in faults {
            let start = Date()
            try listener.set(mode)
            let down = samples.wait(since: start, seconds: deadline + 2) { $0.status == .down && ($0.error ?? "").contains(reason) }
            #expect(down != nil, "\(name): no down sample saying \"\(reason)\": \(samples.list.withLock { $0.suffix(3).map { $0.1.error ?? "up" } })")
            if let down { #expect(down.1 <= deadline, "\(name): the reason came after \(down.1)s") }
            let back = Date()
            try listener.set(.answer(Self.good))
            let up = samples.wait(since: back, seconds: deadline + 2) { $0.status == .up }
            #expect(up != nil, "\(name): the probe did not recover by itself")
            if let up { #expect(up.1 <= deadline, "\(name): recovered only after \(up.1)s") }
        }
    }

    @Test("the query check at start: a rejected query is a warning naming the probe and the query; unreachable is not")
    func queryCheck() throws {
        let rejecting = try SwitchableHTTPListener(.answer(SwitchableHTTPListener.response(400,
            #"{"status":"error","errorType":"bad_data","error":"invalid parameter \"query\": 1:5: parse error: unexpected end of input"}"#)))
        defer { rejecting.stop() }
        let closed = try SwitchableHTTPListener(.stopped)
        let text = """
            [environments.staging]
            [[environments.staging.probes]]
            name = "broken"
            kind = "prometheus"
            url = "http://127.0.0.1:\(rejecting.port)"
            query = "sum("
            [[environments.staging.probes]]
            name = "unreachable"
            kind = "prometheus"
            url = "http://127.0.0.1:\(closed.port)"
            query = "up"
            """
        let environment = try #require(try ConfigLoader.parse(text, file: "c.toml", baseDirectory: "/tmp", environment: [:]).environments.first)
        let warnings = PrometheusQueryCheck.warnings(environment, file: "c.toml", processEnvironment: [:])
        #expect(warnings == ["c.toml: environments.staging probe 'broken': warning: Prometheus at http://127.0.0.1:\(rejecting.port) does not accept the query: "
                             + "query rejected (bad_data): invalid parameter \"query\": 1:5: parse error: unexpected end of input — query: sum("])
        #expect(PrometheusQueryCheck.warnings(environment, probes: ["unreachable"], file: "c.toml", processEnvironment: [:]).isEmpty)
    }

    @Test("the query travels URL-encoded as curl would send it")
    func encoding() {
        #expect(PrometheusChecker.formBody(query: #"sum(rate(x{a="b"}[5m]))"#) == "query=sum%28rate%28x%7Ba%3D%22b%22%7D%5B5m%5D%29%29")
    }
}
