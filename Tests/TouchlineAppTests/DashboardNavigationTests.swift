import Foundation
import Testing
import TouchlineCore
import TouchlineTestSupport

/// Keys → state → frames for the navigation keys: environments, pause, filter, zoom, theme, help, quit.
@Suite("Dashboard loop: navigation keys")
struct DashboardNavigationTests {
    typealias H = DashboardHarness

    @Test("1/2 and the e picker switch the environment: the header's label changes, an older generation's samples are dropped")
    func environmentSwitch() throws {
        let harness = try DashboardHarness()
        let run = harness.run([harness.sample("api", latency: 0.012), H.waitFor("12.0 ms"),
                               H.key("2"), H.waitFor("PRODUCTION"),
                               // A late sample of staging's probes (generation 0) must not reach production's rows.
                               .perform { [harness] in harness.postStale("api", latency: 0.077) },
                               harness.sample("api", latency: 0.034), H.waitFor("34.0 ms"),
                               H.key("e"), H.waitFor("staging"), H.key("1"), H.waitFor("STAGING"), H.key("q")])
        #expect(run.code == 0)
        #expect(run.screen.failures.isEmpty, "\(run.screen.failures)\n\(run.last)")
        let production = run.frames.filter { $0.hasPrefix(" PRODUCTION") }
        #expect(!production.isEmpty)
        #expect(production.allSatisfy { !$0.contains("12.0 ms") && !$0.contains("77.0 ms") },
                "staging's samples never show under PRODUCTION")
        #expect(run.last.hasPrefix(" STAGING"))
        #expect(!run.last.contains("34.0 ms"), "back on staging, production's sample is not shown")
    }

    @Test("p pauses: the header and footer say so and a new sample does not change the shown latency until p resumes")
    func pause() throws {
        let harness = try DashboardHarness()
        let run = harness.run([harness.sample("api", latency: 0.012), H.waitFor("12.0 ms"),
                               H.key("p"), H.waitFor("PAUSED"),
                               harness.sample("api", latency: 0.099), .key(.tab),
                               H.perform {}, harness.sample("api", latency: 0.098), .key(.tab),
                               H.key("p"), H.waitFor("99.0 ms"), H.key("q")])
        #expect(run.code == 0)
        #expect(run.screen.failures.isEmpty, "\(run.screen.failures)\n\(run.last)")
        let paused = run.frames.filter { $0.contains("PAUSED") }
        #expect(paused.count >= 3, "p, and both Tabs, painted paused frames")
        #expect(paused.allSatisfy { !$0.contains("99.0 ms") && !$0.contains("98.0 ms") }, "\(paused.last ?? "")")
        #expect(!run.last.contains("PAUSED") && run.last.contains("p pause "))
    }

    @Test("/ filters the services: Enter keeps the filter, Esc while typing clears it")
    func filter() throws {
        let harness = try DashboardHarness()
        let run = harness.run([H.key("/")] + H.type("red") + [.key(.enter), H.waitFor("redis"),
                               H.perform {}, H.key("/"), H.key("x"), .key(.escape), H.key("q")])
        #expect(run.code == 0)
        let kept = try #require(run.frames.last { $0.contains("redis") && !$0.contains("postgres  postgres") })
        #expect(!kept.contains("api       http"), "the kept filter hides api\n\(kept)")
        #expect(run.last.contains("api       http") && run.last.contains("postgres  postgres"), "Esc cleared it\n\(run.last)")
    }

    @Test("z zooms the focused pane to the full screen, Esc goes back")
    func zoom() throws {
        let harness = try DashboardHarness()
        let run = harness.run([H.perform {}, H.key("z"), .key(.escape), H.key("q")])
        #expect(run.code == 0)
        #expect(run.frames.first?.contains("Database") == true)
        #expect(run.frames.contains { $0.contains("Services") && !$0.contains("Database") }, "a zoomed frame shows Services alone")
        #expect(run.last.contains("Database") && run.last.contains("Services"))
    }

    @Test("t cycles the themes: each press sets the next theme on the screen")
    func theme() throws {
        let harness = try DashboardHarness()
        let run = harness.run([H.perform {}, H.key("t"), H.key("t"), H.key("t"), H.key("q")])
        #expect(run.code == 0)
        #expect(run.screen.themes.map(\.name) == ["default", "light", "high-contrast", "default"])
        #expect(run.screen.themes[0] != run.screen.themes[1], "the styles differ")
    }

    @Test("? opens the help listing the keys, Esc closes it, q ends the loop with exit 0 after every step")
    func helpAndQuit() throws {
        let harness = try DashboardHarness()
        let run = harness.run([H.key("?"), H.waitFor("Help · keys"), .key(.escape), H.key("q")])
        #expect(run.code == 0)
        #expect(run.screen.pending.isEmpty && run.screen.failures.isEmpty)
        #expect(run.frames.contains { $0.contains("Help · keys") })
        #expect(!run.last.contains("Help · keys"))
    }
}
