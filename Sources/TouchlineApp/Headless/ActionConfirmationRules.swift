import FoundationEssentials
import Glibc
import TouchlineCore

/// The confirmation an action needs before it runs from the command line, as in the dashboard's dialogs:
/// `--confirm` must name the environment when given; it is required in a protected environment and for
/// the actions that always need the typed name (restore, rollback); otherwise a terminal is asked y/N
/// unless `--yes`.
public struct ActionConfirmationRules {
    /// The environment acted on.
    public let environment: EnvironmentConfig
    /// The value of `--confirm`.
    public let confirm: String?
    /// Whether `--yes` was given.
    public let yes: Bool
    /// Whether the typed name is required even in an unprotected environment.
    public let typedNameAlways: Bool

    /// Creates the rules for `environment` from `--confirm`, `--yes` and whether the action always needs the typed name.
    public init(environment: EnvironmentConfig, confirm: String?, yes: Bool, typedNameAlways: Bool) {
        self.environment = environment
        self.confirm = confirm
        self.yes = yes
        self.typedNameAlways = typedNameAlways
    }

    /// Why the confirmation given does not allow `verb` (e.g. "restart api"), or nil when it does.
    public func problem(verb: String) -> String? {
        if let confirm, confirm != environment.name {
            return "--confirm '\(confirm)' does not match the environment '\(environment.name)'"
        }
        guard confirm == nil else { return nil }
        if typedNameAlways {
            return "\(verb) needs --confirm \(environment.name) (the environment's name typed out)"
        }
        if environment.protected {
            return "\(environment.name) is protected: pass --confirm \(environment.name) to \(verb)"
        }
        return nil
    }

    /// Whether to ask y/N first: nothing typed, no `--yes`, and both standard input and error are terminals.
    public var shouldAsk: Bool {
        !yes && confirm == nil && isatty(STDIN_FILENO) == 1 && isatty(STDERR_FILENO) == 1
    }

    /// Asks `question` on standard error; true only for `y` or `yes` (the default is no).
    public static func askYes(_ question: String) -> Bool {
        FileDescriptorWriter.write(question, to: FileDescriptorWriter.standardError)
        let answer = readLine()?.trimming(charactersIn: " \t").lowercased()
        return answer == "y" || answer == "yes"
    }
}
