import ArgumentParser
import TouchlineApp
import FoundationEssentials
import TouchlineCore
import TouchlineOps
import TouchlineProbes

/// `touchline snapshot`: polls an environment (once, or for `--duration`) and writes an incident snapshot:
/// JSON with every probe's samples, metrics and the recent actions, and a Markdown summary beside it.
///
/// The dashboard's `S` writes the same files from its own 10 minutes of history.
struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Write an incident snapshot (JSON and a Markdown summary): probes, samples, events, recent actions, backups.",
        discussion: """
            Polls every probe once, or every interval for --duration (e.g. 30s), and writes \
            snapshot_ENV_YYYYmmdd_HHMMSS.json and .md into --output or STATE_DIR/snapshots. \
            Prints the two paths (or, with --json, an object with them). Exit codes: 0 written, \
            1 the files could not be written, 3 configuration or usage error.
            """
    )

    @OptionGroup var options: ConfigOptions

    @Option(name: .long, help: ArgumentHelp("Keep polling for this long first (e.g. 30s, 2m; 0s or absent: one round).",
                                            valueName: "DURATION"))
    var duration: String?

    @Option(name: .long, help: ArgumentHelp("Folder to write into (default: STATE_DIR/snapshots).", valueName: "DIR"))
    var output: String?

    @Flag(name: .long, help: "Print a JSON object with the paths and the overall status.")
    var json = false

    func run() throws {
        let (_, environment) = options.load()
        let seconds: Double
        if let duration {
            guard let value = DurationText.nonNegativeSeconds(duration), value <= 3600 else {
                StandardError.write("touchline snapshot: --duration: '\(duration)' is not a duration between 0s and 1h (e.g. 30s, 2m)")
                throw ExitCode(ExitStatus.usage)
            }
            seconds = value
        } else {
            seconds = 0
        }
        let state = EnvironmentPoll.poll(environment, for: seconds)
        var actions: [AuditRecord] = []
        do {
            actions = try AuditLog(stateDirectory: environment.stateDirectory).recentRecords(limit: 50, environment: environment.name)
        } catch {
            StandardError.write("touchline snapshot: \(error); the snapshot lists no actions")
        }
        var snapshot = IncidentSnapshot(state: state, actions: actions, takenAt: Date())
        snapshot.source = "touchline snapshot"
        snapshot.logs = ServiceLogCapture.excerpts(of: environment, processEnvironment: ProcessInfo.processInfo.environment)
        snapshot.redisDiagnostics = RedisDiagnosticsRead.all(environment)
        snapshot.recordCoordination()
        snapshot.alerting = AlertsHeadless.now(environment)
        if let config = environment.actions.backup {
            let inventory = BackupInventory.load(directory: config.directory)
            snapshot.backups = inventory.rows
            snapshot.backupWarning = inventory.freshnessWarning()
        }
        snapshot.sessions = SessionsSnapshot.capture(environment)
        let paths: (json: String, markdown: String)
        do {
            paths = try SnapshotFiles.write(snapshot, directory: output ?? SnapshotFiles.defaultDirectory(environment))
        } catch {
            StandardError.write("touchline snapshot: \(error)")
            throw ExitCode(1)
        }
        let text: String
        if json {
            let encoder = JSONOutput.encoder()
            let object = JSONValue.object(["json": .string(paths.json), "markdown": .string(paths.markdown),
                                           "environment": .string(environment.name), "status": .string(snapshot.status.rawValue)])
            text = (try? encoder.encode(object)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        } else {
            text = "\(paths.json)\n\(paths.markdown)"
        }
        FileDescriptorWriter.write(text + "\n", to: FileDescriptorWriter.standardOutput)
    }
}
