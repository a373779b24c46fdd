import FoundationEssentials
import TouchlineCore
import TouchlineProbes

/// Runs a silence or a silence's expiry (``ActionKind/silence``, ``ActionKind/expireSilence``) against the
/// environment's Alertmanager, inside the one ``ActionEnvelope`` (no lock: triage must not wait behind a
/// backup; audited start and end).
///
/// A silence is done only when Alertmanager lists it `active` and every alert it matches shows suppressed; an
/// expiry when Alertmanager lists the silence `expired`. Both are checked every 250 ms up to ``verifySeconds``.
/// A silence that never shows active is expired again (nothing left half-done) and reported failed; a silence
/// Alertmanager refuses (a bad matcher) is audited failed with Alertmanager's reason.
public struct SilenceRunner: ActionRunner {
    /// The environment.
    public let environment: EnvironmentConfig
    /// Its `[alerts]` table (an Alertmanager source).
    public let config: AlertsConfig
    /// How long Alertmanager gets to list the silence active (or expired) and the alerts suppressed, in seconds.
    public var verifySeconds: Double

    /// Creates the runner.
    public init(environment: EnvironmentConfig, config: AlertsConfig, verifySeconds: Double = 10) {
        self.environment = environment
        self.config = config
        self.verifySeconds = verifySeconds
    }

    /// Runs `spec` (blocking): its one request, then the check that it took effect.
    public func run(_ spec: ActionSpec, control: ActionControl, output: ActionOutputSink) -> ActionReport {
        let envelope = ActionEnvelope(spec: spec, environment: environment)
        return envelope.run(refused: { refusal in
            switch refusal {
            case .lockHeld(let error): ActionReport(.refused, "refused: \(error)")
            case .auditUnwritable(let error): ActionReport(.refused, "refused: cannot write the audit log: \(error)")
            }
        }, body: { trail in
            let client = AlertSourceClient(config: config)
            defer { client.close() }
            return spec.kind == .silence ? silence(spec, trail: trail, client: client, output: output)
                : expire(spec, trail: trail, client: client, output: output)
        })
    }

    private func silence(_ spec: ActionSpec, trail: AuditTrail, client: AlertSourceClient, output: ActionOutputSink) -> ActionReport {
        guard let command = spec.commands.first, command.count == 3, command[0] == "POST",
              let body = AlertsJSON.parseSilenceBody(command[2]) else {
            try? trail.end(.failed, commands: spec.commands, error: "not a silence request")
            return ActionReport(.failed, "not a silence request")
        }
        let id: String
        switch client.post(command[1], body: command[2]) {
        case .failure(let error):
            // Refused only when Alertmanager answered so; unreachable or timed out, it never saw the silence.
            let reason = error.status == nil ? "the silence was not created: \(error.message)"
                : "Alertmanager refused the silence: \(error.message)"
            try? trail.end(.failed, commands: spec.commands, error: reason)
            return ActionReport(.failed, reason)
        case .success(let created):
            id = created
        }
        output.line("silence \(id) created; waiting for Alertmanager to list it active and its alerts suppressed")
        var figures: [String: JSONValue] = ["silence_id": .string(id), "matchers": .string(spec.target ?? ""),
                                            "ends_at": .string(ActionJSON.format(body.endsAt))]
        var last = "not checked yet"
        let deadline = Date().addingTimeInterval(verifySeconds)
        repeat {
            switch check(id: id, matchers: body.matchers, client: client) {
            case .success(let suppressed):
                figures["alerts_suppressed"] = .integer(Int64(suppressed))
                let message = "silence \(id) active until \(UTCTimestamp.format(body.endsAt)); "
                    + (suppressed == 0 ? "it matches no alert firing now" : "\(CountText.format(suppressed, "alert")) suppressed")
                try? trail.end(.ok, commands: spec.commands, details: figures)
                return ActionReport(.ok, message, figures: figures)
            case .failure(let reason):
                last = reason.message
            }
            BlockingSleep.seconds(0.25)
        } while Date() < deadline
        // Not seen in effect: take it back so nothing is left half-done.
        let undo: String
        switch client.delete(config.baseURL + "/api/v2/silence/" + id) {
        case .success: undo = "it was expired again"
        case .failure(let error): undo = "expiring it again failed too (\(error.message)): expire \(id) by hand"
        }
        let reason = "silence \(id) not in effect within \(DurationText.format(verifySeconds)) (\(last)); \(undo)"
        try? trail.end(.failed, commands: spec.commands, details: figures, error: reason)
        return ActionReport(.failed, reason, figures: figures)
    }

    /// The number of matching alerts suppressed when the silence is active and every matching alert is suppressed;
    /// otherwise what is still missing.
    private func check(id: String, matchers: [AlertMatcher], client: AlertSourceClient) -> Result<Int, AlertSourceError> {
        switch client.silence(id: id) {
        case .failure(let error): return .failure(error)
        case .success(let silence) where !silence.active: return .failure(AlertSourceError("Alertmanager lists it \(silence.state)"))
        case .success: break
        }
        switch client.alerts() {
        case .failure(let error):
            return .failure(error)
        case .success(let alerts):
            let matching = alerts.filter { alert in matchers.allSatisfy { $0.matches(alert.labels) } }
            let loud = matching.filter { !$0.suppressed }
            if let first = loud.first { return .failure(AlertSourceError("\(first.name) is still \(first.state.rawValue)")) }
            return .success(matching.count)
        }
    }

    private func expire(_ spec: ActionSpec, trail: AuditTrail, client: AlertSourceClient, output: ActionOutputSink) -> ActionReport {
        guard let command = spec.commands.first, command.count == 2, command[0] == "DELETE", let id = spec.target else {
            try? trail.end(.failed, commands: spec.commands, error: "not an expiry request")
            return ActionReport(.failed, "not an expiry request")
        }
        let figures: [String: JSONValue] = ["silence_id": .string(id)]
        if case .failure(let error) = client.delete(command[1]) {
            let reason = "Alertmanager did not expire \(id): \(error.message)"
            try? trail.end(.failed, commands: spec.commands, details: figures, error: reason)
            return ActionReport(.failed, reason, figures: figures)
        }
        var last = "not checked yet"
        let deadline = Date().addingTimeInterval(verifySeconds)
        repeat {
            switch client.silence(id: id) {
            case .success(let silence) where silence.state == "expired":
                try? trail.end(.ok, commands: spec.commands, details: figures)
                return ActionReport(.ok, "silence \(id) expired: its alerts notify again", figures: figures)
            case .success(let silence): last = "Alertmanager lists it \(silence.state)"
            case .failure(let error): last = error.message
            }
            BlockingSleep.seconds(0.25)
        } while Date() < deadline
        let reason = "silence \(id) not listed expired within \(DurationText.format(verifySeconds)) (\(last))"
        try? trail.end(.failed, commands: spec.commands, details: figures, error: reason)
        return ActionReport(.failed, reason, figures: figures)
    }
}
