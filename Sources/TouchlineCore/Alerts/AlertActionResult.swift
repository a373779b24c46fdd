/// How a silence or an expiry ended, posted back to the dashboard: the silence's id when Alertmanager gave one.
public struct AlertActionResult: Sendable, Equatable {
    /// ``ActionKind/silence`` or ``ActionKind/expireSilence``.
    public var kind: ActionKind
    /// The environment acted on.
    public var environment: String
    /// Whether it is done: the silence listed active and its alerts suppressed, or the silence listed expired.
    public var ok: Bool
    /// One sentence saying what happened, or why not.
    public var message: String
    /// The silence's id, when there is one.
    public var silenceID: String?

    /// Creates a result.
    public init(kind: ActionKind, environment: String, ok: Bool, message: String, silenceID: String? = nil) {
        self.kind = kind
        self.environment = environment
        self.ok = ok
        self.message = message
        self.silenceID = silenceID
    }
}
