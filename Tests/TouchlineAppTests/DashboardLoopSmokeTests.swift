import Foundation
import Testing
import TouchlineApp
import TouchlineCore
import TouchlineTestSupport
import TouchlineUI

/// The dashboard loop driven in-process through ``TestScreenBackend``: keys in, frames out, `q` ends it.
@Suite("Dashboard loop, in-process")
struct DashboardLoopSmokeTests {
    @Test("? opens the help, Esc closes it, q ends the loop with exit 0")
    func helpThenQuit() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("touchline-app-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let environment = EnvironmentConfig(name: "staging", label: "STAGING", interval: 2, protected: false,
                                            stateDirectory: folder, probes: [])
        let screen = TestScreenBackend(width: 100, height: 30, keys: [.character("?"), .escape, .character("q")])
        let queue = EventQueue()
        let log = StateLog(directory: folder)
        let state = DashboardState(environments: [environment], environmentIndex: 0, theme: "default",
                                   themes: ["default"], readOnly: false, now: Date(), width: 100, height: 30)
        let loop = DashboardLoop(state: state, screen: screen, queue: queue,
                                 fleet: ProbeFleet(queue: queue, environment: [:], log: log), log: log,
                                 themes: ThemePalette(loader: ThemeLoader(directories: []), monochrome: true),
                                 actions: ActionDesk(environments: [environment], queue: queue, log: log))

        let code = loop.run()

        #expect(code == 0)
        #expect(screen.pending.isEmpty, "q ended the loop only after every key was played")
        #expect(screen.frames.contains { $0.text.contains("Help · keys") }, "? painted the help overlay")
        #expect(screen.frames.first?.text.contains("STAGING") == true)
        #expect(!screen.lastText.contains("Help · keys"), "Esc closed the help before q")
    }
}
