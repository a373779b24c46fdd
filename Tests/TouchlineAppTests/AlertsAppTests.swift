import Foundation
import Testing
import TouchlineApp
import TouchlineCore
import TouchlineOps
@testable import TouchlineTestSupport
import TouchlineUI

/// The Alerts view in the running loop (App tier): a local listener stands in for Alertmanager, the real poller
/// reads it on its own thread, the header counts, `!` opens the view, a new critical rings the bell (once), and
/// an unreadable source shows its reason while every other key keeps answering, and the open view recovers by
/// itself when the source answers again.
@Suite("Alerts in the dashboard loop")
struct AlertsAppTests {
    static let alert = """
    [{"annotations":{"summary":"API p95 latency is over 1 s"},"fingerprint":"f1","startsAt":"2026-11-30T05:00:00Z","status":{"inhibitedBy":[],"silencedBy":[],"state":"active"},"labels":{"alertname":"ApiHighLatency","env":"staging","service":"api","severity":"critical"}}]
    """

    static func response(_ body: String) -> [UInt8] {
        Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8)
    }

    /// Runs the loop over `script` with staging's alerts read from `port`.
    static func run(port: Int, interval: String = "1m", watchdog seconds: Int = 10,
                    script: (EventQueue) -> [TestScreenBackend.Step]) throws -> (code: Int32, frames: [String], bells: Int, failures: [String]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("touchline-alerts-app-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = """
        [environments.staging]
        state_dir = "\(folder)/state"
        [environments.staging.alerts]
        alertmanager = "http://127.0.0.1:\(port)"
        matchers = ["env=staging"]
        interval = "\(interval)"
        timeout = "500ms"
        [[environments.staging.probes]]
        name = "api"
        kind = "tcp"
        address = "127.0.0.1:9"
        """
        let environments = try ConfigLoader.parse(text, file: "alerts-app.toml", baseDirectory: folder, environment: [:]).environments
        let queue = EventQueue()
        let screen = TestScreenBackend(width: 120, height: 40, script: script(queue), keyGap: 100)
        screen.onTimeout = { queue.post(.terminate(signal: 15)) }
        let log = StateLog(directory: folder)
        let loop = DashboardLoop(state: DashboardState(environments: environments, environmentIndex: 0, theme: "default", themes: ["default"],
                                                       readOnly: false, now: Date(), width: 120, height: 40),
                                 screen: screen, queue: queue, fleet: ProbeFleet(idle: queue), log: log,
                                 themes: ThemePalette(loader: ThemeLoader(directories: []), monochrome: true),
                                 actions: ActionDesk(environments: environments, queue: queue, log: log))
        let watchdog = DispatchWorkItem { queue.post(.terminate(signal: 9)) }
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(seconds), execute: watchdog)
        let code = loop.run()
        watchdog.cancel()
        return (code, screen.frames.map(\.text), screen.bells, screen.failures.map { "\($0)" })
    }

    @Test("the poller's answer: header counts, ! lists the alert; a new critical posted later rings the bell once")
    func viewAndBell() throws {
        let listener = try LocalListener(.routes(["/api/v2/alerts": Self.response(Self.alert), "/api/v2/silences": Self.response("[]")]))
        defer { listener.stop() }
        var second = try AlertsJSON.alertmanagerAlerts(Array(Self.alert.utf8), what: "t").get()
        second[0].fingerprint = "f2"
        second[0].labels["service"] = "auth"
        let both = try AlertsJSON.alertmanagerAlerts(Array(Self.alert.utf8), what: "t").get() + second
        let result = try Self.run(port: listener.port) { queue in [
            .waitUntil("header counts") { $0.split(separator: "\n").first?.contains("ALERTS 1 critical") == true },
            .key(.character("!")),
            .waitUntil("the view") { $0.contains("Alerts · STAGING") && $0.contains("ApiHighLatency") && $0.contains("firing") },
            .key(.escape),
            .waitUntil("closed") { !$0.contains("Alerts · STAGING") },
            .perform { queue.post(.alertsPolled(AlertsPoll.answered(environment: "staging", time: Date(), alerts: both, silences: [], matchers: []))) },
            .waitUntil("the new alert's event") { $0.contains("ALERTS 2 critical") },
            .key(.character("q")),
        ] }
        #expect(result.failures.isEmpty, "\(result.failures)\n\(result.frames.last ?? "")")
        #expect(result.code == 0)
        #expect(result.bells == 1, "one bell: for the new critical, none for the alerts of the first poll")
        #expect(result.frames.contains { $0.contains("alert firing: ApiHighLatency [critical]") })
    }

    @Test("an Alertmanager that never answers: the reason in the view within the timeout, the rest of the dashboard answers")
    func unreadable() throws {
        let listener = try LocalListener(.silent)
        defer { listener.stop() }
        let result = try Self.run(port: listener.port) { _ in [
            .key(.character("!")),
            .waitUntil("the reason") { $0.contains("▲ cannot read alerts:") && $0.contains("timeout after 500ms") },
            .key(.escape),
            .key(.character("?")),
            .waitUntil("help answers") { $0.contains("alerts and silences") },
            .key(.escape),
            .waitUntil("header") { $0.split(separator: "\n").first?.contains("alerts ?") == true },
            .key(.character("q")),
        ] }
        #expect(result.failures.isEmpty, "\(result.failures)\n\(result.frames.last ?? "")")
        #expect(result.code == 0)
    }

    @Test("the open Alerts view shows each fault's reason and recovers by itself: stopped, good, 500, good, invalid JSON, good")
    func recovers() throws {
        let good = SwitchableHTTPListener.response(200, Self.alert)
        let listener = try SwitchableHTTPListener(.stopped)
        defer { listener.stop() }
        func listed(_ screen: String) -> Bool {
            !screen.contains("▲ cannot read alerts") && screen.split(separator: "\n").contains { $0.contains("ApiHighLatency") && $0.contains("firing") }
        }
        let result = try Self.run(port: listener.port, interval: "1s", watchdog: 30) { _ in [
            .key(.character("!")),
            .waitUntil("stopped") { $0.contains("▲ cannot read alerts:") && $0.contains("connection refused (127.0.0.1:\(listener.port))") },
            .perform { try? listener.set(.answer(good)) },
            .waitUntil("listed after stopped") { listed($0) },
            .perform { try? listener.set(.answer(SwitchableHTTPListener.response(500, "storage unavailable", contentType: "text/plain"))) },
            .waitUntil("500") { $0.contains("▲ cannot read alerts:") && $0.contains("HTTP 500: storage unavailable") && $0.contains("last answer") },
            .perform { try? listener.set(.answer(good)) },
            .waitUntil("listed after 500") { listed($0) },
            .perform { try? listener.set(.answer(SwitchableHTTPListener.response(200, "<html>maintenance</html>", contentType: "text/html"))) },
            .waitUntil("invalid JSON") { $0.contains("▲ cannot read alerts:") && $0.contains("invalid JSON") },
            .perform { try? listener.set(.answer(good)) },
            .waitUntil("listed after invalid JSON") { listed($0) },
            .key(.escape),
            .waitUntil("header counts again") { $0.split(separator: "\n").first?.contains("ALERTS 1 critical") == true },
            .key(.character("q")),
        ] }
        #expect(result.failures.isEmpty, "\(result.failures)\n\(result.frames.last ?? "")")
        #expect(result.code == 0)
    }
}
