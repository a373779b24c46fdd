import FoundationEssentials
import TouchlineCore
import TouchlineProbes

/// Restores an environment's listed config files from one snapshot, under the environment's lock
/// (`config-restore`, dangerous): `R` in the Config view and `touchline config restore SNAPSHOT`.
///
/// Refused (audited, nothing touched) when the lock is held or the snapshot is missing or damaged (a stored
/// file's sha256 differs from its manifest's). Then: a safety snapshot of the current files (restoring stops if
/// it cannot be taken); each file that differs from the snapshot — in bytes, mode, owner or group — is replaced
/// atomically (temporary file beside it, fsync, mode and owner set, rename); when one cannot be replaced, the
/// files already replaced are put back from the safety snapshot (all or none). Every written file is read back
/// and its sha256, mode, owner and group checked. Then `apply_command` runs and `probe` is waited for. A file the
/// snapshot recorded as missing, or does not list, is left as it is. The audit's end record names both snapshot
/// ids and the changed files; the apply command's output is digested with the environment's secrets scrubbed.
public final class ConfigRestoreAction: Sendable {
    /// The action's name in locks and the audit log.
    public static let name = ActionKind.configRestore.name

    /// The environment.
    public let environment: EnvironmentConfig
    /// Its `config_files` table.
    public let config: ConfigFilesConfig
    /// The environment of `apply_command` and the probe.
    public let processEnvironment: [String: String]
    /// Who restores.
    public let identity: OperatorIdentity
    /// A lock the caller holds (a rehearsal's), under which this runs instead of taking its own.
    public let heldLock: ActionLock?
    private let cancellation = CancellationSwitch()

    /// Creates the action; nothing runs until ``perform(snapshot:compensates:progress:)``.
    public init(environment: EnvironmentConfig, config: ConfigFilesConfig,
                processEnvironment: [String: String] = ProcessInfo.processInfo.environment,
                identity: OperatorIdentity = .current(), heldLock: ActionLock? = nil) {
        self.environment = environment
        self.config = config
        self.processEnvironment = processEnvironment
        self.identity = identity
        self.heldLock = heldLock
    }

    /// Stops the apply command or the probe wait (the files, once replaced, stay replaced).
    public func cancel(reason: String = "cancelled by the operator") {
        cancellation.flip(.cancelled(reason))
    }

    /// Restores snapshot `id` where it is called (blocking) and reports how it ended, with `snapshot`,
    /// `safety_snapshot`, `changed_files`, `files_verified` and `apply_exit` as far as it got. `compensates`
    /// (audited) says what it undoes, when it is a rehearsal's compensating step.
    public func perform(snapshot id: String, compensates: String? = nil,
                        progress: @escaping @Sendable (String) -> Void = { _ in }) -> ActionReport {
        let store = ConfigSnapshotStore(config: config)
        let commands = config.applyCommand.map { [$0] } ?? []
        let envelope = ActionEnvelope(environment: environment, action: Self.name, target: id, lockName: "\(Self.name) \(id)",
                                      commands: commands, heldLock: heldLock, identity: identity)
        var manifest: ConfigSnapshotManifest?
        var stored: [String: [UInt8]] = [:]
        return envelope.run(details: { lock in
            var details = envelope.lockDetails(lock, takeover: true)
            details["snapshot"] = .string(id)
            if let compensates { details["compensates"] = .string(compensates) }
            return details
        }, refused: { refusal in
            switch refusal {
            case .lockHeld(let error): ActionReport(.refused, "config restore refused: \(error.description)", figures: ["snapshot": .string(id)])
            case .auditUnwritable(let error):
                ActionReport(.refused, "config restore refused: cannot write the audit log, so nothing was run: \(error.message)")
            }
        }, prepare: {
            do throws(ActionFailure) {
                progress("checking snapshot \(id) (every stored file against its sha256)")
                let loaded = try store.manifest(id)
                for file in loaded.files { stored[file.path] = try store.storedBytes(file, in: loaded) }
                manifest = loaded
                return nil
            } catch {
                try? AuditTrail.notStarted(envelope.auditLog, outcome: .refused, environment: environment.name, action: Self.name,
                                           target: id, commands: commands, reason: error.message, identity: identity)
                return ActionReport(.refused, "config restore refused: \(error.message)", figures: ["snapshot": .string(id)])
            }
        }, body: { trail in
            guard let manifest else { return ActionReport(.refused, "config restore refused: the snapshot was not checked") }
            var run = ConfigRestoreRun(action: self, store: store, manifest: manifest, stored: stored, trail: trail, progress: progress)
            let report = run.execute()
            let output = run.applyOutput.map { OutputDigest(of: $0, secrets: environment.secretValues(in: processEnvironment)) }
            var sentence = report.message
            do throws(ActionFailure) {
                try trail.end(report.outcome, commands: commands, exitStatus: run.applyExit, details: run.details,
                              error: report.ok ? nil : SecretMasker.maskText(report.message), output: output)
            } catch {
                sentence += " (the audit end record could not be written: \(error.message))"
            }
            return ActionReport(report.outcome, sentence, figures: report.figures)
        })
    }

    /// Whether the cancel switch was flipped, and why.
    var cancelReason: CancellationSwitch.Reason? { cancellation.reason }

    /// The switch that stops the apply command and the wait.
    var switchForApply: CancellationSwitch { cancellation }
}
