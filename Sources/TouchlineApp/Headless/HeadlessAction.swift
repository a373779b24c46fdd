import ArgumentParser
import FoundationEssentials
import TouchlineCore
import TouchlineOps
import TouchlineProbes

/// What the headless action commands share: the confirmation gate, refusals and usage errors (audited,
/// one line, the right exit code) and the report on standard output as text or one JSON object.
///
/// JSON objects always hold `environment`, `action`, `ok`, `outcome` (ok, failed, refused, cancelled) and
/// `message`, plus the action's measured figures in snake_case.
public struct HeadlessAction {
    /// The subcommand, for messages (`touchline restart: …`).
    public let command: String
    /// The action's name in the audit log.
    public let action: String
    /// The environment acted on.
    public let environment: EnvironmentConfig
    /// Whether the report is one JSON object.
    public let json: Bool

    /// Creates the shared part of the headless command `command` running `action` on `environment`.
    public init(command: String, action: String, environment: EnvironmentConfig, json: Bool) {
        self.command = command
        self.action = action
        self.environment = environment
        self.json = json
    }

    /// The environment's audit log.
    public var auditLog: AuditLog { AuditLog(environment: environment) }

    /// The environment's actions as specs, as the dashboard builds them (pigz when it is on `PATH`): the
    /// previews shown and the argv recorded for a refusal come from them.
    public var catalog: ActionCatalog {
        ActionCatalog(environments: [environment], compressor: .installed(environment: ProcessInfo.processInfo.environment))
    }

    /// Asks for the confirmation of `spec` (``requireConfirmation(_:verb:target:commands:preview:figures:)``
    /// with the spec's target, argv and lines).
    public func requireConfirmation(_ rules: ActionConfirmationRules, verb: String, spec: ActionSpec,
                             figures: [String: JSONValue] = [:]) throws {
        try requireConfirmation(rules, verb: verb, target: spec.target, commands: spec.commands, preview: spec.lines,
                                figures: figures)
    }

    /// Applies `rules`: refuses (audited, exit 2) when the confirmation is missing or wrong, asks `question`
    /// on a terminal when it should (a "no" is audited as cancelled, exit 2), otherwise says on standard
    /// error what will run.
    public func requireConfirmation(_ rules: ActionConfirmationRules, verb: String, target: String?, commands: [[String]],
                             preview: [String], figures: [String: JSONValue] = [:]) throws {
        try coordinationPreflight(target: target, commands: commands, figures: figures)
        if let problem = rules.problem(verb: verb) {
            throw refuse(problem, target: target, commands: commands, figures: figures)
        }
        let shown = preview.map { "  " + $0 }.joined(separator: "\n")
        if rules.shouldAsk {
            let question = "\(verb.prefix(1).uppercased() + verb.dropFirst()) in \(environment.name)? This runs:\n\(shown)\n[y/N] "
            if !ActionConfirmationRules.askYes(question) {
                throw refuse("not confirmed; nothing was run", outcome: .cancelled, target: target, commands: commands,
                             figures: figures)
            }
        } else {
            StandardError.write("\(verb) in \(environment.name):\n\(shown)")
        }
    }

    /// Records one audit record for an attempt that never started, prints why, and returns its exit code:
    /// 2 (refused, or declined at the prompt), or 1 when `outcome` is `failed` (e.g. the releases could not be listed).
    public func refuse(_ reason: String, outcome: AuditOutcome = .refused, target: String?, commands: [[String]],
                figures: [String: JSONValue] = [:]) -> ExitCode {
        do {
            try AuditTrail.notStarted(auditLog, outcome: outcome, environment: environment.name, action: action,
                                      target: target, commands: commands, reason: reason)
        } catch {
            StandardError.write("touchline \(command): audit log: \(error)")
        }
        let word = outcome == .refused ? "refused" : outcome.rawValue
        StandardError.write("touchline \(command): \(word): \(reason)")
        if json { write(ActionReport(outcome, "\(word): \(reason)", figures: figures)) }
        return ExitCode(outcome == .failed ? ExitStatus.failed : ExitStatus.refused)
    }

    /// A configuration or usage problem: one line on standard error, exit code 3.
    public func usage(_ line: String) -> ExitCode {
        StandardError.write("touchline \(command): \(line)")
        return ExitCode(ExitStatus.usage)
    }

    /// Reports how the action ended and returns normally when it succeeded. Success: the sentence (or the
    /// JSON object with `extra` figures) on standard output. Otherwise the sentence on standard error (and
    /// with `--json` the object on standard output), then its exit code is thrown.
    public func finish(_ report: ActionReport, extra: [String: JSONValue] = [:]) throws {
        var report = report
        report.figures.merge(extra) { mine, _ in mine }
        guard report.ok else {
            report.message = unprefixed(report.message)
            if json { write(report) }
            StandardError.write("touchline \(command): \(report.message)")
            throw ExitCode(ExitStatus.code(for: report.outcome))
        }
        write(report)
    }

    /// A failure's sentence without the action's name before its outcome, which the dashboard's line needs and a
    /// headless line already has: `restore refused: X` → `refused: X` (printed `touchline restore: refused: X`,
    /// as ``refuse(_:outcome:target:commands:figures:)`` prints, never `touchline restore: restore refused: X`).
    func unprefixed(_ message: String) -> String {
        let names = Set([command, action, command.replacing("-", with: " "), action.replacing("-", with: " ")])
        for name in names {
            for outcome in ["refused", "failed", "cancelled"] where message.hasPrefix("\(name) \(outcome): ") {
                return String(message.dropFirst(name.count + 1))
            }
        }
        return message
    }

    /// Writes `report` on standard output: its sentence, or one JSON object.
    public func write(_ report: ActionReport) {
        guard json else {
            Self.output("\(environment.name): \(report.message)")
            return
        }
        Self.output(BackupOutput.render(object(report)))
    }

    /// The JSON object of `report`.
    public func object(_ report: ActionReport) -> JSONValue {
        var object = report.figures
        object["environment"] = .string(environment.name)
        object["action"] = .string(action)
        object["ok"] = .bool(report.ok)
        object["outcome"] = .string(report.outcome.rawValue)
        object["message"] = .string(report.message)
        return .object(object)
    }

    /// Writes `text` and a newline on standard output, unbuffered.
    public static func output(_ text: String) {
        FileDescriptorWriter.write(text + "\n", to: FileDescriptorWriter.standardOutput)
    }
}
