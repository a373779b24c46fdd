/// An open confirmation dialog: what it is for, what will run, where, and how it must be confirmed.
public struct ActionRequest: Sendable, Equatable {
    /// What confirming the dialog does.
    public enum Purpose: Sendable, Equatable {
        /// Runs the action: the confirmed dialog's effect is ``DashboardEffect/run(_:)`` with this spec.
        case run(ActionSpec)
        /// Unlocks the protected environment for a while (nothing runs).
        case unlock
        /// Stops the running action's forward work; its compensation still runs.
        case cancelRunning
        /// Stops the running action's compensation (a second, separate decision).
        case stopCompensation
    }

    /// What confirming it does.
    public var purpose: Purpose
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
    /// The view the dialog was opened from, drawn under it and gone back to on cancel; nil: the main screen.
    public var origin: DialogOrigin?

    /// Creates a request with Cancel focused.
    public init(purpose: Purpose, action: String, environment: String, target: String? = nil, requiresTypedName: Bool,
                commands: [String], effect: String) {
        self.purpose = purpose
        self.action = action
        self.environment = environment
        self.target = target
        self.requiresTypedName = requiresTypedName
        self.commands = commands
        self.effect = effect
    }

    /// The dialog of `spec`: its kind and target as the title, its lines, its consequence and its confirmation;
    /// opened from `origin` (nil: the main screen).
    public init(spec: ActionSpec, from origin: DialogOrigin? = nil) {
        self.init(purpose: .run(spec), action: spec.kind.name, environment: spec.environment, target: spec.target,
                  requiresTypedName: spec.confirmation == .typeEnvironmentName, commands: spec.lines, effect: spec.consequence)
        self.origin = origin
    }

    /// The spec it runs, when it runs one.
    public var spec: ActionSpec? {
        if case .run(let spec) = purpose { return spec }
        return nil
    }
}
