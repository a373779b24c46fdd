import Foundation
import Testing
import TouchlineCore
import TouchlineTestSupport

/// Keys → state → frames for the Redis diagnostics view: `d` reads the environment's only redis probe on a
/// thread of its own (here a closed port: a real refusal, no stand-in), the answer comes back as an event and is
/// drawn; `r` reads again, Esc closes, and the dashboard keeps answering while a reading runs.
@Suite("Dashboard loop: Redis diagnostics")
struct RedisDiagnosticsLoopTests {
    typealias H = DashboardHarness

    @Test("d opens the view on redis, the refused connection is its one line and the footer's; r reads again; Esc closes")
    func openReadClose() throws {
        let harness = try DashboardHarness()
        let run = harness.run([harness.sample("api", latency: 0.012), H.waitFor("12.0 ms"),
                               H.key("d"), H.waitFor("Redis diagnostics · redis · STAGING"),
                               H.waitFor("✖ cannot read: connection refused (127.0.0.1:9)"),
                               H.waitFor("Redis diagnostics of redis: connection refused"),
                               H.key("r"), .waitUntil("a second reading logged") { _ in readings(harness) == 2 },
                               H.key("j"), H.waitFor("✖ cannot read: connection refused"),
                               .key(.escape), .waitUntil("view closed") { !$0.contains("Redis diagnostics ·") },
                               H.key("q")])
        #expect(run.code == 0)
        #expect(run.screen.failures.isEmpty, "\(run.screen.failures)\n\(run.last)")
        #expect(readings(harness) == 2)
    }

    /// How many readings the dashboard's log recorded as failed.
    private func readings(_ harness: DashboardHarness) -> Int {
        let log = (try? String(contentsOfFile: harness.folder + "/touchline.log", encoding: .utf8)) ?? ""
        return log.components(separatedBy: "redis diagnostics of redis: connection refused").count - 1
    }
}
