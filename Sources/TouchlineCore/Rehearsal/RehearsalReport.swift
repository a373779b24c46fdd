import FoundationEssentials

/// The outcome of one rehearsal: every step with its measured figures, the releases involved, the
/// load-test figures, each release switch's downtime, the backup and the row counts after the restore.
/// Nothing in it is assumed: a figure that was not measured in this run is absent.
public struct RehearsalReport: Sendable, Equatable {
    /// The environment's name and header label.
    public var environment: String
    public var label: String
    /// When the rehearsal started and how long it took (seconds).
    public var startedAt: Date
    public var duration: Double
    /// The release the probe reported before the deploy, and the release rehearsed.
    public var originalRelease: String?
    public var targetRelease: String?
    /// All eight steps, in order.
    public var steps: [RehearsalStepRecord]
    /// The load test's figures, when it ran.
    public var load: LoadTestResult?
    /// Every release switch (the deploy, the rollback), in order.
    public var switches: [RollbackMeasurement]
    /// The backup of step 2 and its path, when it was written.
    public var backup: BackupRecord?
    public var backupPath: String?
    /// The config snapshot taken right before the deploy (what the configuration rollback restores).
    public var configSnapshot: String?
    /// Row counts after the restore compared with the backup's manifest.
    public var rowCounts: [RowCountCheck]
    /// Why the rehearsal was refused before any step ran (protected environment, lock held).
    public var refusal: String?
    /// Where the Markdown and JSON files were written, once written.
    public var files: [String]
    /// Why the run was cancelled (operator `c`, a signal), when it was.
    public var cancellation: String?
    /// Once the deploy had run: the state the rollback (or its absence) left the application in, measured by
    /// the rollback probe, e.g. `staging back on 1.5.0 (automatic rollback)` or
    /// `staging left on 1.6.0: roll back with u`; part of the verdict of a run that did not pass.
    public var stateLeft: String?
    /// The alerts firing and the silences active when the report was written (nil without an `[alerts]` table).
    public var alerting: AlertsAtTime?

    /// Creates a report.
    public init(environment: String, label: String, startedAt: Date, duration: Double = 0, originalRelease: String? = nil,
                targetRelease: String? = nil, steps: [RehearsalStepRecord] = RehearsalStep.allCases.map(RehearsalStepRecord.init),
                load: LoadTestResult? = nil, switches: [RollbackMeasurement] = [], backup: BackupRecord? = nil,
                backupPath: String? = nil, rowCounts: [RowCountCheck] = [], refusal: String? = nil, files: [String] = []) {
        self.environment = environment
        self.label = label
        self.startedAt = startedAt
        self.duration = duration
        self.originalRelease = originalRelease
        self.targetRelease = targetRelease
        self.steps = steps
        self.load = load
        self.switches = switches
        self.backup = backup
        self.backupPath = backupPath
        self.rowCounts = rowCounts
        self.refusal = refusal
        self.files = files
    }

    /// Whether every step passed.
    public var passed: Bool { refusal == nil && steps.allSatisfy { $0.state == .passed } }

    /// The first step that failed, if any.
    public var failedStep: RehearsalStepRecord? { steps.first { $0.state == .failed } }

    /// The record of `step`.
    public func record(_ step: RehearsalStep) -> RehearsalStepRecord? { steps.first { $0.step == step } }

    /// One line for the end of a run: `rehearsal of staging passed in 41.2 s` or which step failed and why.
    public var verdict: String {
        if let refusal { return "rehearsal of \(environment) refused: \(refusal)" }
        let time = SecondsText.format(duration)
        if passed { return "rehearsal of \(environment) passed in \(time) (\(steps.count) steps)" }
        let left = stateLeft.map { "; \($0)" } ?? ""
        guard let failed = failedStep else { return "rehearsal of \(environment) did not finish (\(time))\(left)" }
        let word = cancellation == nil ? "FAILED" : "CANCELLED"
        return "rehearsal of \(environment) \(word) at step \(failed.step.number) \(failed.step.title) after \(time): "
            + "\(failed.summary)\(left)"
    }

    /// The default report path without extension: `<stateDirectory>/rehearsals/rehearsal_<env>_<YYYYmmdd_HHMMSS>`.
    public static func defaultBase(stateDirectory: String, environment: String, at date: Date) -> String {
        let stamp = UTCTimestamp.compact(date)
        return URL(fileURLWithPath: stateDirectory).appendingPathComponent("rehearsals/rehearsal_\(environment)_\(stamp)").path
    }

    /// The Markdown and JSON paths for `--report PATH`: `X.md` gives `X.md` and `X.json`; anything else gets both extensions.
    public static func paths(forReport path: String) -> (markdown: String, json: String) {
        if path.hasSuffix(".md") { return (path, String(path.dropLast(3)) + ".json") }
        if path.hasSuffix(".json") { return (String(path.dropLast(5)) + ".md", path) }
        return (path + ".md", path + ".json")
    }
}
