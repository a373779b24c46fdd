import FoundationEssentials
import TouchlineCore

/// `touchline redis-info`: reads one redis probe's diagnostics and prints them as the view shows them, or as
/// JSON (``RedisDiagnosticsJSON``). Exit 0 when the server answered (a refused command is a line in its section,
/// not a failure), 1 when it could not be reached or refused the connection, 3 for usage.
public enum RedisInfoReport {
    /// Picks the probe (`probe`, or the environment's only redis probe), reads it, prints; returns the exit code.
    /// A usage error names the command, as every headless usage error does (`touchline redis-info: --probe: …`).
    public static func run(environment: EnvironmentConfig, probe name: String?, json: Bool) -> Int32 {
        let probe: ProbeConfig
        switch ProbeSelection.single(.redis, named: name, from: environment) {
        case .success(let chosen): probe = chosen
        case .failure(let problem):
            StandardError.write("touchline redis-info: \(name == nil ? "" : "--probe: ")\(problem.message)")
            return ExitStatus.usage
        }
        for warning in environment.connectionWarnings(probes: [probe.name]) { StandardError.write(warning) }
        let outcome = RedisDiagnosticsRead.outcome(probe)
        let text: String
        if json {
            let encoder = JSONOutput.encoder(pretty: true)
            text = (try? encoder.encode(outcome.json)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        } else if let diagnostics = outcome.diagnostics {
            text = (["Redis diagnostics · \(probe.name) · \(outcome.address) · \(environment.label)", ""]
                    + RedisDiagnosticsLines.lines(diagnostics, width: 120, now: Date()).map(\.text)).joined(separator: "\n")
        } else {
            text = ""
        }
        if !text.isEmpty { FileDescriptorWriter.write(text + "\n", to: FileDescriptorWriter.standardOutput) }
        guard let error = outcome.error else { return ExitStatus.ok }
        StandardError.write("touchline redis-info: \(probe.name) (\(outcome.address)): \(error)")
        return ExitStatus.failed
    }
}
