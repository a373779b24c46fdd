import FoundationEssentials
import TouchlineCore

/// Reads the sessions of a postgres probe's server once: connects as `touchline-sessions`, runs
/// ``SessionsQuery/sql`` with touchline's own backends left out (``OwnBackends``), and closes — all within the
/// probe's `timeout` (at least 2 s).
public enum SessionsReader {
    /// One reading.
    public struct Reading: Sendable {
        /// The sessions.
        public var list: SessionsList
        /// How long the statement took, round trip, in seconds (the connection's setup not included).
        public var querySeconds: Double
    }

    /// The postgres probes of `environment`, in config order.
    public static func postgresProbes(_ environment: EnvironmentConfig) -> [ProbeConfig] {
        environment.probes.filter { $0.kind == .postgres }
    }

    /// Reads the sessions of `probe`'s server; `processEnvironment` supplies its `password_env`. Fails with one line
    /// (the probe's name and libpq's or the server's reason).
    public static func read(_ probe: ProbeConfig, processEnvironment: [String: String] = ProcessInfo.processInfo.environment)
        -> Result<Reading, ProbeFailure> {
        guard case .postgres(let dsn, let passwordEnv) = probe.target else {
            return .failure(ProbeFailure("\(probe.name) is not a postgres probe"))
        }
        let deadline = Deadline(seconds: max(2, probe.timeout))
        do throws(ProbeFailure) {
            let connection = try ActivityConnection.open(dsn: dsn, password: passwordEnv.flatMap { processEnvironment[$0] },
                                                         deadline: deadline)
            defer { connection.close() }
            let start = ContinuousClock.now
            let rows = try connection.rows(SessionsQuery.sql, [SessionsQuery.pidArray(OwnBackends.current)], deadline: deadline)
            let elapsed = start.duration(to: .now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            return .success(Reading(list: SessionsList(sessions: rows.compactMap(ActivitySession.init(row:))), querySeconds: seconds))
        } catch {
            return .failure(ProbeFailure("\(probe.name): \(error.message)"))
        }
    }
}
