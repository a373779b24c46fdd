/// One section of the Redis diagnostics: what its command answered, or the one line saying why it did not.
///
/// A refusal (`NOPERM` from an ACL, `ERR unknown command` for a command renamed away with `rename-command`)
/// is kept per section, so one refused command never hides the others' answers.
public enum RedisDiagnosticSection<Value: Sendable & Equatable>: Sendable, Equatable {
    /// The command answered; its parsed value.
    case value(Value)
    /// The server answered the command with an error reply: the refusal in words (``RedisDiagnostics/refusal(command:reply:username:)``).
    case refused(String)
    /// No answer: the deadline passed or the connection broke while the command ran.
    case failed(String)

    /// The value, when the command answered.
    public var value: Value? {
        if case .value(let value) = self { return value }
        return nil
    }

    /// The refusal or failure line, when the command did not answer.
    public var problem: String? {
        switch self {
        case .value: return nil
        case .refused(let line), .failed(let line): return line
        }
    }
}
