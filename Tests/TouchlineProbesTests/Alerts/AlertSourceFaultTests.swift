import Foundation
import Testing
import TouchlineCore
@testable import TouchlineProbes
@testable import TouchlineTestSupport

/// Section 6 of issue 14 with local listeners: an alert source stopped, too slow, answering 500, invalid JSON
/// or `{"status":"error"}` gives one sentence naming the request, within the timeout; and the scale case:
/// 1,000 alerts (a recorded Alertmanager answer, repeated with varied labels) listed (release target: under 50 ms).
@Suite("Alert source faults")
struct AlertSourceFaultTests {
    static func response(_ status: String, _ body: String) -> [UInt8] {
        Array("HTTP/1.1 \(status)\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8)
    }

    static func client(port: Int, prometheus: Bool = false, timeout: Double = 1) -> AlertSourceClient {
        let url = "http://127.0.0.1:\(port)"
        return AlertSourceClient(config: AlertsConfig(source: prometheus ? .prometheus(url) : .alertmanager(url),
                                                      matchers: [AlertMatcher(name: "env", value: "staging")], interval: 1, timeout: timeout))
    }

    @Test("stopped: connection refused, named")
    func stopped() {
        let port = TestStack.freePort()
        let poll = Self.client(port: port).poll(environment: "staging")
        #expect(poll.error?.hasPrefix("GET http://127.0.0.1:\(port)/api/v2/alerts: ") == true, "\(poll.error ?? "")")
        #expect(poll.error?.contains("connection refused (127.0.0.1:\(port))") == true, "\(poll.error ?? "")")
        #expect(AlertsGate.exitCode(poll) == 2)
    }

    @Test("slow beyond the timeout: the poll ends at its deadline with the timeout named")
    func slow() throws {
        let listener = try LocalListener(.silent)
        defer { listener.stop() }
        let started = Date()
        let poll = Self.client(port: listener.port, timeout: 0.5).poll(environment: "staging")
        let seconds = Date().timeIntervalSince(started)
        #expect(poll.error?.hasSuffix("timeout after 500ms") == true, "\(poll.error ?? "")")
        #expect(seconds < 1.0, "took \(seconds) s")
    }

    @Test("500, invalid JSON, {\"status\":\"error\"}: each a sentence")
    func badAnswers() throws {
        let cases: [(response: [UInt8], prometheus: Bool, expected: String)] = [
            (Self.response("500 Internal Server Error", "internal error: storage unavailable"), false,
             "HTTP 500: internal error: storage unavailable"),
            (Self.response("200 OK", "<html>maintenance</html>"), false,
             "invalid JSON (expected a JSON array of alerts), body starts: <html>maintenance</html>"),
            (Self.response("200 OK", #"{"status":"error","errorType":"internal","error":"alerts unavailable"}"#), false,
             "answered error internal: alerts unavailable"),
            (Self.response("503 Service Unavailable", #"{"status":"error","errorType":"unavailable","error":"rule manager not ready"}"#), true,
             "Prometheus answered error unavailable: rule manager not ready (HTTP 503)"),
            (Self.response("200 OK", #"{"status":"success","data":{}}"#), true, "invalid JSON (expected {\"status\":\"success\""),
        ]
        for item in cases {
            let listener = try LocalListener(.respondEach(item.response))
            defer { listener.stop() }
            let poll = Self.client(port: listener.port, prometheus: item.prometheus).poll(environment: "staging")
            #expect(poll.error?.contains(item.expected) == true, "\(poll.error ?? "no error")")
            #expect(poll.alerts.isEmpty)
        }
    }

    @Test("a poller reports a failing source every interval and never blocks its caller")
    func pollerKeepsGoing() throws {
        let listener = try LocalListener(.silent)
        defer { listener.stop() }
        let collected = PollBox()
        let config = AlertsConfig(source: .alertmanager("http://127.0.0.1:\(listener.port)"), interval: 0.2, timeout: 0.3)
        let started = Date()
        let poller = AlertPoller(environment: "staging", config: config) { collected.add($0) }
        poller.start()
        #expect(Date().timeIntervalSince(started) < 0.1)
        let deadline = Date().addingTimeInterval(3)
        while collected.count < 2 && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        poller.stop()
        #expect(collected.count >= 2)
        #expect(collected.all.allSatisfy { $0.error?.hasSuffix("timeout after 300ms") == true })
    }

    @Test("a poller: stopped, slow, 500, invalid JSON, status error each within interval + timeout, then recovery by itself",
          arguments: [false, true])
    func faultsAndRecovery(prometheus: Bool) throws {
        let good = SwitchableHTTPListener.response(200, prometheus ? #"{"status":"success","data":{"alerts":[]}}"# : "[]")
        let listener = try SwitchableHTTPListener(.answer(good))
        defer { listener.stop() }
        let interval = 0.5, timeout = 0.5
        let url = "http://127.0.0.1:\(listener.port)"
        let config = AlertsConfig(source: prometheus ? .prometheus(url) : .alertmanager(url), interval: interval, timeout: timeout)
        let collected = PollBox()
        let poller = AlertPoller(environment: "staging", config: config) { collected.add($0) }
        poller.start()
        defer { poller.stop() }
        let deadline = interval + timeout + 1.0   // one interval plus the timeout, and slack for a loaded machine
        #expect(collected.wait(since: .distantPast, seconds: 5) { $0.error == nil } != nil, "never answered at first")
        let faults: [(String, SwitchableHTTPListener.Mode, String)] = [
            ("stopped", .stopped, "connection refused (127.0.0.1:\(listener.port))"),
            ("slow", .silent, "timeout after 500ms"),
            ("500", .answer(SwitchableHTTPListener.response(500, "internal error", contentType: "text/plain")), "HTTP 500"),
            ("invalid JSON", .answer(SwitchableHTTPListener.response(200, "<html>502 Bad Gateway</html>", contentType: "text/html")),
             "invalid JSON"),
            ("status error", .answer(SwitchableHTTPListener.response(200, #"{"status":"error","errorType":"internal","error":"alerts unavailable"}"#)),
             "answered error internal: alerts unavailable"),
        ]
        for (name, mode, reason) in faults {
            let start = Date()
            try listener.set(mode)
            let failed = collected.wait(since: start, seconds: deadline + 2) { ($0.error ?? "").contains(reason) }
            #expect(failed != nil, "\(name): no poll saying \"\(reason)\": \(collected.all.suffix(3).map { $0.error ?? "ok" })")
            if let failed { #expect(failed <= deadline, "\(name): the reason came after \(failed)s") }
            let back = Date()
            try listener.set(.answer(good))
            let answered = collected.wait(since: back, seconds: deadline + 2) { $0.error == nil }
            #expect(answered != nil, "\(name): the source did not recover by itself")
            if let answered { #expect(answered <= deadline, "\(name): recovered only after \(answered)s") }
        }
    }

    @Test("1,000 alerts from a listener: fetched, parsed, filtered and sorted (median of 10; 50 ms in release)")
    func thousandAlerts() throws {
        let body = Self.thousandAlerts()
        let listener = try LocalListener(.routes(["/api/v2/alerts": Self.response("200 OK", body), "/api/v2/silences": Self.response("200 OK", "[]")]))
        defer { listener.stop() }
        let client = Self.client(port: listener.port, timeout: 5)
        defer { client.close() }
        var times: [Double] = []
        var poll = client.poll(environment: "staging")
        for _ in 0..<10 {
            let started = ContinuousClock.now
            poll = client.poll(environment: "staging")
            times.append(started.duration(to: .now).seconds)
        }
        #expect(poll.error == nil, "\(poll.error ?? "")")
        #expect(poll.alerts.count == 1000)
        #expect(poll.alerts.first?.severity == .critical)
        let median = times.sorted()[times.count / 2]
        print(String(format: "alerts bench: 1000 alerts (%d KiB) listed in %.1f ms median, %.1f ms max", body.utf8.count / 1024,
                     median * 1000, (times.max() ?? 0) * 1000))
        // The 50 ms target is the release build's (bench/alerts.sh measures it through `touchline alerts`); this debug
        // build copies and decodes without the optimizer (about 80 ms here while other builds run), so it is held to 250 ms.
        #expect(median < 0.25, "median \(median * 1000) ms")
    }

    /// A recorded Alertmanager alert of the stack (ApiHighLatency), repeated 1,000 times with a varied instance,
    /// service and severity.
    static func thousandAlerts() -> String {
        let items = (0..<1000).map { index -> String in
            let severity = ["critical", "warning", "info", "warning"][index % 4]
            return """
            {"annotations":{"description":"The Football Prediction API's 95th percentile request latency is 4.817s over the last 15 seconds (threshold 1 s).","summary":"API p95 latency is over 1 s"},"endsAt":"2026-11-30T05:27:11.585Z","fingerprint":"\(String(format: "%016x", index * 7919))","receivers":[{"name":"alerts-staging"}],"startsAt":"2026-11-30T05:\(String(format: "%02d", index % 60)):03.585123456Z","status":{"inhibitedBy":[],"silencedBy":[],"state":"active"},"updatedAt":"2026-11-30T05:26:11.585Z","generatorURL":"http://vm:9090/graph?g0.expr=histogram_quantile%280.95%29&g0.tab=1","labels":{"alertname":"ApiHighLatency","env":"staging","instance":"api-\(index).staging:8000","job":"football-api","service":"api-\(index % 40)","severity":"\(severity)"}}
            """
        }
        return "[" + items.joined(separator: ",") + "]"
    }
}

/// Polls collected from the poller's thread.
private final class PollBox: @unchecked Sendable {
    private let lock = NSLock()
    private var polls: [(Date, AlertsPoll)] = []
    func add(_ poll: AlertsPoll) { lock.withLock { polls.append((Date(), poll)) } }
    var all: [AlertsPoll] { lock.withLock { polls.map(\.1) } }
    var count: Int { all.count }

    /// Waits up to `seconds` for a poll reported after `since` that satisfies `match`; returns how long after `since` it came.
    func wait(since: Date, seconds: Double, _ match: (AlertsPoll) -> Bool) -> Double? {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if let found = lock.withLock({ polls.first { $0.0 > since && match($0.1) } }) { return found.0.timeIntervalSince(since) }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return nil
    }
}
