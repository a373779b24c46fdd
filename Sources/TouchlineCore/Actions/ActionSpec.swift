/// One operator action as data, derived once from the config (and the operator's choice, for a rollback's
/// release or a restore's file) by the ``ActionCatalog``: what runs, where, how it is confirmed and how long it
/// may take. The dialog shows ``lines``; the confirmed dialog's effect carries the spec; the runner runs it and
/// the audit log records ``commands`` — one value, so what was shown is what runs and what is recorded.
public struct ActionSpec: Sendable, Equatable {
    /// How the operator confirms the action in its dialog.
    public enum Confirmation: Sendable, Equatable {
        /// `y` (or Enter on Confirm); `n`, Esc or Enter on Cancel cancels.
        case yesNo
        /// The environment's name typed, then Enter.
        case typeEnvironmentName
    }

    /// Which action.
    public var kind: ActionKind
    /// The environment it runs against (its config name).
    public var environment: String
    /// What it acts on within the environment: a service (restart), a release (rollback), a backup file
    /// (restore); nil for a backup or a rehearsal.
    public var target: String?
    /// The argv of every command that will run, in order (placeholders such as `<snapshot>` for what is only
    /// known while it runs); what the audit log records.
    public var commands: [[String]]
    /// The dialog's lines: ``commands`` quoted by ``ShellQuote`` (pipelines on one line), or for a rehearsal
    /// its steps in words and commands.
    public var lines: [String]
    /// What will change, in words.
    public var consequence: String
    /// Whether it changes the environment's state (``ActionKind/isDangerous``).
    public var dangerous: Bool
    /// How it is confirmed.
    public var confirmation: Confirmation
    /// Whether it holds the environment's exclusive action lock (``ActionKind/takesEnvironmentLock``).
    public var takesEnvironmentLock: Bool
    /// How long its main command may run, in seconds (a backup's `timeout`, a restart's `timeout`, …).
    public var timeout: Double
    /// How long it waits for the environment to be healthy again afterwards, in seconds (0 when it does not).
    public var waitHealthy: Double
    /// The PostgreSQL session a cancel or terminate acts on (nil for every other kind).
    public var session: SessionSignal?

    /// Creates a spec; ``dangerous`` and ``takesEnvironmentLock`` come from `kind`.
    public init(kind: ActionKind, environment: String, target: String? = nil, commands: [[String]], lines: [String],
                consequence: String, confirmation: Confirmation, timeout: Double = 0, waitHealthy: Double = 0) {
        self.kind = kind
        self.environment = environment
        self.target = target
        self.commands = commands
        self.lines = lines
        self.consequence = consequence
        self.dangerous = kind.isDangerous
        self.confirmation = confirmation
        self.takesEnvironmentLock = kind.takesEnvironmentLock
        self.timeout = timeout
        self.waitHealthy = waitHealthy
    }

    /// The action and its target, e.g. `restart api`, `rollback 1.5.0`, `backup`: the running action's name.
    public var title: String { [kind.name, target].compactMap { $0 }.joined(separator: " ") }

    /// The name its end is reported under (``DashboardEvent/actionFinished(action:ok:message:)``): the
    /// ``title``, except `rollback to 1.4.2`.
    public var finishedName: String { kind == .rollback ? "rollback to \(target ?? "")" : title }
}
