import FoundationEssentials
import TouchlineCore

/// Takes a configuration snapshot as an audited action (`config-snapshot`) that does not take the environment's
/// lock: by `s` in the Config view, `touchline config snapshot`, and automatically before every deploy, rollback
/// and config restore (``trigger`` says which).
public struct ConfigSnapshotAction: Sendable {
    /// The action's name in the audit log.
    public static let name = ActionKind.configSnapshot.name

    /// The environment.
    public let environment: EnvironmentConfig
    /// Its `config_files` table.
    public let config: ConfigFilesConfig
    /// Who takes it.
    public let identity: OperatorIdentity

    /// Creates the action.
    public init(environment: EnvironmentConfig, config: ConfigFilesConfig, identity: OperatorIdentity = .current()) {
        self.environment = environment
        self.config = config
        self.identity = identity
    }

    /// Takes the snapshot and reports it: `id`, `files`, `missing` (figures), or why it failed (nothing is left
    /// behind). The audit records the trigger and the snapshot's id, never a file's content.
    public func perform(trigger: String) -> (ActionReport, ConfigSnapshotManifest?) {
        let envelope = ActionEnvelope(environment: environment, action: Self.name, target: trigger, commands: [],
                                      takesLock: false, identity: identity)
        var taken: ConfigSnapshotManifest?
        let report = envelope.run(details: { _ in ["directory": .string(config.directory), "files": .integer(Int64(config.paths.count))] },
                                  refused: { refusal in
            switch refusal {
            case .lockHeld(let error): ActionReport(.refused, "snapshot refused: \(error.description)")
            case .auditUnwritable(let error): ActionReport(.refused, "snapshot refused: cannot write the audit log: \(error.message)")
            }
        }, body: { trail in
            do throws(ActionFailure) {
                let manifest = try ConfigSnapshotStore(config: config).take(trigger: trigger,
                                                                            takenBy: "\(identity.user)@\(identity.host)")
                taken = manifest
                let missing = manifest.files.filter { !$0.present }.map { ConfigFileNames.name($0.path, in: config) }
                let details: [String: JSONValue] = ["snapshot": .string(manifest.id), "trigger": .string(trigger),
                                                    "missing": .array(missing.map(JSONValue.string))]
                try? trail.end(.ok, commands: [], details: details)
                let note = missing.isEmpty ? "" : "; missing (recorded as missing): \(missing.joined(separator: ", "))"
                return ActionReport(.ok, "snapshot \(manifest.id) of \(CountText.format(manifest.files.count - missing.count, "file"))\(note)",
                                    figures: ["id": .string(manifest.id), "files": .integer(Int64(manifest.files.count)),
                                              "missing": .array(missing.map(JSONValue.string)), "trigger": .string(trigger)])
            } catch {
                try? trail.end(.failed, commands: [], error: error.message)
                return ActionReport(.failed, "snapshot failed: \(error.message)")
            }
        })
        return (report, taken)
    }

    /// The automatic snapshot before a deploy or rollback of `environment`, when it lists config files: its id,
    /// or nil (with a progress line saying why) when none was taken.
    public static func before(_ what: String, environment: EnvironmentConfig, identity: OperatorIdentity = .current(),
                              progress: (String) -> Void) -> String? {
        guard let config = environment.actions.configFiles else { return nil }
        let (report, manifest) = ConfigSnapshotAction(environment: environment, config: config, identity: identity)
            .perform(trigger: "before \(what)")
        progress(manifest == nil ? "config snapshot before \(what) not taken: \(report.message)"
                                 : "config snapshot \(manifest?.id ?? "") taken before \(what)")
        return manifest?.id
    }
}
