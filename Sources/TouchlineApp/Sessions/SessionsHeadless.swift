import ArgumentParser
import FoundationEssentials
import TouchlineCore
import TouchlineOps
import TouchlineProbes

/// `touchline sessions`, `touchline cancel-query` and `touchline terminate-session`: the Sessions view's list and
/// its two actions without the dashboard.
public enum SessionsHeadless {
    /// Prints the sessions of the probe's server: a table, or with `json` one object (``SessionsJSON``). Exit 0
    /// listed, 1 the server could not be reached or refused the query, 3 usage.
    public static func list(environment: EnvironmentConfig, probe name: String?, json: Bool, mode: SessionsMode?, all: Bool,
                            workers: Bool, minDuration: String?) throws {
        let probe = try pick(name, environment: environment, command: "sessions")
        var seconds = 0.0
        if let minDuration {
            guard let value = DurationText.nonNegativeSeconds(minDuration) else {
                StandardError.write("touchline sessions: --min-duration: '\(minDuration)' is not a duration (e.g. 500ms, 5s, 2m)")
                throw ExitCode(ExitStatus.usage)
            }
            seconds = value
        }
        let reading: SessionsReader.Reading
        switch SessionsReader.read(probe) {
        case .success(let value): reading = value
        case .failure(let failure):
            StandardError.write("touchline sessions: \(failure.message)")
            throw ExitCode(ExitStatus.failed)
        }
        let rows: [SessionRow]
        if let mode {
            rows = reading.list.rows(mode, workers: workers, minDuration: seconds)
        } else if all {
            rows = reading.list.sessions.filter { workers || $0.isClientBackend }.filter { $0.duration >= seconds }
                .sorted { $0.duration > $1.duration }.map { SessionRow(session: $0) }
        } else {
            rows = reading.list.rows(.running, workers: workers, minDuration: seconds)
        }
        let shownMode = mode ?? .running
        if json {
            HeadlessAction.output(BackupOutput.render(SessionsJSON.document(environment: environment.name, probe: probe.name,
                                                                           mode: all && mode == nil ? nil : shownMode, rows: rows,
                                                                           querySeconds: reading.querySeconds)))
            return
        }
        let heads = rows.filter { $0.depth == 0 }.count
        let label = all && mode == nil ? "sessions" : shownMode == .blocking ? "sessions in \(heads) blocking \(CountText.noun(heads, "chain"))" : "\(shownMode.rawValue) sessions"
        HeadlessAction.output("\(environment.name) · \(probe.name): \(rows.count) \(label)")
        if !rows.isEmpty {
            HeadlessAction.output(SessionsText.table(rows, idleWarn: probe.idleInTransactionWarn).joined(separator: "\n"))
        }
    }

    /// Cancels the query of (``ActionKind/cancelQuery``) or terminates (``ActionKind/terminateSession``) the session
    /// `pid` on the probe's server, confirmed as the dashboard's dialog is, then reports how it ended. Exit 0 ended,
    /// 1 still running or failed, 2 refused (confirmation, not a client backend, touchline's own), 3 usage.
    public static func signal(_ kind: ActionKind, pid: Int, environment: EnvironmentConfig, probe name: String?,
                              confirm: String?, yes: Bool, json: Bool) throws {
        let command = kind.name
        let probe = try pick(name, environment: environment, command: command)
        let headless = HeadlessAction(command: command, action: kind.name, environment: environment, json: json)
        let listed = (try? SessionsReader.read(probe).get())?.list.sessions.first { $0.pid == pid }
        let signal = SessionSignal(probe: probe.name, session: listed ?? ActivitySession(pid: pid), listed: listed != nil)
        let spec = SessionActionSpec.make(kind, environment: environment, signal: signal)
        let figures: [String: JSONValue] = ["pid": .integer(Int64(pid)), "probe": .string(probe.name)]
        let rules = ActionConfirmationRules(environment: environment, confirm: confirm, yes: yes,
                                            typedNameAlways: listed?.isTouchline == true)
        if listed != nil { StandardError.write(signal.lines.joined(separator: "\n")) }
        try headless.requireConfirmation(rules, verb: "\(SessionActionSpec.title(kind)) of pid \(pid)", spec: spec, figures: figures)
        let output = ActionOutputSink(line: { StandardError.write($0) })
        var report = SessionSignalRunner(environment: environment).run(spec, control: ActionControl(), output: output)
        if !report.ok {
            // `touchline cancel-query: refused: no session with pid 4711 …`, not `…: cancel-query 4711: no session …`
            let cause = SessionSignalRunner.cause(of: report.message, spec: spec)
            report.message = report.outcome == .refused ? "refused: \(cause)" : cause
        }
        try headless.finish(report, extra: figures)
    }

    private static func pick(_ name: String?, environment: EnvironmentConfig, command: String) throws -> ProbeConfig {
        switch PostgresProbeChoice.pick(name, in: environment) {
        case .success(let probe): return probe
        case .failure(let usage):
            StandardError.write("touchline \(command): \(usage.text)")
            throw ExitCode(ExitStatus.usage)
        }
    }
}
