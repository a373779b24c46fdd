import FoundationEssentials
import TouchlineCore

/// Checks Redis with hiredis: `INFO` parsed into memory, clients, hit ratio and persistence figures,
/// and judged by ``RedisSnapshot/condition`` (loading, refusing writes, memory full, stale replica).
///
/// `CONFIG GET` is sent only for values a rule needs and INFO lacks (``RedisSnapshot/settingsNeeded``),
/// e.g. `maxmemory` on a Redis older than 3.2.
///
/// It keeps one ``RedisConnection`` (named `touchline-probe-PID`) between polls; every wait is bounded by the
/// probe's deadline.
public final class RedisChecker: ProbeChecker {
    public let config: ProbeConfig
    private let connection: RedisConnection
    private var previous: (snapshot: RedisSnapshot, at: ContinuousClock.Instant)?

    /// Creates a checker for the server at `address`, authenticating with `password` when given, as ACL
    /// user `username` when given (`AUTH username password`; a nopass user takes any password, so an
    /// unset password is sent empty).
    public init(config: ProbeConfig, address: HostPort, password: String?, username: String? = nil) {
        self.config = config
        connection = RedisConnection(address: address, password: password, username: username,
                                     clientName: RedisConnection.clientName(role: "probe"))
    }

    deinit { close() }

    public func close() { connection.close() }

    public func check() -> ProbeSample {
        CheckOutcome.measure(config) { deadline throws(ProbeFailure) in
            try ReconnectOnce.poll(reused: connection.isOpen, deadline: deadline, close: close) { reused throws(ProbeFailure) in
                try poll(deadline: deadline, reused: reused)
            }
        }
    }

    private func poll(deadline: Deadline, reused: Bool) throws(ProbeFailure) -> CheckOutcome {
        if !reused { try connection.open(deadline: deadline) }
        let username = connection.username
        let start = ContinuousClock.now
        let reply = try connection.command(["INFO"], deadline: deadline)
        let now = ContinuousClock.now
        let text: String
        switch reply {
        case .text(let body): text = body
        case .error(let message) where RedisRefusal.isAccessRefusal(message):
            throw ProbeFailure(RedisRefusal.describe(command: "INFO", reply: message, username: username))
        case .error(let message): throw ProbeFailure(RedisCondition.errorReply(message, command: "INFO").reason)
        case .array, .null: throw ProbeFailure("unexpected answer to INFO")
        }
        guard var snapshot = RedisSnapshot(info: RedisInfo(text: text)) else {
            throw ProbeFailure("unexpected answer to INFO")
        }
        if !snapshot.loading {
            if snapshot.clusterEnabled, case .text(let cluster) = try connection.command(["CLUSTER", "INFO"], deadline: deadline) {
                snapshot.clusterState = RedisInfo(text: cluster)["cluster_state"]
            }
            snapshot.apply(try settings(snapshot.settingsNeeded, deadline: deadline))
        }
        if let previous {
            snapshot.computeRates(since: previous.snapshot, seconds: previous.at.duration(to: now).seconds)
        }
        previous = (snapshot, now)
        var outcome = CheckOutcome(includesSetup: !reused, metrics: .redis(snapshot))
        outcome.latency = reused ? start.duration(to: now).seconds : nil
        if let condition = snapshot.condition {
            outcome.status = condition.status
            outcome.error = condition.reason
        }
        return outcome
    }

    /// Reads `parameters` with `CONFIG GET`, each under its current name and then its old one; values
    /// CONFIG will not give (renamed away, refused by an ACL) stay unknown.
    private func settings(_ parameters: [RedisSettings.Parameter], deadline: Deadline) throws(ProbeFailure) -> RedisSettings {
        var settings = RedisSettings()
        for parameter in parameters {
            for name in parameter.names {
                let reply = try connection.command(["CONFIG", "GET", name], deadline: deadline)
                if case .error = reply { return settings }
                if let value = reply.configValue {
                    settings.set(parameter, value)
                    break
                }
            }
        }
        return settings
    }
}
