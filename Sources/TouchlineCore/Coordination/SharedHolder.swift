/// Who holds an environment's shared action lock: a row of the coordination database's `touchline.holders`
/// table, written by the operator who took the lock (the advisory lock itself is what excludes others).
public struct SharedHolder: Sendable, Equatable, Codable {
    /// The environment locked.
    public var environment: String
    /// The operator's name (``OperatorName``), e.g. `alice`.
    public var user: String
    /// The machine the holder's touchline runs on.
    public var host: String
    /// The holder's touchline process.
    public var pid: Int32
    /// The action, e.g. `rollback`.
    public var action: String
    /// What it aims at, e.g. `1.4.2`.
    public var target: String?
    /// Seconds since the lock was taken, by the database's clock (no skew between machines).
    public var ageSeconds: Double

    /// Creates a holder.
    public init(environment: String, user: String, host: String, pid: Int32, action: String, target: String?, ageSeconds: Double) {
        self.environment = environment
        self.user = user
        self.host = host
        self.pid = pid
        self.action = action
        self.target = target
        self.ageSeconds = ageSeconds
    }

    private enum CodingKeys: String, CodingKey {
        case environment, user, host, pid, action, target
        case ageSeconds = "age_seconds"
    }

    /// `alice@ops-1`.
    public var who: String { "\(user)@\(host)" }

    /// The action in words: `rollback to 1.4.2`, `restart api`, `backup`.
    public var what: String { Self.what(action: action, target: target) }

    /// `rollback to 1.4.2` for a rollback or a deploy with a target, else the action and its target.
    public static func what(action: String, target: String?) -> String {
        guard let target else { return action }
        return ["rollback", "deploy"].contains(action) ? "\(action) to \(target)" : "\(action) \(target)"
    }

    /// `12 s ago` under two minutes, else `3m ago`, `1h 5m ago`.
    public var ageText: String {
        ageSeconds < 120 ? "\(Int(clampingFinite: max(0, ageSeconds))) s ago" : AgeText.format(ageSeconds) + " ago"
    }

    /// The refusal line: `staging is locked by alice@ops-1 (rollback to 1.4.2, 12 s ago)`.
    public var refusal: String { "\(environment) is locked by \(who) (\(what), \(ageText))" }
}
