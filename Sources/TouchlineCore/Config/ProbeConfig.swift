/// One probe of an environment: what it checks, how often and with which deadline.
public struct ProbeConfig: Sendable, Equatable {
    /// Unique name within the environment.
    public var name: String
    /// Seconds between the end of one check and the start of the next.
    public var interval: Double
    /// Hard deadline of one check, in seconds.
    public var timeout: Double
    /// A check slower than this (seconds) is `degraded`.
    public var latencyWarn: Double?
    /// The kind-specific part.
    public var target: ProbeTarget
    /// Degraded polls in a row before the dashboard shows `up` → `degraded` (`failure_threshold`; `down`
    /// always shows on its first poll).
    public var failureThreshold: Int
    /// Up polls in a row before the dashboard shows `degraded` → `up` (`success_threshold`; the first
    /// good poll after `down` always shows).
    public var successThreshold: Int

    /// The default of both thresholds.
    public static let defaultThreshold = 2
    /// The values a threshold may take.
    public static let thresholdRange = 1...100
    /// Postgres probes: seconds a transaction may stay open `idle in transaction` before the probe is
    /// degraded (`idle_in_transaction_warn`); ignored by other kinds.
    public var idleInTransactionWarn = PostgresSnapshot.defaultIdleInTransactionWarn
    /// `optional = true`: shown, coloured and listed in Events, but left out of the environment's status,
    /// `touchline check`'s exit code and a rehearsal's default `probes` (a service the stack may not run).
    public var optional = false

    /// Creates a probe configuration.
    public init(name: String, interval: Double, timeout: Double, latencyWarn: Double?, target: ProbeTarget,
                failureThreshold: Int = defaultThreshold, successThreshold: Int = defaultThreshold) {
        self.name = name
        self.interval = interval
        self.timeout = timeout
        self.latencyWarn = latencyWarn
        self.target = target
        self.failureThreshold = failureThreshold
        self.successThreshold = successThreshold
    }

    /// The probe's kind.
    public var kind: ProbeKind { target.kind }
}
