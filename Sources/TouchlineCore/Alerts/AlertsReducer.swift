#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The reducer's part for alerts (pure): polls become the Alerts view's rows, Events for alerts that start
/// and stop firing, the bell on a new critical; the keys of the Alerts view, the silence dialog and the
/// expiry dialog; the end of a silence or an expiry.
public enum AlertsReducer {
    /// Key `!`: opens the Alerts view (and polls now), or says how to configure it.
    static func open(in state: inout DashboardState) -> [DashboardEffect] {
        guard state.environment.alerts != nil else {
            state.notice = "no alerts configured: add [environments.\(state.environment.name).alerts] with alertmanager = URL"
            return []
        }
        state.overlay = .alerts(AlertsView())
        return [.pollAlerts]
    }

    // MARK: - Polls

    /// Applies one poll of the shown environment: the list, Events for alerts new and gone, the bell.
    static func polled(_ poll: AlertsPoll, in state: inout DashboardState) -> [DashboardEffect] {
        guard poll.environment == state.environment.name, let config = state.environment.alerts else { return [] }
        if state.alerting.environment != poll.environment {
            state.alerting.reset()
            state.alerting.environment = poll.environment
        }
        let first = !state.alerting.polled
        state.alerting.polled = true
        if let error = poll.error {
            if state.alerting.error == nil {
                event("alerts: \(error)", status: .degraded, at: poll.time, in: &state)
            }
            state.alerting.error = error
            return []
        }
        if state.alerting.error != nil, !first {
            event("alerts: \(config.sourceText) answers again", status: .up, at: poll.time, in: &state)
        }
        state.alerting.error = nil
        state.alerting.answeredAt = poll.time
        state.alerting.alerts = poll.alerts
        state.alerting.silences = poll.silences
        clampSelection(in: &state)
        var effects: [DashboardEffect] = []
        let firing = poll.alerts.filter(\.firing)
        let now = Set(firing.map(\.fingerprint))
        for (fingerprint, alert) in state.alerting.announced.sorted(by: { $0.value.startsAt < $1.value.startsAt })
        where !now.contains(fingerprint) {
            let fired = SecondsText.format(poll.time.timeIntervalSince(alert.startsAt))
            event("alert resolved after firing \(fired): \(alert.name)\(labelsNote(alert))", status: .up, at: poll.time, in: &state)
            state.alerting.announced[fingerprint] = nil
        }
        for alert in firing.reversed() where state.alerting.announced[alert.fingerprint] == nil {
            state.alerting.announced[alert.fingerprint] = alert
            let muted = alert.suppressed ? " (\(alert.muteText))" : ""
            let since = first ? ", since \(clock(alert.startsAt))" : ""
            let summary = alert.summary.isEmpty ? "" : ": \(alert.summary)"
            event("alert firing: \(alert.name) [\(alert.severityText)]\(labelsNote(alert))\(muted)\(since)\(summary)",
                  status: alert.severity.status, at: poll.time, in: &state)
            if !first, config.bell, alert.severity == .critical, !alert.suppressed, !effects.contains(.ringBell) {
                effects.append(.ringBell)
            }
        }
        return effects
    }

    /// ` service=api`: the alert's `service` or `instance` label, when it has one, to tell like-named alerts apart.
    private static func labelsNote(_ alert: Alert) -> String {
        if let service = alert.labels["service"] { return " service=\(service)" }
        if let instance = alert.labels["instance"] { return " instance=\(instance)" }
        return ""
    }

    /// `04:41:02 UTC` of `date`.
    static func clock(_ date: Date) -> String { String(UTCTimestamp.format(date).dropFirst(11).prefix(8)) + " UTC" }

    private static func event(_ message: String, status: ProbeStatus?, at time: Date, in state: inout DashboardState) {
        state.events.insert(TimelineEvent(time: time, probe: nil, status: status, message: message,
                                          environment: state.environment.name), at: 0)
        if state.events.count > DashboardState.eventLimit { state.events.removeLast(state.events.count - DashboardState.eventLimit) }
    }

    private static func clampSelection(in state: inout DashboardState) {
        guard case .alerts(var view) = state.overlay else { return }
        let count = view.mode == .alerts ? state.alerting.alerts.count : state.alerting.silences.count
        view.selected = max(0, min(view.selected, count - 1))
        state.overlay = .alerts(view)
    }

    // MARK: - Results

    /// A silence or an expiry ended: its dialog closes when it is done or shows why not; an Event either way.
    static func finished(_ result: AlertActionResult, in state: inout DashboardState) -> [DashboardEffect] {
        let what = result.kind == .silence ? "silence" : "expire silence"
        let line = result.ok ? "\(what) \(result.silenceID ?? ""): \(result.message)" : "\(what) failed: \(result.message)"
        state.events.insert(TimelineEvent(time: state.now, probe: nil, status: result.ok ? nil : .down, message: line,
                                          environment: result.environment), at: 0)
        switch state.overlay {
        case .silence(var draft) where draft.submitting && result.kind == .silence:
            if result.ok {
                state.overlay = .alerts(draft.returnView)
            } else {
                draft.submitting = false
                draft.error = result.message
                state.overlay = .silence(draft)
            }
        case .expireSilence(var draft) where draft.submitting && result.kind == .expireSilence:
            if result.ok {
                state.overlay = .alerts(draft.returnView)
            } else {
                draft.submitting = false
                draft.error = result.message
                state.overlay = .expireSilence(draft)
            }
        default:
            break
        }
        state.notice = line
        return [.pollAlerts]
    }

    // MARK: - Keys

    /// Applies a key while the Alerts view or one of its dialogs is open.
    static func handle(_ key: KeyPress, in state: inout DashboardState) -> [DashboardEffect] {
        switch state.overlay {
        case .alerts(let view): return handleView(key, view: view, in: &state)
        case .silence(let draft): return handleSilence(key, draft: draft, in: &state)
        case .expireSilence(let draft): return handleExpire(key, draft: draft, in: &state)
        default: return []
        }
    }

    private static func handleView(_ key: KeyPress, view: AlertsView, in state: inout DashboardState) -> [DashboardEffect] {
        var view = view
        let action = state.bindings.action(for: key)
        let count = view.mode == .alerts ? state.alerting.alerts.count : state.alerting.silences.count
        if view.detail {
            if key == .escape || key == .enter {
                view.detail = false
                view.detailScroll = 0
            } else if action == .up {
                view.detailScroll = max(0, view.detailScroll - 1)
            } else if action == .down {
                view.detailScroll += 1
            } else if action == .quit {
                return [.quit]
            }
            state.overlay = .alerts(view)
            return []
        }
        switch key {
        case .escape:
            state.overlay = nil
            return []
        case .enter:
            if view.mode == .alerts, count > 0 { view.detail = true }
        case .character("v"):
            view = AlertsView(mode: view.mode == .alerts ? .silences : .alerts)
        case .character("x"):
            if view.mode == .alerts { return openSilence(view: view, in: &state) }
            state.notice = "X expires the highlighted silence; v goes back to the alerts"
        case .character("X"):
            if view.mode == .silences { return openExpire(view: view, in: &state) }
            state.notice = "v lists the silences; X there expires one"
        case .home:
            view.selected = 0
        case .end:
            view.selected = max(0, count - 1)
        default:
            if action == .up {
                view.selected = max(0, view.selected - 1)
            } else if action == .down {
                view.selected = max(0, min(count - 1, view.selected + 1))
            } else if action == .alerts {
                state.overlay = nil
                return []
            } else if action == .refresh {
                state.notice = "polling alerts…"
                state.overlay = .alerts(view)
                return [.pollAlerts]
            } else if action == .quit {
                return [.quit]
            }
        }
        state.overlay = .alerts(view)
        return []
    }

    /// Whether silences may be made or expired here; otherwise says why in the footer.
    private static func maySilence(_ state: inout DashboardState, verb: String) -> AlertsConfig? {
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

    private static func openSilence(view: AlertsView, in state: inout DashboardState) -> [DashboardEffect] {
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

    private static func openExpire(view: AlertsView, in state: inout DashboardState) -> [DashboardEffect] {
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

    private static func handleSilence(_ key: KeyPress, draft: SilenceDraft, in state: inout DashboardState) -> [DashboardEffect] {
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

    private static func submitSilence(_ draft: SilenceDraft, in state: inout DashboardState) -> [DashboardEffect] {
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
    private static func cancelledRequest(_ draft: SilenceDraft, in state: DashboardState) -> ActionRequest {
        let spec = ActionSpec(kind: .silence, environment: draft.environment, target: draft.matchers, commands: [], lines: [],
                              consequence: "", confirmation: draft.requiresTypedName ? .typeEnvironmentName : .yesNo)
        return ActionRequest(spec: spec)
    }

    private static func handleExpire(_ key: KeyPress, draft: ExpireDraft, in state: inout DashboardState) -> [DashboardEffect] {
        var draft = draft
        if draft.submitting {
            if key == .escape { state.overlay = .alerts(draft.returnView) }
            return []
        }
        var request = draft.request
        switch key {
        case .escape, .character("n") where !request.requiresTypedName, .character("N") where !request.requiresTypedName:
            state.overlay = .alerts(draft.returnView)
            state.notice = "expire silence cancelled"
            return [.auditCancelled(request)]
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

    private static func submitExpire(_ draft: ExpireDraft, in state: inout DashboardState) -> [DashboardEffect] {
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
