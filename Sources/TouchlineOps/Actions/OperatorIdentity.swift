import FoundationEssentials
import Glibc

/// Who is acting and from where, as locks and the audit log record it.
public struct OperatorIdentity: Sendable, Equatable {
    /// `$TOUCHLINE_OPERATOR`, else `$USER`, else the login name of the password database (``operatorName(environment:)``).
    public var user: String
    /// The host name.
    public var host: String
    /// This process.
    public var pid: Int32

    /// Creates an identity.
    public init(user: String, host: String, pid: Int32) {
        self.user = user
        self.host = host
        self.pid = pid
    }

    /// `alice@ops-1`: how the lock, the audit, the feed and the presence list name the operator.
    public var who: String { "\(user)@\(host)" }

    /// The identity of this process: ``operatorName(environment:)``, the host name and the pid.
    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> OperatorIdentity {
        let user = operatorName(environment: environment)
        var buffer = [CChar](repeating: 0, count: 256)
        let host = gethostname(&buffer, buffer.count - 1) == 0
            ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            : "unknown-host"
        return OperatorIdentity(user: user, host: host, pid: getpid())
    }

    /// The operator's name: `$TOUCHLINE_OPERATOR`, else `$USER`, else the login name of this uid in the password
    /// database (`getpwuid_r`), else `uid:N` when even that has none. Empty values count as unset.
    public static func operatorName(environment: [String: String]) -> String {
        if let name = environment["TOUCHLINE_OPERATOR"], !name.isEmpty { return name }
        if let name = environment["USER"], !name.isEmpty { return name }
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        if getpwuid_r(getuid(), &entry, &buffer, buffer.count, &result) == 0, result != nil, let name = entry.pw_name {
            let login = String(cString: name)
            if !login.isEmpty { return login }
        }
        return "uid:\(getuid())"
    }
}
