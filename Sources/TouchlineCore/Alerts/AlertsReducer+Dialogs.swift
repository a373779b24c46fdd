import FoundationEssentials

/// The silence and expiry dialogs of the Alerts view: who may open them, their keys, and what they send.
extension AlertsReducer {
    /// Whether silences may be made or expired here; otherwise says why in the footer.
    static func maySilence(_ state: inout DashboardState, verb: String) -> AlertsConfig? {
        guard let config = state.environment.alerts else { return nil }
        if state.readOnly {
            state.notice = "read-only: \(verb) is off"
            return nil
        }
        guard config.silencesPossible else {
            state.notice = "alerts come from Prometheus here: \(verb) needs alertmanager = URL in [environments.\(state.environment.name).alerts]"
            return nil
        }
        return config
    }

    static func openSilence(view: AlertsView, in state: inout DashboardState) -> [DashboardEffect] {
        guard maySilence(&state, verb: "silencing") != nil else { return [] }
        guard state.alerting.alerts.indices.contains(view.selected) else {
            state.notice = "no alert to silence"
            return []
        }
        let alert = state.alerting.alerts[view.selected]
        state.overlay = .silence(SilenceDraft(alert: alert, environment: state.environment.name, protected: state.environment.protected,
                                              returnView: view))
        return []
    }

    static func openExpire(view: AlertsView, in state: inout DashboardState) -> [DashboardEffect] {
        guard let config = maySilence(&state, verb: "expiring a silence") else { return [] }
        guard state.alerting.silences.indices.contains(view.selected) else {
            state.notice = "no silence to expire"
            return []
        }
        let silence = state.alerting.silences[view.selected]
        let spec = SilenceSpec.expire(config, environment: state.environment.name, protected: state.environment.protected,
                                      id: silence.id, matchers: silence.matchersText)
        state.overlay = .expireSilence(ExpireDraft(spec: spec, returnView: view))
        return []
    }

    static func handleSilence(_ key: KeyPress, draft: SilenceDraft, in state: inout DashboardState) -> [DashboardEffect] {
        var draft = draft
        if draft.submitting {
            if key == .escape {
                state.overlay = .alerts(draft.returnView)
                state.notice = "silence still being posted: its end shows in Events"
            }
            return []
        }
        let fields = draft.fields
        let index = fields.firstIndex(of: draft.focus) ?? 0
        switch key {
        case .escape:
            state.overlay = .alerts(draft.returnView)
            state.notice = "silence cancelled"
            return [.auditCancelled(cancelledRequest(draft, in: state))]
        case .tab, .down:
            draft.focus = fields[(index + 1) % fields.count]
        case .backTab, .up:
            draft.focus = fields[(index + fields.count - 1) % fields.count]
        case .left, .right:
            if draft.focus == .duration {
                let step = key == .right ? 1 : -1
                let slots = SilenceSpec.presets.count + 1
                let current = draft.preset ?? SilenceSpec.presets.count
                let next = ((current + step) % slots + slots) % slots
                draft.preset = next == SilenceSpec.presets.count ? nil : next
            }
        case .backspace:
            switch draft.focus {
            case .matchers: if !draft.matchers.isEmpty { draft.matchers.removeLast() }
            case .duration:
                if draft.preset != nil { draft.typedDuration = draft.durationText; draft.preset = nil }
                if !draft.typedDuration.isEmpty { draft.typedDuration.removeLast() }
            case .comment: if !draft.comment.isEmpty { draft.comment.removeLast() }
            case .name: if !draft.typedName.isEmpty { draft.typedName.removeLast() }
            }
        case .enter:
            return submitSilence(draft, in: &state)
        case .character(let character) where !(character.asciiValue.map { $0 < 32 } ?? false):
            switch draft.focus {
            case .matchers: draft.matchers.append(character)
            case .duration:
                if draft.preset != nil { draft.preset = nil; draft.typedDuration = "" }
                draft.typedDuration.append(character)
            case .comment: draft.comment.append(character)
            case .name: draft.typedName.append(character)
            }
        default:
            break
        }
        draft.error = nil
        state.overlay = .silence(draft)
        return []
    }

    static func submitSilence(_ draft: SilenceDraft, in state: inout DashboardState) -> [DashboardEffect] {
        var draft = draft
        guard let config = state.environment.alerts else { return [] }
        switch draft.validated() {
        case .failure(let problem):
            draft.error = problem.message
            state.overlay = .silence(draft)
            return []
        case .success(let values):
            let spec = SilenceSpec.silence(config, environment: draft.environment, protected: draft.requiresTypedName,
                                           matchers: values.matchers, startsAt: state.now, seconds: values.seconds,
                                           createdBy: state.alerting.createdBy, comment: values.comment)
            draft.submitting = true
            draft.error = nil
            state.overlay = .silence(draft)
            state.events.insert(TimelineEvent(time: state.now, probe: nil, status: nil,
                                              message: "silence \(spec.target ?? "") for \(draft.durationText) requested on \(draft.environment)"), at: 0)
            return [.alertAction(spec)]
        }
    }

    /// The request recorded when the silence dialog is cancelled: the silence as far as it was filled in.
    static func cancelledRequest(_ draft: SilenceDraft, in state: DashboardState) -> ActionRequest {
        let spec = ActionSpec(kind: .silence, environment: draft.environment, target: draft.matchers, commands: [], lines: [],
                              consequence: "", confirmation: draft.requiresTypedName ? .typeEnvironmentName : .yesNo)
        return ActionRequest(spec: spec)
    }

    static func handleExpire(_ key: KeyPress, draft: ExpireDraft, in state: inout DashboardState) -> [DashboardEffect] {
        var draft = draft
        if draft.submitting {
            if key == .escape { state.overlay = .alerts(draft.returnView) }
            return []
        }
        var request = draft.request
        // Esc cancels; so do n and N unless the name is being typed (then they are letters of it).
        if key == .escape || (!request.requiresTypedName && (key == .character("n") || key == .character("N"))) {
            state.overlay = .alerts(draft.returnView)
            state.notice = "expire silence cancelled"
            return [.auditCancelled(request)]
        }
        switch key {
        case .tab, .backTab, .left, .right:
            request.confirmFocused.toggle()
        case .enter:
            if !request.requiresTypedName && !request.confirmFocused {
                state.overlay = .alerts(draft.returnView)
                state.notice = "expire silence cancelled"
                return [.auditCancelled(request)]
            }
            if request.requiresTypedName && request.typed != request.environment {
                draft.error = "type \(request.environment) to confirm"
                draft.request = request
                state.overlay = .expireSilence(draft)
                return []
            }
            return submitExpire(draft, in: &state)
        case .character("y") where !request.requiresTypedName, .character("Y") where !request.requiresTypedName:
            return submitExpire(draft, in: &state)
        case .backspace where request.requiresTypedName:
            if !request.typed.isEmpty { request.typed.removeLast() }
        case .character(let character) where request.requiresTypedName:
            request.typed.append(character)
        default:
            break
        }
        draft.request = request
        draft.error = nil
        state.overlay = .expireSilence(draft)
        return []
    }

    static func submitExpire(_ draft: ExpireDraft, in state: inout DashboardState) -> [DashboardEffect] {
        var draft = draft
        guard let spec = draft.request.spec else { return [] }
        draft.submitting = true
        draft.error = nil
        state.overlay = .expireSilence(draft)
        state.events.insert(TimelineEvent(time: state.now, probe: nil, status: nil,
                                          message: "expire silence \(spec.target ?? "") requested on \(spec.environment)"), at: 0)
        return [.alertAction(spec)]
    }
}
