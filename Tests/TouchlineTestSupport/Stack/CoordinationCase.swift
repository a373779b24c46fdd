import Foundation
import Glibc
import TouchlineCore
import TouchlineOps

/// One coordination test case against the shared stack: a coordination database of its own (created here,
/// so the `touchline` schema is created on first use), and operators, each with a state folder of its own
/// (another machine, as far as touchline can tell) and a `TOUCHLINE_OPERATOR` name.
struct CoordinationCase {
    let stack: TestStack
    let database: String
    let root: String

    init(stack: TestStack) {
        self.stack = stack
        database = "tl_coord_\(UUID().uuidString.prefix(8).lowercased())"
        root = "\(stack.directory)/coordination-\(database)"
        _ = stack.adminQuery("CREATE DATABASE \(database) OWNER football_staging_user")
    }

    /// The coordination table: this case's database on the stack's PostgreSQL, or a port nobody listens on.
    func table(require: Bool, port: Int? = nil) -> String {
        """

        [environments.staging.coordination]
        dsn = "host=127.0.0.1 port=\(port ?? stack.postgresPort) dbname=\(database) user=football_staging_user"
        password_env = "STAGING_DB_PASSWORD"
        require = \(require)
        timeout = "2s"
        """
    }

    /// Writes operator `name`'s config (its own state folder; `restartCommand` replaces the api restart's
    /// command, e.g. a sleep that holds the lock); returns its path.
    func writeConfig(operator name: String, require: Bool = true, port: Int? = nil,
                     restartCommand: [String]? = nil, extraProbes: String = "") throws -> String {
        let folder = "\(root)/\(name)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var text = stack.configText(extraProbes: extraProbes)
            .replacingOccurrences(of: "state_dir = \"\(stack.directory)/touchline-state\"", with: "state_dir = \"\(folder)/state\"")
            .replacingOccurrences(of: "directory = \"\(stack.directory)/dashboard-backups\"", with: "directory = \"\(folder)/backups\"")
        if let restartCommand {
            let script = TestStack.repositoryRoot.appendingPathComponent("scripts/stack").path
            let quoted = restartCommand.map { "\"\($0)\"" }.joined(separator: ", ")
            text = text.replacingOccurrences(of: "command = [\"\(script)\", \"restart\", \"api\"]", with: "command = [\(quoted)]")
        }
        text += table(require: require, port: port)
        let path = "\(folder)/config-\(UUID().uuidString.prefix(6)).toml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The state folder of operator `name`.
    func stateDirectory(_ name: String) -> String { "\(root)/\(name)/state" }

    /// The environment for operator `name`'s touchline.
    func environment(_ name: String) -> [String: String] {
        var environment = stack.environment
        environment["TOUCHLINE_OPERATOR"] = name
        return environment
    }

    /// The binary.
    static var binary: String { TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path }

    /// Runs `touchline ARGS --config CONFIG` as operator `name`.
    func run(_ name: String, _ arguments: [String], config: String, timeout: Double = 120)
        -> (code: Int32, stdout: String, stderr: String, seconds: Double) {
        ProcessRunner.runSeparately(Self.binary, arguments + ["--config", config], environment: environment(name), timeout: timeout)
    }

    /// One SQL statement in this case's database as the superuser; its output (tuples only, `|`-separated).
    @discardableResult
    func sql(_ statement: String) -> String {
        stack.run(["admin-psql", "-d", database, "-XAtqc", statement]).1.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The shared audit rows as `user|action|phase|outcome|late` lines, oldest first.
    func sharedRows() -> [String] {
        sql("SELECT username || '|' || action || '|' || phase || '|' || coalesce(outcome, '') || '|' || CASE WHEN late THEN 't' ELSE 'f' END FROM touchline.audit ORDER BY seq")
            .split(separator: "\n").map(String.init)
    }

    /// Drops this case's database (the test stack is destroyed with the test process anyway).
    func drop() {
        _ = stack.adminQuery("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
    }
}
