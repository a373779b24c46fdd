/// The Config view's rules (key `C`): the snapshots with ↑/↓, Enter for the diff, `s` to take a snapshot
/// (confirmed y/n, no lock), `R` to restore the highlighted one (dangerous, the environment's name typed),
/// Esc to close; in the diff ↑/↓ PgUp/PgDn Home/End scroll, `R` restores that snapshot, Esc goes back.
enum ConfigSnapshotsNavigation {
    /// Opens the view (and asks for a fresh listing), or says what to configure.
    static func open(in state: inout DashboardState) -> [DashboardEffect] {
        guard state.actions.configFiles(in: state.environment.name) != nil else {
            state.notice = "no config files listed: add [environments.\(state.environment.name).config_files] with paths = [...]"
            return []
        }
        state.overlay = .configSnapshots(selected: 0)
        return [.listConfigSnapshots]
    }

    /// The listing effect when the shown environment lists config files (after an action, on a switch).
    static func refresh(_ state: DashboardState) -> [DashboardEffect] {
        state.actions.configFiles(in: state.environment.name) == nil ? [] : [.listConfigSnapshots]
    }

    /// Keeps a listing of the shown environment; keeps the highlighted row in range.
    static func listed(_ listing: ConfigSnapshotListing, in state: inout DashboardState) -> [DashboardEffect] {
        guard listing.environment == state.environment.name else { return [] }
        state.configSnapshots = listing
        if case .configSnapshots(let selected) = state.overlay {
            state.overlay = .configSnapshots(selected: min(selected, max(0, listing.rows.count - 1)))
        }
        return []
    }

    /// Shows a diff that arrived while the Config view is still open.
    static func diffed(_ diff: ConfigDiffText, in state: inout DashboardState) -> [DashboardEffect] {
        guard case .configSnapshots = state.overlay else { return [] }
        state.notice = nil
        state.overlay = .configDiff(diff)
        return []
    }

    /// A key in the snapshot list.
    static func handle(_ key: KeyPress, selected: Int, in state: inout DashboardState) -> [DashboardEffect] {
        let action = state.bindings.action(for: key)
        let rows = state.configSnapshots?.rows ?? []
        if key == .escape || action == .configSnapshots || action == .quit {
            state.overlay = nil
        } else if action == .up || action == .down {
            let moved = selected + (action == .up ? -1 : 1)
            state.overlay = .configSnapshots(selected: max(0, min(max(0, rows.count - 1), moved)))
        } else if key == .enter {
            guard rows.indices.contains(selected) else {
                state.notice = "no snapshot yet: press s to take one"
                return []
            }
            state.notice = "reading the diff of \(rows[selected].id)…"
            return [.diffConfigSnapshot(rows[selected].id)]
        } else if key == .character("s") {
            return openSnapshot(in: &state)
        } else if action == .restore {
            return openRestore(rows.indices.contains(selected) ? rows[selected] : nil, in: &state)
        } else {
            state.notice = KeyFeedback.unused(key.label, in: "Config snapshots view")
        }
        return []
    }

    /// A key in the diff.
    static func handle(_ key: KeyPress, diff: ConfigDiffText, in state: inout DashboardState) -> [DashboardEffect] {
        let action = state.bindings.action(for: key)
        let page = max(1, state.height - 8)
        let last = max(0, diff.lines.count - page)
        var diff = diff
        switch key {
        case .escape:
            let index = state.configSnapshots?.rows.firstIndex { $0.id == diff.snapshot } ?? 0
            state.overlay = .configSnapshots(selected: index)
            return []
        case .pageUp: diff.scroll -= page
        case .pageDown: diff.scroll += page
        case .home: diff.scroll = 0
        case .end: diff.scroll = last
        default:
            if action == .up {
                diff.scroll -= 1
            } else if action == .down {
                diff.scroll += 1
            } else if action == .restore {
                return openRestore(state.configSnapshots?.rows.first { $0.id == diff.snapshot }, in: &state)
            } else if action == .quit || action == .configSnapshots {
                state.overlay = nil
                return []
            }
        }
        diff.scroll = max(0, min(last, diff.scroll))
        state.overlay = .configDiff(diff)
        return []
    }

    /// The snapshot dialog (y/n; a snapshot changes nothing, so read-only mode allows it).
    private static func openSnapshot(in state: inout DashboardState) -> [DashboardEffect] {
        guard let spec = state.actions.configSnapshot(in: state.environment.name) else { return [] }
        if let running = state.runningAction {
            state.notice = "\(running.action) is still running: take the snapshot with touchline config snapshot"
            return []
        }
        state.overlay = .confirm(ActionRequest(spec: spec, from: DialogOrigin(state.overlay)))
        return []
    }

    /// The restore dialog of `row`, or why it cannot open.
    private static func openRestore(_ row: ConfigSnapshotRow?, in state: inout DashboardState) -> [DashboardEffect] {
        guard ActionConfirmation.mayOpen(.configRestore, &state) else { return [] }
        guard let row, let spec = state.actions.configRestore(row, in: state.environment.name) else {
            state.notice = "no snapshot to restore"
            return []
        }
        state.overlay = .confirm(ActionRequest(spec: spec, from: DialogOrigin(state.overlay)))
        return []
    }
}
