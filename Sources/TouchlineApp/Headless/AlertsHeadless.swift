import ArgumentParser
import FoundationEssentials
import TouchlineCore
import TouchlineOps
import TouchlineProbes

/// The headless alert commands: `touchline alerts` (a deploy gate: 0 none firing, 1 only warnings, 2 a
/// critical or the source unreadable, 3 usage), `touchline silences`, `touchline silence` and
/// `touchline expire-silence` (confirmed as the other headless actions, audited, verified in Alertmanager).
public enum AlertsHeadless {
    /// The environment's `[alerts]` table, or exit 3 naming the table to add.
    static func config(_ environment: EnvironmentConfig, command: String, needsAlertmanager: Bool = false) throws -> AlertsConfig {
        guard let config = environment.alerts else {
            StandardError.write("touchline \(command): no alerts configured for \(environment.name): "
                                + "add [environments.\(environment.name).alerts] with alertmanager = \"http://HOST:PORT\"")
            throw ExitCode(ExitStatus.usage)
        }
        if needsAlertmanager && !config.silencesPossible {
            StandardError.write("touchline \(command): \(environment.name) reads its alerts from Prometheus, which has no silences: "
                                + "set alertmanager = URL in [environments.\(environment.name).alerts]")
            throw ExitCode(ExitStatus.usage)
        }
        return config
    }

    /// The alerts firing and the silences active now (one poll), for an incident snapshot; nil without `[alerts]`.
    public static func now(_ environment: EnvironmentConfig) -> AlertsAtTime? {
        guard let config = environment.alerts else { return nil }
        let client = AlertSourceClient(config: config)
        defer { client.close() }
        return AlertsAtTime(client.poll(environment: environment.name), source: config.sourceText)
    }

    /// `touchline alerts`: polls once, prints the table (or JSON), exits with the gate's code.
    public static func alerts(_ environment: EnvironmentConfig, json: Bool) throws {
        let config = try config(environment, command: "alerts")
        let client = AlertSourceClient(config: config)
        let poll = client.poll(environment: environment.name)
        client.close()
        let code = AlertsGate.exitCode(poll)
        if json {
            HeadlessAction.output(BackupOutput.render(AlertsReportJSON.report(poll, source: config.sourceText)))
        } else if poll.error == nil {
            let fixed = Set(config.matchers.filter { $0.isEqual && !$0.isRegex }.map(\.name))
            HeadlessAction.output(AlertsText.alerts(poll, label: environment.name, fixed: fixed))
        }
        if let error = poll.error { StandardError.write("touchline alerts: \(environment.name): cannot read alerts: \(error)") }
        throw ExitCode(code)
    }

    /// `touchline silences`: the active and pending silences (exit 0), or why they cannot be read (exit 2).
    public static func silences(_ environment: EnvironmentConfig, json: Bool) throws {
        let config = try config(environment, command: "silences", needsAlertmanager: true)
        let client = AlertSourceClient(config: config)
        defer { client.close() }
        switch client.silences() {
        case .failure(let error):
            StandardError.write("touchline silences: \(environment.name): \(error.message)")
            if json {
                HeadlessAction.output(BackupOutput.render(.object(["environment": .string(environment.name), "error": .string(error.message)])))
            }
            throw ExitCode(ExitStatus.down)
        case .success(let all):
            let live = all.filter { $0.state != "expired" }.sorted { $0.endsAt < $1.endsAt }
            if json {
                HeadlessAction.output(BackupOutput.render(.object([
                    "environment": .string(environment.name), "source": .string(config.sourceText),
                    "silences": .array(live.map(AlertsReportJSON.silence)),
                ])))
            } else {
                HeadlessAction.output(AlertsText.silences(live, label: environment.name, now: Date()))
            }
        }
    }

    /// `touchline silence`: posts the silence of `matchers` for `duration` with `comment`; exit 0 once Alertmanager
    /// lists it active and its alerts suppressed, 1 when it refused or never showed it in effect, 2 refused here
    /// (confirmation), 3 usage.
    public static func silence(_ environment: EnvironmentConfig, matchers texts: [String], duration: String, comment: String?,
                               confirm: String?, yes: Bool, json: Bool) throws {
        let headless = HeadlessAction(command: "silence", action: ActionKind.silence.name, environment: environment, json: json)
        let config = try config(environment, command: "silence", needsAlertmanager: true)
        guard !texts.isEmpty else { throw headless.usage("--matcher is required (e.g. --matcher alertname=ApiHighLatency)") }
        var matchers: [AlertMatcher] = []
        for text in texts {
            switch AlertMatcher.parse(text) {
            case .success(let matcher): matchers.append(matcher)
            case .failure(let error): throw headless.usage("--matcher: \(error.message)")
            }
        }
        let seconds: Double
        switch SilenceSpec.seconds(duration) {
        case .success(let value): seconds = value
        case .failure(let error): throw headless.usage("--for: \(error.message)")
        }
        guard let comment, !comment.trimming(charactersIn: " \t").isEmpty else {
            throw headless.usage("--comment is required: say why (e.g. the ticket)")
        }
        let identity = OperatorIdentity.current()
        let spec = SilenceSpec.silence(config, environment: environment.name, protected: environment.protected, matchers: matchers,
                                       startsAt: Date(), seconds: seconds, createdBy: "\(identity.user)@\(identity.host)", comment: comment)
        let rules = ActionConfirmationRules(environment: environment, confirm: confirm, yes: yes, typedNameAlways: false)
        try headless.requireConfirmation(rules, verb: "silence \(spec.target ?? "")", spec: spec)
        let report = SilenceRunner(environment: environment, config: config).run(spec, control: ActionControl(),
                                                                                  output: ActionOutputSink(line: { StandardError.write($0) }))
        try headless.finish(report)
    }

    /// `touchline expire-silence ID`: expires the silence; exit 0 once Alertmanager lists it expired.
    public static func expire(_ environment: EnvironmentConfig, id: String, confirm: String?, yes: Bool, json: Bool) throws {
        let headless = HeadlessAction(command: "expire-silence", action: ActionKind.expireSilence.name, environment: environment, json: json)
        let config = try config(environment, command: "expire-silence", needsAlertmanager: true)
        guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
            throw headless.usage("'\(id)' is not a silence id (touchline silences lists them)")
        }
        let client = AlertSourceClient(config: config)
        let matchers: String
        switch client.silence(id: id) {
        case .success(let silence): matchers = silence.matchersText
        case .failure(let error):
            client.close()
            // An id Alertmanager does not know (404, or 422 for one that is no UUID) is refused (2); Alertmanager
            // unreachable, slow or failing is a failure (1): nothing says the silence is not there.
            let unknown = error.status.map { (400..<500).contains($0) } ?? false
            // A 404's body is empty: say what it means, and where the ids are.
            let reason = error.status == 404 ? "Alertmanager has no silence \(id) (HTTP 404; touchline silences lists them)"
                : "cannot read silence \(id): \(error.message)"
            throw headless.refuse(reason, outcome: unknown ? .refused : .failed, target: id, commands: [])
        }
        client.close()
        let spec = SilenceSpec.expire(config, environment: environment.name, protected: environment.protected, id: id, matchers: matchers)
        let rules = ActionConfirmationRules(environment: environment, confirm: confirm, yes: yes, typedNameAlways: false)
        try headless.requireConfirmation(rules, verb: "expire silence \(id)", spec: spec)
        let report = SilenceRunner(environment: environment, config: config).run(spec, control: ActionControl(),
                                                                                  output: ActionOutputSink(line: { StandardError.write($0) }))
        try headless.finish(report)
    }
}
