import FoundationEssentials
import TouchlineCore

/// An environment's coordination database, as touchline connects to it: the connection's name says who and
/// why (`touchline:alice@ops-1:staging` for a watching dashboard — the presence list reads these —,
/// `touchline-action:…` for the session that holds the shared lock, `touchline-cli:…` for a command), the
/// schema is checked (created on first use) and records spooled while the store was unreachable are uploaded.
public struct CoordinationStore: Sendable {
    /// Why a connection is opened (its `application_name` prefix).
    public enum Role: String, Sendable {
        /// A dashboard watching the environment: counted as present.
        case watcher = "touchline"
        /// The session dedicated to a running action (it holds the advisory lock).
        case action = "touchline-action"
        /// A short-lived command or record upload.
        case command = "touchline-cli"
    }

    /// The environment (its state folder holds the spool).
    public let environment: EnvironmentConfig
    /// Its coordination table.
    public let config: CoordinationConfig
    /// Who connects.
    public let identity: OperatorIdentity
    /// Where the password variable is read.
    public let processEnvironment: [String: String]

    /// The store of `environment`, or nil when it configures none.
    public init?(environment: EnvironmentConfig, identity: OperatorIdentity = .current(),
                 processEnvironment: [String: String] = ProcessInfo.processInfo.environment) {
        guard let config = environment.coordination else { return nil }
        self.environment = environment
        self.config = config
        self.identity = identity
        self.processEnvironment = processEnvironment
    }

    /// `touchline:alice@ops-1:staging` for `role` (``applicationName(role:user:host:environment:)``).
    public func applicationName(_ role: Role) -> String {
        Self.applicationName(role: role, user: identity.user, host: identity.host, environment: environment.name)
    }

    /// PostgreSQL keeps 63 bytes of an `application_name`.
    static let applicationNameLimit = 63

    /// `touchline:alice@ops-1:staging`. PostgreSQL cuts an `application_name` at 63 bytes, which would cut off the
    /// environment the presence list matches (a cloud host name such as `ip-10-0-12-34.eu-west-1.compute.internal`
    /// is 40 bytes): a longer name keeps only the host's first label, and if that is still too long, the
    /// operator part is shortened — the environment at the end always survives. PostgreSQL shows bytes outside
    /// printable ASCII as `?`: the operator part is percent-encoded there (``presenceWho(_:)`` reads it back).
    static func applicationName(role: Role, user: String, host: String, environment: String) -> String {
        func name(_ who: String) -> String { "\(role.rawValue):\(encodeWho(who)):\(environment)" }
        let full = name("\(user)@\(host)")
        if full.utf8.count <= applicationNameLimit { return full }
        var who = "\(user)@\(host.prefix { $0 != "." })"
        guard name("").utf8.count < applicationNameLimit else { return full }
        while name(who).utf8.count > applicationNameLimit { who.removeLast() }
        return name(who)
    }

    /// The operator part of an application name: `%` and every byte outside printable ASCII as `%XX`.
    static func encodeWho(_ who: String) -> String {
        var text = ""
        for byte in who.utf8 {
            if byte >= 0x20 && byte < 0x7f && byte != UInt8(ascii: "%") {
                text.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = Array("0123456789ABCDEF".utf8)
                text += "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 0xf)]], as: UTF8.self)
            }
        }
        return text
    }

    /// The operator `NAME@HOST` of a watcher's application name part (the inverse of the encoding above).
    public static func presenceWho(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var rest = text.utf8[...]
        while let byte = rest.first {
            if byte == UInt8(ascii: "%"), rest.count >= 3,
               let value = UInt8(String(decoding: rest.dropFirst().prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                rest = rest.dropFirst(3)
            } else {
                bytes.append(byte)
                rest = rest.dropFirst()
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Connects as `role`, checks (or creates) the schema, and uploads the records spooled while the store was
    /// unreachable (``AuditSpool``; failures there leave them spooled).
    public func connect(_ role: Role) throws(CoordinationError) -> CoordinationConnection {
        let connection = try CoordinationConnection.open(config, applicationName: applicationName(role),
                                                         processEnvironment: processEnvironment)
        do {
            try CoordinationSchema.ensure(on: connection, environment: environment.name)
        } catch {
            connection.close()
            throw error
        }
        AuditSpool(stateDirectory: environment.stateDirectory).upload(via: connection, secrets: secrets)
        return connection
    }

    /// The passwords kept out of every row and notification: the store's and the environment's probes'.
    public var secrets: [String] { environment.secretValues(in: processEnvironment) }
}
