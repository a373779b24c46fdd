/// An operator action waiting for confirmation: what will run, where, and how it must be confirmed.
public struct ActionRequest: Sendable, Equatable {
    /// The action's name, e.g. `backup`.
    public var action: String
    /// The environment it runs against.
    public var environment: String
    /// What it acts on within the environment (a service), if anything.
    public var target: String?
    /// Whether the environment is protected: the confirmation is the environment's name, typed.
    public var requiresTypedName: Bool
    /// The exact command lines that will run.
    public var commands: [String]
    /// What will change, in words.
    public var effect: String
    /// What the operator has typed so far (protected environments).
    public var typed = ""
    /// Which button has the focus; Cancel has it first.
    public var confirmFocused = false

    /// Creates a request with Cancel focused.
    public init(action: String, environment: String, target: String? = nil, requiresTypedName: Bool,
                commands: [String], effect: String) {
        self.action = action
        self.environment = environment
        self.target = target
        self.requiresTypedName = requiresTypedName
        self.commands = commands
        self.effect = effect
    }
}
