import Foundation
import Testing
import TouchlineCore
import TouchlineTestSupport

/// The Sessions view through the real loop and its I/O desk: a server that refuses the connection.
@Suite("Dashboard loop: Sessions view")
struct SessionsViewAppTests {
    typealias H = DashboardHarness

    @Test("a on a postgres server that refuses: the view opens, one clear line names the probe and the reason; r retries, Esc closes")
    func unreachable() throws {
        let harness = try DashboardHarness()
        let run = harness.run([H.key("a"), H.waitFor("Sessions · postgres"), H.waitFor("✖ postgres:"),
                               H.key("r"), H.waitFor("✖ postgres:"), .key(.escape), H.waitFor("Services"), H.key("q")])
        #expect(run.code == 0)
        #expect(run.screen.failures.isEmpty, "\(run.screen.failures)\n\(run.last)")
        let shown = run.frames.first { $0.contains("✖ postgres:") } ?? ""
        let errorLines = shown.split(separator: "\n").filter { $0.contains("✖ postgres:") }
        #expect(errorLines.count == 1, "\(shown)")
        #expect(errorLines.first?.contains("refused") == true, "\(shown)")
        #expect(!run.last.contains("Sessions · postgres"))
    }
}
