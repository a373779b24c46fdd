import Foundation
import Glibc

/// Who is acting and from where, as locks and the audit log record it.
public struct OperatorIdentity: Sendable, Equatable {
    /// `$USER`, or `uid:N` when it is unset.
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

    /// The identity of this process, reading `$USER` from `environment`.
    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> OperatorIdentity {
        let user = environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "uid:\(getuid())"
        var buffer = [CChar](repeating: 0, count: 256)
        let host = gethostname(&buffer, buffer.count - 1) == 0
            ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            : "unknown-host"
        return OperatorIdentity(user: user, host: host, pid: getpid())
    }
}
