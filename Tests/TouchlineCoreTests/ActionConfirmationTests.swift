import Foundation
import Testing
@testable import TouchlineCore

@Suite("Action confirmation in the reducer")
struct ActionConfirmationTests {
    /// The action names of effects, e.g. `run backup`, `cancelled backup`.
    private func names(_ effects: [DashboardEffect]) -> [String] {
        effects.map { effect in
            switch effect {
            case .run(let spec): return "run \(spec.kind.name)"
            case .auditCancelled(let request): return "cancelled \(request.action)"
            default: return "\(effect)"
            }
        }
    }

    private func state(protected: Bool = false, readOnly: Bool = false) -> DashboardState {
        let environment = EnvironmentConfig(name: protected ? "production" : "staging", label: protected ? "PRODUCTION" : "STAGING",
                                            interval: 1, protected: protected, stateDirectory: "/tmp/x", probes: [])
        var state = DashboardState(environments: [environment], environmentIndex: 0, theme: "default", themes: ["default"],
                                   readOnly: readOnly, now: Date(timeIntervalSince1970: 0), width: 120, height: 40)
        state.seedBackup("pg_dump … | gzip -c > backups/x.sql.gz")
        return state
    }

    @Test("b opens the dialog with Cancel focused and the exact command; Enter on Cancel cancels")
    func cancelIsDefault() {
        var state = state()
        #expect(DashboardReducer.reduce(&state, .key(.character("b"))).isEmpty)
        guard case .confirm(let request) = state.overlay else { Issue.record("no dialog"); return }
        #expect(!request.confirmFocused)
        #expect(request.commands == ["pg_dump … | gzip -c > backups/x.sql.gz"])
        #expect(names(DashboardReducer.reduce(&state, .key(.enter))) == ["cancelled backup"])
        #expect(state.overlay == nil)
        #expect(state.runningAction == nil)
    }

    @Test("y confirms an ordinary action; Esc and n cancel")
    func confirmWithY() {
        var state = state()
        _ = DashboardReducer.reduce(&state, .key(.character("b")))
        #expect(names(DashboardReducer.reduce(&state, .key(.escape))) == ["cancelled backup"])
        _ = DashboardReducer.reduce(&state, .key(.character("b")))
        #expect(names(DashboardReducer.reduce(&state, .key(.character("n")))) == ["cancelled backup"])
        _ = DashboardReducer.reduce(&state, .key(.character("b")))
        #expect(names(DashboardReducer.reduce(&state, .key(.character("y")))) == ["run backup"])
        #expect(state.runningAction?.action == "backup")
        _ = DashboardReducer.reduce(&state, .key(.character("b")))
        #expect(state.overlay == nil, "a second action while one runs is refused")
        #expect(state.notice == "a backup is running: b waits for it")
        _ = DashboardReducer.reduce(&state, .actionProgress("dumping: 1 MiB"))
        #expect(state.runningAction?.progress == "dumping: 1 MiB")
        _ = DashboardReducer.reduce(&state, .actionFinished(action: "backup", ok: true, message: "written"))
        #expect(state.runningAction == nil)
        #expect(state.events.first?.message == "backup done: written")
    }

    @Test("a protected environment needs its name typed; y alone is just a letter")
    func typedName() {
        var state = state(protected: true)
        state.unlockedUntil["production"] = .distantFuture
        _ = DashboardReducer.reduce(&state, .key(.character("b")))
        #expect(DashboardReducer.reduce(&state, .key(.character("y"))).isEmpty)
        #expect(DashboardReducer.reduce(&state, .key(.enter)).isEmpty)
        #expect(state.notice == "type production to confirm")
        guard case .confirm = state.overlay else { Issue.record("dialog closed"); return }
        _ = DashboardReducer.reduce(&state, .key(.backspace))
        for character in "production" { _ = DashboardReducer.reduce(&state, .key(.character(character))) }
        #expect(names(DashboardReducer.reduce(&state, .key(.enter))) == ["run backup"])
    }

    @Test("read-only mode and a missing backup table refuse before any dialog")
    func refusals() {
        var readOnly = state(readOnly: true)
        _ = DashboardReducer.reduce(&readOnly, .key(.character("b")))
        #expect(readOnly.overlay == nil)
        #expect(readOnly.notice == "read-only: actions are off")
        var unconfigured = state()
        unconfigured.actions = ActionCatalog()
        _ = DashboardReducer.reduce(&unconfigured, .key(.character("b")))
        #expect(unconfigured.overlay == nil)
        #expect(unconfigured.notice?.hasPrefix("no backup configured") == true)
    }

    @Test("s restarts the selected service: the dialog names it; services without a restart table are refused")
    func restartSelected() {
        let probes = ["api", "kafka"].map { name in
            ProbeConfig(name: name, interval: 1, timeout: 1, latencyWarn: nil, target: .tcp(HostPort(host: "127.0.0.1", port: 1)))
        }
        let environment = EnvironmentConfig(name: "staging", label: "STAGING", interval: 1, protected: false,
                                            stateDirectory: "/tmp/x", probes: probes)
        var state = DashboardState(environments: [environment], environmentIndex: 0, theme: "default", themes: ["default"],
                                   readOnly: false, now: Date(timeIntervalSince1970: 0), width: 120, height: 40)
        state.seedRestart("api", argv: ["scripts/stack", "restart", "api"])
        _ = DashboardReducer.reduce(&state, .key(.character("s")))
        guard case .confirm(let request) = state.overlay else { Issue.record("no dialog"); return }
        #expect(request.target == "api")
        #expect(request.commands == ["scripts/stack restart api"])
        #expect(names(DashboardReducer.reduce(&state, .key(.character("y")))) == ["run restart"])
        #expect(state.runningAction?.action == "restart api")
        _ = DashboardReducer.reduce(&state, .actionFinished(action: "restart api", ok: true, message: "api healthy 1.9s after the restart began"))
        _ = DashboardReducer.reduce(&state, .key(.down))
        _ = DashboardReducer.reduce(&state, .key(.character("s")))
        #expect(state.overlay == nil)
        #expect(state.notice?.hasPrefix("no restart configured for kafka") == true)
    }

    @Test("u lists releases; the picker preselects the one before the running one; the running one is refused; rollback needs the typed name")
    func rollbackPicker() {
        var state = state()
        state.seedRollback(["scripts/stack", "rollback", "{release}"], probe: "api")
        #expect(DashboardReducer.reduce(&state, .key(.character("u"))) == [.listReleases])
        _ = DashboardReducer.reduce(&state, .releasesListed(releases: ["1.6.0", "1.5.0", "1.4.2"], error: nil))
        guard case .releasePicker(let choice) = state.overlay else { Issue.record("no picker"); return }
        #expect(choice.selected == 0, "no api probe sample: nothing known to be running, newest highlighted")
        var known = ReleaseChoice(releases: ["1.6.0", "1.5.0", "1.4.2"], current: "1.5.0")
        #expect(known.releases[known.selected] == "1.4.2")
        known.selected = 1
        state.overlay = .releasePicker(known)
        _ = DashboardReducer.reduce(&state, .key(.enter))
        #expect(state.notice == "1.5.0 is already running: pick another release")
        _ = DashboardReducer.reduce(&state, .key(.down))
        _ = DashboardReducer.reduce(&state, .key(.enter))
        guard case .confirm(let request) = state.overlay else { Issue.record("no dialog"); return }
        #expect(request.requiresTypedName)
        #expect(request.commands == ["scripts/stack rollback 1.4.2"])
        #expect(names(DashboardReducer.reduce(&state, .key(.character("y")))).isEmpty)
        _ = DashboardReducer.reduce(&state, .key(.backspace))
        for character in "staging" { _ = DashboardReducer.reduce(&state, .key(.character(character))) }
        #expect(names(DashboardReducer.reduce(&state, .key(.enter))) == ["run rollback"])
        #expect(state.runningAction?.action == "rollback 1.4.2")
    }

    @Test("a failed release listing is a notice, not a picker")
    func listingFails() {
        var state = state()
        state.seedRollback(["x", "{release}"])
        _ = DashboardReducer.reduce(&state, .releasesListed(releases: [], error: "listing releases failed (exit 1)"))
        #expect(state.overlay == nil)
        #expect(state.notice == "rollback: listing releases failed (exit 1)")
    }

    @Test("B opens the Backups view and asks for the inventory; its rows and the age warning land in the state")
    func backupsView() {
        var state = state()
        #expect(DashboardReducer.reduce(&state, .key(.character("B"))) == [.listBackups])
        #expect(state.overlay == .backups(selected: 0))
        let rows = [BackupRow(file: "b.sql.gz", created: Date(timeIntervalSince1970: 0), size: 10, state: "verified"),
                    BackupRow(file: "a.sql.gz", created: Date(timeIntervalSince1970: -10), size: 9, state: "unverified")]
        _ = DashboardReducer.reduce(&state, .backupsListed(rows: rows, warning: "newest verified backup is 2d old"))
        #expect(state.backupRows == rows)
        #expect(state.backupWarning == "newest verified backup is 2d old")
        _ = DashboardReducer.reduce(&state, .key(.down))
        #expect(state.overlay == .backups(selected: 1))
        _ = DashboardReducer.reduce(&state, .key(.escape))
        #expect(state.overlay == nil)
        _ = DashboardReducer.reduce(&state, .actionFinished(action: "backup", ok: true, message: "ok"))
        #expect(DashboardReducer.reduce(&state, .actionFinished(action: "backup", ok: true, message: "ok")) == [.listBackups],
                "a finished action refreshes the inventory")
    }

    @Test("R in the Backups view opens the restore dialog over the view; Esc (after typing, too) goes back to the view on its row")
    func restoreDialogReturnsToBackups() {
        var state = state()
        state.seedRestore(safetyLine: "pg_dump … (safety backup)", pipeline: [["gunzip", "-c", "{file}"], ["psql", "--single-transaction"]])
        state.backupRows = [BackupRow(file: "b.sql.gz", created: Date(timeIntervalSince1970: 0), size: 10, state: "verified"),
                            BackupRow(file: "a.sql.gz", created: Date(timeIntervalSince1970: -10), size: 9, state: "verified")]
        state.overlay = .backups(selected: 1)
        for typed in ["", "stag"] {
            _ = DashboardReducer.reduce(&state, .key(.character("R")))
            guard case .confirm(let request) = state.overlay else { Issue.record("no restore dialog"); return }
            #expect(request.origin == .backups(selected: 1) && request.target == "a.sql.gz")
            for character in typed { _ = DashboardReducer.reduce(&state, .key(.character(character))) }
            _ = DashboardReducer.reduce(&state, .key(.escape))
            #expect(state.overlay == .backups(selected: 1), "typed '\(typed)'")
        }
    }

    @Test("a re-read keeps the selection on its file; another environment's late listing is dropped")
    func backupsReread() {
        var state = state()
        _ = DashboardReducer.reduce(&state, .key(.character("B")))
        let older = BackupRow(file: "a.sql.gz", created: Date(timeIntervalSince1970: -10), size: 9, state: "verified")
        let newer = BackupRow(file: "b.sql.gz", created: Date(timeIntervalSince1970: 0), size: 10, state: "verified")
        _ = DashboardReducer.reduce(&state, .backupsListed(rows: [older], warning: nil, environment: "staging"))
        #expect(state.overlay == .backups(selected: 0))
        _ = DashboardReducer.reduce(&state, .backupsListed(rows: [newer, older], warning: nil, environment: "staging"))
        #expect(state.backupRows == [newer, older])
        #expect(state.overlay == .backups(selected: 1), "the cursor stays on a.sql.gz, R restores what is highlighted")
        _ = DashboardReducer.reduce(&state, .backupsListed(rows: [], warning: "no backups yet", environment: "production"))
        #expect(state.backupRows == [newer, older] && state.backupWarning == nil, "a listing of another environment is dropped")
        _ = DashboardReducer.reduce(&state, .backupsListed(rows: [], warning: "no backups yet", environment: "staging"))
        #expect(state.overlay == .backups(selected: 0))
    }

    @Test("keys the Backups view does not use say so in the footer; its own keys still work")
    func backupsUnusedKeys() {
        var state = state()
        _ = DashboardReducer.reduce(&state, .key(.character("B")))
        for key in ["?", "z", "S", "b", "1"] {
            #expect(DashboardReducer.reduce(&state, .key(.character(Character(key)))) == [])
            #expect(state.notice == "\(key) does nothing in the Backups view", "\(key)")
            #expect(state.overlay == .backups(selected: 0), "\(key) leaves the view open")
        }
        _ = DashboardReducer.reduce(&state, .key(.down))
        #expect(state.notice == nil)
        _ = DashboardReducer.reduce(&state, .key(.escape))
        #expect(state.overlay == nil && state.notice == nil)
        state.overlay = .configSnapshots(selected: 0)
        _ = DashboardReducer.reduce(&state, .key(.character("z")))
        #expect(state.notice == "z does nothing in the Config snapshots view" && state.overlay == .configSnapshots(selected: 0))
    }

    @Test("R in the Backups view restores only a verified backup, behind the typed environment name")
    func restoreFromBackups() {
        var state = state()
        state.seedRestore(safetyLine: "pg_dump … (safety backup)",
                          pipeline: [["gunzip", "-c", "{file}"], ["psql", "--single-transaction"]])
        state.backupRows = [BackupRow(file: "new.sql.gz", created: Date(timeIntervalSince1970: 0), size: 1, state: "unverified"),
                            BackupRow(file: "old.sql.gz", created: Date(timeIntervalSince1970: -60), size: 1, state: "verified")]
        state.overlay = .backups(selected: 0)
        _ = DashboardReducer.reduce(&state, .key(.character("R")))
        #expect(state.notice == "only a verified backup can be restored (new.sql.gz is unverified)")
        _ = DashboardReducer.reduce(&state, .key(.down))
        _ = DashboardReducer.reduce(&state, .key(.character("R")))
        guard case .confirm(let request) = state.overlay else { Issue.record("no dialog"); return }
        #expect(request.requiresTypedName)
        #expect(request.target == "old.sql.gz")
        #expect(request.commands.last == "gunzip -c old.sql.gz | psql --single-transaction")
        _ = DashboardReducer.reduce(&state, .key(.backspace))
        for character in "staging" { _ = DashboardReducer.reduce(&state, .key(.character(character))) }
        #expect(names(DashboardReducer.reduce(&state, .key(.enter))) == ["run restore"])
    }

    @Test("a protected environment starts read-only; U with the typed name unlocks it for 10 minutes, then it relocks")
    func protectedUnlock() {
        var state = state(protected: true)
        _ = DashboardReducer.reduce(&state, .key(.character("b")))
        #expect(state.overlay == nil)
        #expect(state.notice == "production is protected and read-only: press U to unlock")
        _ = DashboardReducer.reduce(&state, .key(.character("U")))
        guard case .confirm(let request) = state.overlay else { Issue.record("no unlock dialog"); return }
        #expect(request.requiresTypedName)
        for character in "prod" { _ = DashboardReducer.reduce(&state, .key(.character(character))) }
        _ = DashboardReducer.reduce(&state, .key(.enter))
        #expect(state.actionsLocked, "a wrong name does not unlock")
        for character in "uction" { _ = DashboardReducer.reduce(&state, .key(.character(character))) }
        _ = DashboardReducer.reduce(&state, .key(.enter))
        #expect(!state.actionsLocked)
        #expect(state.unlockRemaining == 600)
        _ = DashboardReducer.reduce(&state, .key(.character("b")))
        guard case .confirm = state.overlay else { Issue.record("unlocked, b must open its dialog"); return }
        _ = DashboardReducer.reduce(&state, .key(.escape))
        _ = DashboardReducer.reduce(&state, .tick(state.now.addingTimeInterval(601)))
        #expect(state.actionsLocked, "relocks by itself")
        var staging = self.state()
        _ = DashboardReducer.reduce(&staging, .key(.character("U")))
        #expect(staging.notice == "staging is not protected: its actions are already on")
    }
}
