import TouchlineCore

/// What the rehearsal would leave if touchline gave up on it now (it did not end within its grace after a
/// cancel): told to its audit trail before every step (``AuditTrail/note(stateLeft:)``), so the end record
/// written on giving up says it instead of "unknown".
extension RehearsalRun {
    /// Notes the state a give-up during `step` would leave.
    func noteStateLeft(at step: RehearsalStep) {
        guard let trail else { return }
        trail.note(stateLeft: stateIfAbandoned(at: step))
    }

    /// The sentence for ``noteStateLeft(at:)``.
    func stateIfAbandoned(at step: RehearsalStep) -> String {
        let at = "stopped at step \(step.number) (\(step.title))"
        let name = environment.name
        guard deployRan, let release = report.targetRelease else { return "\(at); nothing was deployed" }
        let original = report.originalRelease ?? "the previous release"
        let configUndo = report.configSnapshot.map {
            "touchline config restore \($0) --env \(name) --confirm \(name)"
        }
        let passed = Set(report.steps.filter { $0.state == .passed }.map(\.step))
        guard passed.contains(.rollback) else {
            let undo = ["roll back with u (or touchline rollback \(original) --env \(name) --confirm \(name))", configUndo]
                .compactMap { $0 }.joined(separator: " and ")
            return "\(at) after deploying \(release): \(name) may be left on \(release): \(undo)"
        }
        guard passed.contains(.configRollback) || configUndo == nil else {
            return "\(at): \(name) is back on \(original); its config files may still hold \(release)'s: \(configUndo ?? "")"
        }
        let database = report.backup.map { "; the database may hold the rehearsal's writes: the verified backup \($0.file) restores it" } ?? ""
        return "\(at): \(name) is back on \(original) with its config files\(step == .verify ? "" : database)"
    }
}
