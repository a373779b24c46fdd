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

    /// `touchline:alice@ops-1:staging` for `role` (``CoordinationApplicationName``).
    public func applicationName(_ role: Role) -> String {
        CoordinationApplicationName.make(role: role, user: identity.user, host: identity.host, environment: environment.name)
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
