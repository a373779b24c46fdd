import FoundationEssentials

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
            } else {
                state.notice = KeyFeedback.unused(key.label, in: "alert's details")
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
            } else {
                state.notice = KeyFeedback.unused(key.label, in: view.mode == .alerts ? "Alerts view" : "Silences view")
            }
        }
        state.overlay = .alerts(view)
        return []
    }
}
