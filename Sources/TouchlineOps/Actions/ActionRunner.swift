import TouchlineCore

/// Runs one kind of action: the spec the operator confirmed, inside the action's one envelope (lock, audit
/// start, run, audit end, release: ``ActionEnvelope``), on the calling thread, reporting how it ended.
///
/// Adapters over the actions: ``BackupRunner``, ``RestoreRunner``, ``RestartRunner``, ``RollbackRunner``,
/// ``RehearsalRunner``; ``ActionRunners`` picks the one for a spec's kind.
public protocol ActionRunner: Sendable {
    /// Runs `spec` (blocking); `control` stops it, `output` gets what it prints.
    func run(_ spec: ActionSpec, control: ActionControl, output: ActionOutputSink) -> ActionReport

    /// Whether the action has a compensating step that a second, separate `c` (or signal) can stop.
    var compensates: Bool { get }

    /// How long touchline waits on exit for it to end after a cancel, in seconds: its compensation's
    /// deadline and a margin.
    var exitWaitSeconds: Double { get }
}

extension ActionRunner {
    /// No compensation to stop.
    public var compensates: Bool { false }

    /// 15 s.
    public var exitWaitSeconds: Double { 15 }
}
