import Foundation
import Testing
@testable import TouchlineCore

/// The Config view's keys in the reducer: C opens it and lists, Enter asks for the diff, Esc goes back, s opens
/// the y/n snapshot dialog (allowed read-only), R the typed-name restore dialog (refused read-only).
@Suite("Config view keys in the reducer")
struct ConfigSnapshotsNavigationTests {
    static func state(readOnly: Bool = false, configured: Bool = true) -> DashboardState {
        var environment = EnvironmentConfig(name: "staging", label: "STAGING", interval: 1, protected: false, stateDirectory: "/tmp/x",
                                            probes: [])
        if configured {
            environment.actions.configFiles = ConfigFilesConfig(environment: "staging", paths: ["/srv/a.env"], directory: "/tmp/x/c",
                                                                applyCommand: ["/bin/true"], workingDirectory: "/srv")
        }
        var state = DashboardState(environments: [environment], environmentIndex: 0, theme: "default", themes: ["default"],
                                   readOnly: readOnly, now: Date(timeIntervalSince1970: 1_750_000_000), width: 120, height: 40)
        state.actions = ActionCatalog(environments: [environment])
        return state
    }

    static let listing = ConfigSnapshotListing(environment: "staging", rows: [
        ConfigSnapshotRow(id: "A", takenAt: Date(timeIntervalSince1970: 1_749_999_000), trigger: "manual",
                          changes: [ConfigFileChange(path: "/srv/a.env", state: .changed, counts: .init(added: 1, removed: 1))]),
        ConfigSnapshotRow(id: "B", takenAt: Date(timeIntervalSince1970: 1_749_990_000), trigger: "before deploy 1.6.0",
                          changes: [ConfigFileChange(path: "/srv/a.env", state: .unchanged)]),
    ], drift: "config drift: a.env changed")

    @Test("C opens the view and lists; ↓ Enter asks for B's diff; the diff arrives; Esc returns to B's row; Esc closes")
    func navigate() {
        var state = Self.state()
        #expect(DashboardReducer.reduce(&state, .key(.character("C"))) == [.listConfigSnapshots])
        #expect(state.overlay == .configSnapshots(selected: 0))
        _ = DashboardReducer.reduce(&state, .configSnapshotsListed(Self.listing))
        #expect(state.configSnapshots?.drift != nil)
        _ = DashboardReducer.reduce(&state, .key(.down))
        #expect(DashboardReducer.reduce(&state, .key(.enter)) == [.diffConfigSnapshot("B")])
        _ = DashboardReducer.reduce(&state, .configDiffed(ConfigDiffText(snapshot: "B", lines: [DiffLine(.added, "+x")])))
        #expect(state.overlay == .configDiff(ConfigDiffText(snapshot: "B", lines: [DiffLine(.added, "+x")])))
        _ = DashboardReducer.reduce(&state, .key(.escape))
        #expect(state.overlay == .configSnapshots(selected: 1))
        _ = DashboardReducer.reduce(&state, .key(.escape))
        #expect(state.overlay == nil)
    }

    @Test("s opens the snapshot dialog (y/n, no lock), even read-only; R opens the restore dialog, refused read-only")
    func dialogs() throws {
        var state = Self.state()
        _ = DashboardReducer.reduce(&state, .key(.character("C")))
        _ = DashboardReducer.reduce(&state, .configSnapshotsListed(Self.listing))
        _ = DashboardReducer.reduce(&state, .key(.character("R")))
        guard case .confirm(let request) = state.overlay, let spec = request.spec else { Issue.record("no dialog"); return }
        #expect(spec.kind == .configRestore && spec.target == "A" && request.requiresTypedName && !request.confirmFocused)
        #expect(spec.commands == [["/bin/true"]] && spec.lines.contains("  write a.env (+1 −1)"))

        var readOnly = Self.state(readOnly: true)
        _ = DashboardReducer.reduce(&readOnly, .key(.character("C")))
        _ = DashboardReducer.reduce(&readOnly, .configSnapshotsListed(Self.listing))
        _ = DashboardReducer.reduce(&readOnly, .key(.character("R")))
        #expect(readOnly.overlay == .configSnapshots(selected: 0) && readOnly.notice == "read-only: actions are off")
        _ = DashboardReducer.reduce(&readOnly, .key(.character("s")))
        guard case .confirm(let snapshot) = readOnly.overlay, let snapshotSpec = snapshot.spec else { Issue.record("no dialog"); return }
        #expect(snapshotSpec.kind == .configSnapshot && !snapshotSpec.takesEnvironmentLock && !snapshotSpec.dangerous)
        #expect(!snapshot.requiresTypedName)
    }

    @Test("without config_files, C says what to add; a listing of another environment is ignored")
    func notConfigured() {
        var state = Self.state(configured: false)
        #expect(DashboardReducer.reduce(&state, .key(.character("C"))).isEmpty)
        #expect(state.notice?.contains("[environments.staging.config_files]") == true)
        var other = Self.state()
        _ = DashboardReducer.reduce(&other, .configSnapshotsListed(ConfigSnapshotListing(environment: "production", rows: [])))
        #expect(other.configSnapshots == nil)
    }

    @Test("a dialog opened from the view goes back to it: s then n or Esc, s then y (the snapshot runs, the view stays), R from the diff then Esc")
    func dialogsReturnToTheView() throws {
        var state = Self.state()
        _ = DashboardReducer.reduce(&state, .key(.character("C")))
        _ = DashboardReducer.reduce(&state, .configSnapshotsListed(Self.listing))
        _ = DashboardReducer.reduce(&state, .key(.down))
        for cancel in [KeyPress.character("n"), .escape] {
            _ = DashboardReducer.reduce(&state, .key(.character("s")))
            guard case .confirm(let request) = state.overlay else { Issue.record("no dialog"); return }
            #expect(request.origin == .configSnapshots(selected: 1))
            _ = DashboardReducer.reduce(&state, .key(cancel))
            #expect(state.overlay == .configSnapshots(selected: 1), "\(cancel)")
        }
        _ = DashboardReducer.reduce(&state, .key(.character("s")))
        let effects = DashboardReducer.reduce(&state, .key(.character("y")))
        #expect(effects.contains { if case .run(let spec) = $0 { return spec.kind == .configSnapshot } else { return false } })
        #expect(state.overlay == .configSnapshots(selected: 1), "the view stays while the snapshot is taken")
        #expect(DashboardReducer.reduce(&state, .actionFinished(action: "config snapshot", ok: true, message: "ok"))
                .contains(.listConfigSnapshots), "and lists it when done")

        let diff = ConfigDiffText(snapshot: "A", lines: [DiffLine(.added, "+x")])
        state.overlay = .configDiff(diff)
        _ = DashboardReducer.reduce(&state, .key(.character("R")))
        guard case .confirm(let restore) = state.overlay else { Issue.record("no restore dialog"); return }
        #expect(restore.origin == .configDiff(diff))
        _ = DashboardReducer.reduce(&state, .key(.escape))
        #expect(state.overlay == .configDiff(diff), "Esc in the restore dialog goes back to the diff")
    }
}
