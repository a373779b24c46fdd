/// The confirmation dialog's rules: Cancel focused first, Esc cancels, `y` confirms ordinary actions,
/// protected environments need their name typed; read-only mode and a running action refuse up front.
enum ActionConfirmation {
    /// Opens the backup dialog, or explains in the footer why it cannot open.
    static func open(backupIn state: inout DashboardState) -> [DashboardEffect] {
        if state.readOnly {
            state.notice = "read-only: actions are off"
        } else if let running = state.runningAction {
            state.notice = "\(running.action) is still running"
        } else if let preview = state.backupPreviews[state.environment.name] {
            state.overlay = .confirm(ActionRequest(
                action: "backup", environment: state.environment.name, requiresTypedName: state.environment.protected,
                commands: [preview], effect: "writes a new verified backup file and updates manifest.json; the database is only read"))
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

    private static func confirm(_ request: ActionRequest, in state: inout DashboardState) -> [DashboardEffect] {
        state.overlay = nil
        state.runningAction = RunningAction(action: request.action, progress: "starting")
        state.events.insert(TimelineEvent(time: state.now, probe: nil, status: nil,
                                          message: "\(request.action) started on \(request.environment)"), at: 0)
        return [.runAction(request.action)]
    }

    private static func cancel(_ request: ActionRequest, in state: inout DashboardState) -> [DashboardEffect] {
        state.overlay = nil
        state.notice = "\(request.action) cancelled"
        return [.auditCancelled(request.action)]
    }
}
