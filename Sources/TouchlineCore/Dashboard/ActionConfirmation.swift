import FoundationEssentials

/// The confirmation dialog's rules: Cancel focused first, Esc cancels, `y` confirms ordinary actions,
/// protected environments need their name typed; read-only mode and a running action refuse up front.
enum ActionConfirmation {
    /// Whether an action of `kind` may open now; otherwise says why in the footer. Read-only mode and a locked
    /// protected environment are one filter over the kind's danger (``ActionCatalog/permits(_:readOnly:locked:)``).
    static func mayOpen(_ kind: ActionKind, _ state: inout DashboardState) -> Bool {
        let locked = !state.readOnly && state.actionsLocked
        if !ActionCatalog.permits(kind, readOnly: state.readOnly, locked: locked) {
            state.notice = state.readOnly ? "read-only: actions are off"
                : "\(state.environment.name) is protected and read-only: press \(state.bindings.label(.unlock)) to unlock"
            return false
        }
        if let running = state.runningAction {
            state.notice = "\(running.action) is still running"
            return false
        }
        // Another operator's action holds the shared lock (as last surveyed, every 2 s): the dialog opens, and
        // says before the confirmation that it would be refused while that lasts.
        if kind.takesEnvironmentLock, let holder = state.coordination.holder, holder.environment == state.environment.name {
            state.notice = "⚠ \(holder.environment) is locked by \(holder.who) (\(holder.what)): confirming is refused until it ends"
        }
        return true
    }

    /// Opens the restart dialog for the service selected in the Services pane.
    static func open(restartIn state: inout DashboardState) -> [DashboardEffect] {
        guard mayOpen(.restart, &state) else { return [] }
        let probes = state.filteredProbes
        guard !probes.isEmpty else { return [] }
        let service = probes[state.selectedRow(.services, count: probes.count)].config.name
        guard let spec = state.actions.restart(service, in: state.environment.name) else {
            state.notice = "no restart configured for \(service): add [environments.\(state.environment.name).restart.\(service)]"
            return []
        }
        state.overlay = .confirm(ActionRequest(spec: spec))
        return []
    }

    /// Asks for the release list of a rollback (the picker opens when it arrives).
    static func askForReleases(in state: inout DashboardState) -> [DashboardEffect] {
        guard mayOpen(.rollback, &state) else { return [] }
        guard state.actions.hasRollback(in: state.environment.name) else {
            state.notice = "no rollback configured: add [environments.\(state.environment.name).rollback]"
            return []
        }
        state.notice = "listing releases…"
        return [.listReleases]
    }

    /// Opens the release picker with the listed releases, the running one marked.
    static func showReleases(_ releases: [String], error: String?, in state: inout DashboardState) {
        if let error {
            state.notice = "rollback: \(error)"
            return
        }
        guard state.overlay == nil, state.runningAction == nil else { return }
        let probe = state.actions.rollbackProbe(in: state.environment.name)
        let current = state.probes.first { $0.config.name == probe }?.latest?.version
        state.notice = nil
        state.overlay = .releasePicker(ReleaseChoice(releases: releases, current: current))
    }

    /// Applies a key to the release picker.
    static func pickRelease(_ key: KeyPress, choice: ReleaseChoice, in state: inout DashboardState) -> [DashboardEffect] {
        var choice = choice
        let action = state.bindings.action(for: key)
        if key == .escape {
            state.overlay = nil
            state.notice = "rollback cancelled"
            return []
        }
        if key == .enter {
            let release = choice.releases[choice.selected]
            if release == choice.current {
                state.notice = "\(release) is already running: pick another release"
                return []
            }
            guard let spec = state.actions.rollback(to: release, current: choice.current, in: state.environment.name) else {
                state.overlay = nil
                state.notice = "no rollback configured: add [environments.\(state.environment.name).rollback]"
                return []
            }
            state.overlay = .confirm(ActionRequest(spec: spec))
            return []
        }
        if action == .up { choice.selected = max(0, choice.selected - 1) }
        if action == .down { choice.selected = min(choice.releases.count - 1, choice.selected + 1) }
        state.overlay = .releasePicker(choice)
        return []
    }

    /// Opens the restore dialog for the backup in row `row` of the Backups view.
    static func open(restoreOf row: Int, in state: inout DashboardState) -> [DashboardEffect] {
        guard mayOpen(.restore, &state) else { return [] }
        guard state.actions.hasRestore(in: state.environment.name) else {
            state.notice = "restore is not available for \(state.environment.name)"
            return []
        }
        guard row >= 0, row < state.backupRows.count else {
            state.notice = "no backup to restore"
            return []
        }
        let backup = state.backupRows[row]
        guard backup.state == "verified" else {
            state.notice = "only a verified backup can be restored (\(backup.file) is \(backup.state))"
            return []
        }
        guard let spec = state.actions.restore(file: backup.file, in: state.environment.name) else { return [] }
        state.overlay = .confirm(ActionRequest(spec: spec, from: DialogOrigin(state.overlay)))
        return []
    }

    /// Opens the rehearsal dialog (typed name: it deploys, rolls back and restores the database), or
    /// explains why not: protected environments are never rehearsed on.
    static func open(rehearsalIn state: inout DashboardState) -> [DashboardEffect] {
        let name = state.environment.name
        if state.environment.protected && !state.readOnly {
            state.notice = "\(name) is protected: rehearsals run on staging-like environments only"
            return []
        }
        guard mayOpen(.rehearsal, &state) else { return [] }
        guard let spec = state.actions.rehearsal(in: name) else {
            state.notice = "no rehearsal configured: add [environments.\(name).rehearsal] (and backup, rollback)"
            return []
        }
        state.overlay = .confirm(ActionRequest(spec: spec))
        return []
    }

    /// Opens the backup dialog, or explains in the footer why it cannot open.
    static func open(backupIn state: inout DashboardState) -> [DashboardEffect] {
        if !mayOpen(.backup, &state) {
            return []
        } else if let spec = state.actions.backup(in: state.environment.name) {
            state.overlay = .confirm(ActionRequest(spec: spec))
        } else {
            state.notice = "no backup configured: add [environments.\(state.environment.name).backup] to the config"
        }
        return []
    }

    /// Applies a key to the open dialog.
    static func handle(_ key: KeyPress, request: ActionRequest, in state: inout DashboardState) -> [DashboardEffect] {
        var request = request
        switch key {
        case .escape:
            return cancel(request, in: &state)
        case .tab, .backTab, .left, .right:
            request.confirmFocused.toggle()
        case .enter:
            guard request.confirmFocused || request.requiresTypedName else { return cancel(request, in: &state) }
            if request.requiresTypedName && request.typed != request.environment {
                state.notice = "type \(request.environment) to confirm"
                return []
            }
            return confirm(request, in: &state)
        case .backspace where request.requiresTypedName:
            if !request.typed.isEmpty { request.typed.removeLast() }
        case .character(let character) where request.requiresTypedName:
            request.typed.append(character)
        case .character("y"), .character("Y"):
            return confirm(request, in: &state)
        case .character("n"), .character("N"):
            return cancel(request, in: &state)
        default:
            break
        }
        state.overlay = .confirm(request)
        return []
    }

    /// Asks to stop the running action (key `c`); the dialog confirms with `y` and says what the cancel does
    /// for this action (``CancelConsequence``). While the action compensates (the rollback after a cancelled
    /// rehearsal), `c` asks instead whether to stop that compensation, naming the state it would leave.
    static func askToCancel(in state: inout DashboardState) -> [DashboardEffect] {
        guard let running = state.runningAction else {
            state.notice = "no action is running"
            return []
        }
        if let compensating = running.compensating {
            if running.compensationStopRequested {
                state.notice = "stopping the \(compensating) was already asked for"
                return []
            }
            state.overlay = .confirm(ActionRequest(
                purpose: .stopCompensation, action: stopCompensationName, environment: state.environment.name, target: compensating, requiresTypedName: false,
                commands: [], effect: CancelConsequence.ofStoppingCompensation(compensating, leftIfStopped: running.leftIfStopped)))
            return []
        }
        if running.cancelRequested {
            state.notice = "\(running.action) is already stopping; c again once it compensates stops the recovery"
            return []
        }
        state.overlay = .confirm(ActionRequest(
            purpose: .cancelRunning, action: cancelName, environment: state.environment.name, target: running.action, requiresTypedName: false,
            commands: [], effect: CancelConsequence.ofCancel(running.action, environment: state.environment.name)))
        return []
    }

    /// The request name of the dialog that stops a running action.
    static let cancelName = "cancel"

    /// The request name of the dialog that stops a running compensation (a second, separate decision).
    static let stopCompensationName = "stop"

    private static func confirm(_ request: ActionRequest, in state: inout DashboardState) -> [DashboardEffect] {
        state.overlay = nil
        switch request.purpose {
        case .cancelRunning:
            guard state.runningAction != nil else { return [] }
            state.runningAction?.progress = "cancelling…"
            state.runningAction?.cancelRequested = true
            state.actionOutput?.append(["— cancel requested by the operator"])
            return [.cancelAction]
        case .stopCompensation:
            guard state.runningAction?.compensating != nil else { return [] }
            state.runningAction?.compensationStopRequested = true
            state.runningAction?.progress = "stopping the recovery…"
            state.actionOutput?.append(["— stop of the recovery (\(request.target ?? "compensation")) requested by the operator"])
            state.events.insert(TimelineEvent(time: state.now, probe: nil, status: .down,
                                              message: "\(request.target ?? "compensation") stopped by the operator: "
                                                + (state.runningAction?.leftIfStopped ?? "state unknown")), at: 0)
            return [.stopCompensation]
        case .unlock:
            state.unlockedUntil[request.environment] = state.now.addingTimeInterval(state.unlockSeconds)
            state.events.insert(TimelineEvent(time: state.now, probe: nil, status: .degraded,
                                              message: "\(request.environment) unlocked for \(DurationText.format(state.unlockSeconds))"), at: 0)
            return [.auditUnlocked(request)]
        case .run(let spec):
            if spec.kind.isSessionSignal { return SessionsKeys.confirmed(spec, in: &state) }
            // A config snapshot changes nothing and takes a moment: the Config view stays, and lists it when done.
            if spec.kind == .configSnapshot { state.overlay = request.origin?.overlay }
            let name = spec.title
            state.runningAction = RunningAction(action: name, progress: "starting")
            state.actionOutput = ActionOutput(title: "\(name) · \(spec.environment)", commands: spec.lines)
            state.actionOutput?.returnFocus = state.focus == .output ? .services : state.focus
            state.focus = .output
            state.events.insert(TimelineEvent(time: state.now, probe: nil, status: nil,
                                              message: "\(name) started on \(spec.environment)"), at: 0)
            return [.run(spec)]
        }
    }

    private static func cancel(_ request: ActionRequest, in state: inout DashboardState) -> [DashboardEffect] {
        state.overlay = request.origin?.overlay
        switch request.purpose {
        case .cancelRunning, .stopCompensation:
            state.notice = "\(request.target ?? "the action") keeps running"
            return []
        case .unlock, .run:
            state.notice = "\([request.action, request.target].compactMap { $0 }.joined(separator: " ")) cancelled"
            return [.auditCancelled(request)]
        }
    }
}
