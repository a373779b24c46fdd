import TouchlineCore

/// The rehearsal's configuration rollback (step 7): the listed config files back to the snapshot taken right
/// before the deploy, with a safety snapshot, all or none, every file verified by sha256, then `apply_command`
/// and the probe. A compensating step like the application rollback: a cancel of the rehearsal does not stop
/// it, only ``RehearsalRun/stopCompensation(reason:)`` does (it then stops the apply command or the wait).
extension RehearsalRun {
    /// 7. The config files back to the snapshot taken before the deploy.
    func configRollback() -> RehearsalStepOutcome {
        guard let files = environment.actions.configFiles else {
            return .pass("no config files listed: nothing to roll back",
                         notes: ["add [environments.\(environment.name).config_files] to rehearse the configuration rollback"])
        }
        guard let snapshot = report.configSnapshot else { return .fail("no config snapshot was taken before the deploy") }
        return restoreConfig(files, to: snapshot)
    }

    /// 7 after a failure or a cancel once the deploy ran: the same restore, marked automatic.
    func automaticConfigRollback() -> RehearsalStepOutcome {
        guard let files = environment.actions.configFiles, let snapshot = report.configSnapshot else {
            return .pass("not needed: no config snapshot was taken before the deploy")
        }
        var outcome = restoreConfig(files, to: snapshot)
        outcome.notes.insert("automatic configuration rollback after a \(cancellation == nil ? "failure" : "cancel")", at: 0)
        outcome.summary = "automatic: " + outcome.summary
        return outcome
    }

    /// Restores `snapshot` under the rehearsal's lock, audited as compensating the deploy, and reports the figures.
    private func restoreConfig(_ files: ConfigFilesConfig, to snapshot: String) -> RehearsalStepOutcome {
        let name = environment.name
        if let stopped = compensationSwitch.reason {
            // The operator stopped the compensation before this step began: the files are left as the deploy made
            // them (writing them now would pair the old settings with the release left running).
            let undo = "touchline config restore \(snapshot) --env \(name) --confirm \(name)"
            let left = "config files left as the deploy made them: \(undo)"
            report.stateLeft = [report.stateLeft, left].compactMap { $0 }.joined(separator: "; ")
            return .fail("not run: the compensation was stopped (\(stopped.text)); \(left)", [.text("snapshot", snapshot)])
        }
        let action = ConfigRestoreAction(environment: environment, config: files, processEnvironment: processEnvironment,
                                         identity: identity, heldLock: lock)
        let stop = compensationSwitch.onFlip { action.cancel(reason: "the configuration rollback was stopped") }
        defer { compensationSwitch.remove(stop) }
        let result = action.perform(snapshot: snapshot, compensates: "rehearsal deploy of \(report.targetRelease ?? "?")",
                                    progress: say(.configRollback))
        var figures: [RehearsalFigure] = [.text("snapshot", snapshot)]
        if case .string(let safety) = result.figures["safety_snapshot"] { figures.append(.text("safety_snapshot", safety)) }
        if case .array(let changed) = result.figures["changed_files"] {
            let names = changed.compactMap { if case .string(let name) = $0 { return name } else { return nil } }
            figures.append(.text("changed_files", names.isEmpty ? "none" : names.joined(separator: ", ")))
        }
        if case .integer(let verified) = result.figures["files_verified"] {
            figures.append(RehearsalFigure("sha256_verified", text: "\(verified) of \(CountText.format(files.paths.count, "file")) \(CountText.noun(verified, "equals", plural: "equal")) the snapshot",
                                           value: .integer(verified)))
        }
        guard result.ok else { return .fail(result.message, figures) }
        let verified: Int64 = { if case .integer(let count) = result.figures["files_verified"] { return count } else { return 0 } }()
        return .pass("config files back to \(snapshot), \(verified) verified by sha256", figures)
    }
}
