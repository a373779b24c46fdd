import ArgumentParser
import TouchlineApp
import TouchlineCore
import TouchlineOps

/// `touchline coordination init`: prints the coordination schema's DDL and, with `--confirm`, runs it.
struct CoordinationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coordination",
        abstract: "Manage an environment's coordination store (the shared lock, audit table and live feed).",
        subcommands: [Init.self]
    )

    /// `touchline coordination init --env ENV [--confirm]`.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Print the DDL of the touchline schema; run it with --confirm (for roles that may not create schemas on first use).",
            discussion: """
                Without --confirm the DDL goes to standard output (pipe it to psql); with it, the DDL is run and \
                standard output says what was installed. Idempotent: running it on an installed schema changes nothing. Exit codes: 0 printed (or installed), \
                1 the store could not be reached or the DDL failed, 3 configuration or usage error (no \
                [environments.NAME.coordination], or a schema newer than this touchline).
                """
        )

        @OptionGroup var options: ConfigOptions

        @Flag(name: .long, help: "Run the DDL (without it, only print it).")
        var confirm = false

        func run() throws {
            let (_, environment) = options.load(connectingTo: [])
            guard let store = CoordinationStore(environment: environment) else {
                StandardError.write("touchline coordination init: \(environment.name) has no [environments.\(environment.name).coordination] table")
                throw ExitCode(ExitStatus.usage)
            }
            // Printed, or run: with --confirm standard output says what was installed, not a script that may never
            // have reached the store.
            guard confirm else {
                HeadlessAction.output("-- touchline coordination schema version \(CoordinationSchema.version) for \(environment.name) "
                                      + "(\(store.config.displayDSN))\n" + CoordinationSchema.script)
                StandardError.write("touchline coordination init: printed only; run again with --confirm to install it")
                return
            }
            do throws(CoordinationError) {
                let connection = try CoordinationConnection.open(store.config, applicationName: store.applicationName(.command),
                                                                 processEnvironment: store.processEnvironment)
                defer { connection.close() }
                let found = try CoordinationSchema.installedVersion(on: connection)
                if found > CoordinationSchema.version { throw CoordinationError.schemaTooNew(found: found, supported: CoordinationSchema.version) }
                try CoordinationSchema.install(on: connection)
                HeadlessAction.output("schema version \(CoordinationSchema.version) installed "
                                      + (found == 0 ? "" : "(it was already there) ") + "in \(store.config.displayDSN)")
            } catch {
                StandardError.write("touchline coordination init: \(error.description)")
                if case .schemaTooNew = error { throw ExitCode(ExitStatus.usage) }
                throw ExitCode(ExitStatus.failed)
            }
        }
    }
}
