import ArgumentParser
import TouchlineApp
import TouchlineCore
import TouchlineOps

/// `touchline lock`: who holds an environment's action lock (shared and local); there is no break.
struct LockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lock",
        abstract: "Show who holds an environment's action lock (the shared one in its coordination store, and this machine's).",
        discussion: """
            The shared lock is a PostgreSQL advisory lock held by the running action's session: the server \
            releases it when that session ends (a killed touchline included), so there is no command to break it. \
            Exit codes: 0 read (free or held), 1 the coordination store could not be read, 3 configuration or usage error \
            (a coordination schema newer than this touchline included).
            """
    )

    @OptionGroup var options: ConfigOptions

    @Flag(name: .long, help: "Print one JSON object.")
    var json = false

    func run() throws {
        let (_, environment) = options.load(connectingTo: [])
        let status = LockStatus.read(environment)
        if let error = status.error, case .schemaTooNew = error {
            StandardError.write("touchline lock: \(error.description)")
            throw ExitCode(ExitStatus.usage)
        }
        HeadlessAction.output(json ? BackupOutput.render(status.json) : status.lines.joined(separator: "\n"))
        // What was read on standard output, why the shared lock was not on standard error (JSON: `problem` too).
        if let line = status.problemLine {
            StandardError.write("touchline lock: \(line)")
            throw ExitCode(ExitStatus.failed)
        }
    }
}
