import FoundationEssentials
import Synchronization
import TouchlineCore
import TouchlineProbes
import TouchlineOps

/// The operator actions of the dashboard: builds them from the config, runs the confirmed one on a
/// thread of its own, feeds its output and outcome back as events, and stops it on `c` or on exit.
///
/// Each run gets fresh action objects and a fresh cancellation switch, so a cancelled action never
/// leaves the next one pre-cancelled.
public final class ActionDesk {
    private let queue: EventQueue
    private let log: StateLog
    private let environments: [EnvironmentConfig]
    /// The runner of a confirmed spec, by its kind (the real ``ActionRunners`` unless a test injects its own).
    private let runners: @Sendable (ActionSpec) -> (any ActionRunner)?
    /// Lists an environment's releases for the rollback picker (its `list_command` unless a test injects its own);
    /// nil when the environment configures no rollback.
    private let releases: @Sendable (EnvironmentConfig) -> Result<[String], ActionFailure>?
    /// Stops the running action's forward work, whichever it is.
    private var stopRunning: ((String) -> Void)?
    /// Stops the running action's compensating step (only a rehearsal has one that can take long).
    private var stopCompensating: ((String) -> Void)?
    /// A signal's stop: the first stops the forward work, later ones the compensation.
    private var interruptRunning: ((String) -> Void)?
    /// How many backup inventory reads are under way (shared with their threads).
    private let backupReads = ReadCount()
    /// How long touchline waits on exit for the running action to end: its compensation's deadline and a margin.
    private(set) var exitWaitSeconds = 15.0

    /// Prepares the actions of every environment that configures them (their tables were parsed when the
    /// config was loaded). `runners` and `releases` replace the real runners and the rollback's `list_command`
    /// (the App tier's fake-runner seam); the defaults are the real ones.
    public init(environments: [EnvironmentConfig], queue: EventQueue, log: StateLog,
                runners: (@Sendable (ActionSpec) -> (any ActionRunner)?)? = nil,
                releases: (@Sendable (EnvironmentConfig) -> Result<[String], ActionFailure>?)? = nil) {
        self.queue = queue
        self.log = log
        self.environments = environments
        let real = ActionRunners(environments: environments)
        self.runners = runners ?? { real.runner(for: $0) }
        self.releases = releases ?? { config in
            config.actions.rollback.map { RollbackAction(environment: config, config: $0).listReleases() }
        }
    }

    /// Reads the backup inventory of `environment` on a thread of its own; the rows come back as an event.
    /// `periodic` (the loop's slow timer): skipped while an earlier read is still under way, so a hung
    /// directory never piles up threads.
    public func listBackups(environment: String, periodic: Bool = false) {
        guard let directory = environments.first(where: { $0.name == environment })?.actions.backup?.directory else { return }
        let started = backupReads.value.withLock { reads in
            guard !periodic || reads == 0 else { return false }
            reads += 1
            return true
        }
        guard started else { return }
        let queue = queue
        let reads = backupReads
        WorkerThread.start(name: "touchline-backups") {
            let inventory = BackupInventory.load(directory: directory)
            reads.value.withLock { $0 -= 1 }
            queue.post(.backupsListed(rows: inventory.rows, warning: inventory.freshnessWarning(), environment: environment))
        }
    }

    /// Reads the config snapshots of `environment` on a thread of its own; the listing comes back as an event.
    public func listConfigSnapshots(environment: String) {
        guard let config = environments.first(where: { $0.name == environment }), config.actions.configFiles != nil else { return }
        let queue = queue
        WorkerThread.start(name: "touchline-configs") { queue.post(.configSnapshotsListed(ConfigSnapshotLister.listing(config))) }
    }

    /// Diffs config snapshot `id` of `environment` against the current files on a thread of its own.
    public func diffConfigSnapshot(environment: String, id: String) {
        guard let config = environments.first(where: { $0.name == environment }) else { return }
        let queue = queue
        WorkerThread.start(name: "touchline-configdiff") { queue.post(.configDiffed(ConfigSnapshotLister.diff(config, id: id))) }
    }

    /// Reads the recent records of every environment's audit log on a thread of its own; they come back
    /// as one `auditHistory` event for the Events pane.
    public func loadHistory(limit: Int = 50) {
        let queue = queue
        let names = Set(environments.map(\.name))
        let folders = Array(Set(environments.map(\.stateDirectory)))
        WorkerThread.start(name: "touchline-history") {
            // Without the shared holder at hand, only this host's starts can be known to be interrupted.
            let host = OperatorIdentity.current().host
            var records: [AuditRecord] = []
            var interrupted: Set<String> = []
            for folder in folders {
                let own = AuditLog(stateDirectory: folder).recent(limit: limit).filter { names.contains($0.environment) }
                records += own
                interrupted.formUnion(AuditMerge.interrupted(own.filter { $0.host == host }, among: own, sharedHolder: nil,
                                                             stateDirectory: folder))
            }
            let events = AuditHistory.events(from: records, interrupted: interrupted)
            if !events.isEmpty { queue.post(.auditHistory(events)) }
        }
    }

    /// Lists the releases of `environment` on a thread of its own; the answer comes back as an event.
    public func listReleases(environment: String) {
        let queue = queue
        guard let config = environments.first(where: { $0.name == environment }), config.actions.rollback != nil else {
            queue.post(.releasesListed(releases: [], error: "no rollback configured"))
            return
        }
        let list = releases
        WorkerThread.start(name: "touchline-releases") {
            switch list(config) {
            case .success(let releases): queue.post(.releasesListed(releases: releases, error: nil))
            case .failure(let failure): queue.post(.releasesListed(releases: [], error: failure.description))
            case nil: queue.post(.releasesListed(releases: [], error: "no rollback configured"))
            }
        }
    }

    /// Starts the confirmed action `spec` (the one its dialog showed) with the runner of its kind, on a thread of
    /// its own; its output lines and its end come back as events.
    public func run(_ spec: ActionSpec) {
        let queue = queue
        guard let runner = runners(spec) else {
            queue.post(.actionFinished(action: spec.kind.name, ok: false, message: "not available in \(spec.environment)"))
            return
        }
        log.write("\(spec.title) in \(spec.environment) confirmed: \(spec.lines.first ?? "")")
        let control = ActionControl()
        stopRunning = { control.cancel(reason: $0) }
        if runner.compensates {
            stopCompensating = { control.stopCompensation(reason: $0) }
            interruptRunning = { control.interrupt(reason: $0) }
        }
        exitWaitSeconds = runner.exitWaitSeconds
        let output = ActionOutputSink(line: { queue.post(.actionOutput([$0])) }, progress: { queue.post(.actionProgress($0)) },
                                      rehearsal: { queue.post(.rehearsalProgress($0)) })
        WorkerThread.start(name: "touchline-\(spec.kind.name)") {
            let report = runner.run(spec, control: control, output: output)
            queue.post(.actionFinished(action: spec.finishedName, ok: report.ok, message: report.message))
        }
    }

    /// Records that the operator cancelled the dialog: an action's with the argv its spec showed, an unlock's
    /// with none.
    public func recordCancelled(_ request: ActionRequest) {
        let environment = request.environment
        guard let config = environments.first(where: { $0.name == environment }) else { return }
        let log = log
        Self.record(in: config) { auditLog in
            do {
                try AuditTrail.notStarted(auditLog, outcome: .cancelled, environment: environment,
                                          action: request.spec?.kind.name ?? request.action, target: request.target,
                                          commands: request.spec?.commands ?? [],
                                          reason: "cancelled in the confirmation dialog")
            } catch {
                log.write("audit log: \(error)")
            }
        }
    }

    /// Records that the operator unlocked a protected environment (typed its name).
    public func recordUnlocked(_ request: ActionRequest, seconds: Double) {
        guard let config = environments.first(where: { $0.name == request.environment }) else { return }
        let log = log
        Self.record(in: config) { auditLog in
            do {
                let trail = try AuditTrail.begin(auditLog, environment: request.environment, action: request.action, commands: [])
                try trail.end(.ok, commands: [], details: ["unlocked_seconds": .number(seconds)])
            } catch {
                log.write("audit log: \(error)")
            }
        }
        log.write("\(request.environment) unlocked for \(Int(clampingFinite: seconds)) s")
    }

    /// The action finished (its result arrived as an event).
    public func finished() {
        stopRunning = nil
        stopCompensating = nil
        interruptRunning = nil
        exitWaitSeconds = 15
    }

    /// Stops the running action's compensating step (a second, separately confirmed `c`); the action then
    /// reports and audits the state it left. Returns whether there was one to stop.
    @discardableResult
    public func stopCompensation(reason: String) -> Bool {
        guard let stopCompensating else { return false }
        log.write("stopping the running action's compensation: \(reason)")
        stopCompensating(reason)
        return true
    }

    /// A signal arrived while an action runs: the first stops its forward work (its compensation still runs),
    /// a later one stops the compensation. Returns whether an action was running.
    @discardableResult
    public func interrupt(reason: String) -> Bool {
        if let interruptRunning {
            log.write("signal while an action runs: \(reason)")
            interruptRunning(reason)
            return true
        }
        return cancelRunning(reason: reason)
    }

    /// Gives up on the running action after it did not end `seconds` after its cancel: the open audit trails of
    /// these environments get their end records (``OpenAuditTrails``); returns one line per record written.
    public func abandonRunning(waited seconds: Double) -> [String] {
        OpenAuditTrails.abandonAll(waited: seconds, logs: Set(environments.map { AuditLog(stateDirectory: $0.stateDirectory).path }))
    }

    /// Stops the running action from the dashboard's thread: its processes are terminated (SIGTERM, then
    /// SIGKILL), a partial backup is deleted, and it is audited as cancelled. Returns whether one was running;
    /// its end still arrives as an `actionFinished` event.
    @discardableResult
    public func cancelRunning(reason: String = "touchline is exiting") -> Bool {
        guard let stopRunning else { return false }
        log.write("cancelling the running action: \(reason)")
        stopRunning(reason)
        return true
    }
}

extension ActionDesk {
    /// Writes audit records of `environment` with `write`: at once to the local log, or, when the environment
    /// coordinates (each record then also goes to the store, which may take up to its timeout), on a thread of
    /// its own so the loop never waits for the store.
    static func record(in environment: EnvironmentConfig, _ write: @escaping @Sendable (AuditLog) -> Void) {
        guard environment.coordination != nil else { return write(AuditLog(stateDirectory: environment.stateDirectory)) }
        WorkerThread.start(name: "touchline-audit") { write(AuditLog(environment: environment)) }
    }

    /// A counter shared between the desk and its reading threads.
    private final class ReadCount: Sendable {
        let value = Mutex(0)
    }
}
