import Foundation
import Testing
@testable import TouchlineCore

/// Ctrl-R at the reducer: the reloaded config re-targets the probes, keeps the history of those still
/// configured, and a file that does not load keeps the running config with its error in the footer.
@Suite("Ctrl-R reloads config.toml in place")
struct ConfigReloadTests {
    static let start = Date(timeIntervalSince1970: 1_750_000_000)

    static func config(_ text: String) throws -> TouchlineConfig {
        try ConfigLoader.parse(text, file: "config.toml", baseDirectory: "/tmp", environment: [:])
    }

    static let before = """
        [environments.staging]
        [[environments.staging.probes]]
        name = "api"
        kind = "tcp"
        address = "127.0.0.1:8001"
        [[environments.staging.probes]]
        name = "kafka"
        kind = "tcp"
        address = "127.0.0.1:9093"
        """

    @Test("Ctrl-R asks for the file; the reloaded one keeps api's history, drops kafka, adds redis and restarts the probes")
    func reload() throws {
        let first = try Self.config(Self.before)
        var state = DashboardState(environments: first.environments, environmentIndex: 0, theme: "default", themes: [],
                                   readOnly: false, now: Self.start, width: 120, height: 40)
        #expect(DashboardReducer.reduce(&state, .key(.character("\u{12}"))) == [.reloadConfig])
        #expect(state.notice == "reloading config.toml…")
        for second in 0..<3 {
            _ = DashboardReducer.reduce(&state, .sample(ProbeSample(probe: "api", time: Self.start.addingTimeInterval(Double(second)),
                                                                     status: .up, latency: 0.01), generation: 0))
        }
        let after = try Self.config(Self.before.replacingOccurrences(of: "127.0.0.1:8001", with: "127.0.0.1:8002")
            .replacingOccurrences(of: "name = \"kafka\"", with: "name = \"redis\""))
        let effects = DashboardReducer.reduce(&state, .configReloaded(ConfigReload.Loaded(after)))
        #expect(effects == [.restartProbes])
        #expect(state.generation == 1, "samples of the old targets are dropped")
        #expect(state.probes.map(\.config.name) == ["api", "redis"])
        #expect(state.probes[0].config.target == .tcp(HostPort(host: "127.0.0.1", port: 8002)))
        #expect(state.probes[0].window.retained.count == 3, "api keeps its history")
        #expect(state.probes[0].status == .up)
        #expect(state.probes[1].latest == nil)
        #expect(state.notice == "config reloaded: 2 probes in staging, added redis, removed kafka")
        #expect(state.events.first?.message == state.notice)
    }

    @Test("a file that does not load keeps the running config and shows its one-line error")
    func badFile() throws {
        let first = try Self.config(Self.before)
        var state = DashboardState(environments: first.environments, environmentIndex: 0, theme: "default", themes: [],
                                   readOnly: false, now: Self.start, width: 120, height: 40)
        let error = "config.toml:5: environments.staging.probes[0].timeout: bad duration \"2x\" (use e.g. \"500ms\", \"2s\", \"1m\")"
        #expect(DashboardReducer.reduce(&state, .configReloadFailed(error)).isEmpty)
        #expect(state.environments == first.environments)
        #expect(state.generation == 0)
        #expect(state.notice == "config not reloaded (running one kept): \(error)")
    }

    @Test("ctrl-r is a key name; it reads Ctrl-R in help and footer; a control character never lands in the filter")
    func keyName() {
        #expect(KeyPress(name: "ctrl-r") == .character("\u{12}"))
        #expect(KeyPress(name: "ctrl-m") == nil, "Ctrl-M is Enter")
        #expect(KeyPress.character("\u{12}").label == "Ctrl-R")
        #expect(KeyBindings.standard.label(.reload) == "Ctrl-R")
        var state = DashboardState(environments: [EnvironmentConfig(name: "s", label: "S", interval: 1, protected: false,
                                                                    stateDirectory: "/tmp", probes: [])],
                                   environmentIndex: 0, theme: "default", themes: [], readOnly: false, now: Self.start,
                                   width: 120, height: 40)
        state.editingFilter = true
        _ = DashboardReducer.reduce(&state, .key(.character("\u{12}")))
        _ = DashboardReducer.reduce(&state, .key(.character("a")))
        #expect(state.filter == "a")
    }
}
