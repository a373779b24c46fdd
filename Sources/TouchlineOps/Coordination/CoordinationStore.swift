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
    /// operator part is shortened — the environment at the end always survives.
    static func applicationName(role: Role, user: String, host: String, environment: String) -> String {
        func name(_ who: String) -> String { "\(role.rawValue):\(who):\(environment)" }
        let full = name("\(user)@\(host)")
        if full.utf8.count <= applicationNameLimit { return full }
        var who = "\(user)@\(host.prefix { $0 != "." })"
        let room = applicationNameLimit - name("").utf8.count
        guard room > 0 else { return full }
        while who.utf8.count > room { who.removeLast() }
        return name(who)
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
