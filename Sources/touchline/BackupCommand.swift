import ArgumentParser
import Foundation
import Glibc
import TouchlineCore
import TouchlineProbes

/// `touchline backup`: a verified `pg_dump | gzip` of an environment's database, or `--list` of its backups.
///
/// Exit codes: 0 written and verified (or listed), 1 the backup ran and failed or was cancelled, 2 refused
/// (lock held, confirmation missing, wrong or declined), 3 configuration or usage error. On a terminal it
/// asks before running unless `--yes`; a protected environment needs `--confirm NAME` instead.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Back up an environment's database (pg_dump | gzip, verified, listed in manifest.json), or list its backups.",
        discussion: """
            Exit codes: 0 backup written and verified (or --list printed), 1 the backup failed or was cancelled, \
            2 refused (another action holds the environment's lock, or the confirmation is missing, wrong or declined), \
            3 configuration or usage error. On a terminal it asks first unless --yes is given; in a protected \
            environment pass --confirm with the environment's name instead.
            """
    )

    /// Exit codes of the actions.
    private enum Status {
        static let failed: Int32 = 1
        static let refused: Int32 = 2
        static let usage: Int32 = 3
    }

    @OptionGroup var options: ConfigOptions

    @Flag(name: .long, help: "List the backups (age, size, verification state) instead of taking one.")
    var list = false

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Type the environment's name to confirm (required when it is protected).",
                                            valueName: "ENVIRONMENT"))
    var confirm: String?

    @Flag(name: .long, help: "Do not ask on a terminal before backing up an unprotected environment.")
    var yes = false

    func run() throws {
        let (loaded, environment) = options.load()
        let config: BackupConfig
        do {
            config = try BackupConfigParser.parse(environment: environment, configFile: loaded.path)
        } catch {
            StandardError.write(error.description)
            throw ExitCode(Status.usage)
        }
        if list {
            let inventory = BackupInventory.load(directory: config.directory)
            write(json ? BackupOutput.render(BackupOutput.listJSON(inventory, environment: environment.name))
                       : BackupOutput.listText(inventory, environment: environment.name))
            return
        }
        let action = BackupAction(environment: environment, config: config)
        try requireConfirmation(action)
        let interrupts = Self.cancelOnSignals(action)
        let line = ProgressLine(interactive: isatty(STDERR_FILENO) == 1)
        let result = action.run { line.show($0) }
        line.finish()
        interrupts.forEach { $0.cancel() }
        write(json ? BackupOutput.render(BackupOutput.json(result, environment: environment.name))
                   : BackupOutput.text(result, environment: environment.name))
        if json, result.report == nil { StandardError.write("touchline backup: \(result.message)") }
        switch result {
        case .completed: return
        case .refused: throw ExitCode(Status.refused)
        case .failed, .cancelled: throw ExitCode(Status.failed)
        }
    }

    /// Refuses (audited, exit 2) without the confirmation the environment needs; on a terminal without
    /// `--yes` asks first, showing what will run.
    private func requireConfirmation(_ action: BackupAction) throws {
        let environment = action.environment
        var refusal = confirmationProblem(environment)
        var outcome = AuditOutcome.refused
        if refusal == nil && !yes && confirm == nil && isatty(STDIN_FILENO) == 1 && isatty(STDERR_FILENO) == 1 {
            if !Self.askYes("Back up \(environment.name)? This runs:\n  \(action.previewLine)\n[y/N] ") {
                refusal = "not confirmed; nothing was run"
                outcome = .cancelled
            }
        } else if refusal == nil {
            StandardError.write("backing up \(environment.name): \(action.previewLine)")
        }
        guard let refusal else { return }
        try? AuditTrail.notStarted(action.auditLog, outcome: outcome, environment: environment.name,
                                   action: BackupAction.name, commands: action.preview, reason: refusal)
        StandardError.write("touchline backup: refused: \(refusal)")
        throw ExitCode(Status.refused)
    }

    /// Why the confirmation given does not allow the backup, or nil when it does.
    private func confirmationProblem(_ environment: EnvironmentConfig) -> String? {
        if let confirm, confirm != environment.name {
            return "--confirm '\(confirm)' does not match the environment '\(environment.name)'"
        }
        if environment.protected && confirm == nil {
            return "\(environment.name) is protected: pass --confirm \(environment.name) to back it up"
        }
        return nil
    }

    /// Asks `question` on standard error; true only for `y` or `yes` (the default is no).
    private static func askYes(_ question: String) -> Bool {
        FileHandle.standardError.write(Data(question.utf8))
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
        return answer == "y" || answer == "yes"
    }

    /// Turns SIGINT, SIGTERM and SIGHUP into a cancel of `action` (its children live in their own process
    /// group, so a Ctrl-C reaches only touchline, which stops them and deletes the partial file).
    private static func cancelOnSignals(_ action: BackupAction) -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM, SIGHUP].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { action.cancel(reason: "interrupted by signal \(number)") }
            source.resume()
            return source
        }
    }

    /// The progress of a running backup on standard error: one line redrawn in place on a terminal;
    /// otherwise (a log) one line per phase and every ten seconds.
    private final class ProgressLine: @unchecked Sendable {
        private let interactive: Bool
        private let lock = NSLock()
        private var lastPhase: BackupProgress.Phase?
        private var lastLine = -Double.infinity
        private var drawn = false

        init(interactive: Bool) {
            self.interactive = interactive
        }

        func show(_ progress: BackupProgress) {
            lock.withLock {
                if interactive {
                    FileHandle.standardError.write(Data(("\r\u{1B}[K" + progress.text).utf8))
                    drawn = true
                } else if progress.phase != lastPhase || progress.elapsed - lastLine >= 10 {
                    StandardError.write(progress.text)
                    lastLine = progress.elapsed
                }
                lastPhase = progress.phase
            }
        }

        func finish() {
            lock.withLock {
                if drawn { FileHandle.standardError.write(Data("\n".utf8)) }
                drawn = false
            }
        }
    }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
