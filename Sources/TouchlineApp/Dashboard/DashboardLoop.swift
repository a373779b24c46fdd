import FoundationEssentials
import Glibc
import TouchlineCore
import TouchlineOps
import TouchlineProbes
import TouchlineUI

/// The one loop of the dashboard: waits for input, probe samples, signals or the next second,
/// reduces each event into the state, runs the effects, and paints when the state changed.
public final class DashboardLoop {
    private var state: DashboardState
    private let screen: any ScreenBackend
    private let queue: EventQueue
    private let fleet: ProbeFleet
    private let log: StateLog
    private let themes: ThemePalette
    private let actions: ActionDesk
    private lazy var logs = LogDesk(queue: queue, log: log)
    /// The shown environment's alerts, silences and expiries.
    private let alerts: AlertDesk
    /// When the next frame is due: soon after a key, within a coalescing window after data changes.
    private var frameDue: ContinuousClock.Instant? = .now
    private var lastFrame = ContinuousClock.now.advanced(by: .seconds(-1))
    private var exitCode: Int32 = 0
    /// Why the loop ended, for the running action's cancel: `touchline is exiting` or the signal.
    private var exitReason = "touchline is exiting"
    private var running = true
    private var stats = FrameStats()
    private var fullFrameLogged = false
    /// Frames are at most this often (30 per second), however fast keys arrive.
    private let frameInterval = Duration.milliseconds(33)
    /// Samples and ticks arriving within this window share one frame, which keeps the idle cost low.
    private let dataWindow = Duration.milliseconds(250)
    /// Reads sessions and runs cancel/terminate for the Sessions view, beside the action desk.
    private lazy var sessions = SessionsDesk(queue: queue, log: log)
    /// Every this many seconds the shown environment's backup directory is read again (off the loop thread),
    /// so backups another process made (a headless `touchline backup`) reach the header and the Backups view.
    public var backupRereadSeconds = 15
    /// The config file Ctrl-R reads again.
    var configPath = ""
    /// The shown environment's coordination watcher (nil: none, e.g. in App tests that do not want one).
    public var coordination: CoordinationFeed?

    /// Wires the loop; nothing starts until ``run()``.
    public init(state: DashboardState, screen: any ScreenBackend, queue: EventQueue, fleet: ProbeFleet, log: StateLog,
         themes: ThemePalette, actions: ActionDesk) {
        self.state = state
        self.screen = screen
        self.queue = queue
        self.fleet = fleet
        self.log = log
        self.themes = themes
        self.actions = actions
        alerts = AlertDesk(queue: queue, log: log)
        let identity = OperatorIdentity.current()
        self.state.alerting.createdBy = "\(identity.user)@\(identity.host)"
        // The backup argv names pigz when it is on PATH: the one impure input of the catalog.
        self.state.actions = ActionCatalog(environments: state.environments,
                                           compressor: .installed(environment: ProcessInfo.processInfo.environment))
    }

    /// Runs until `q` or a signal; returns the process exit code (0, or 128 + signal).
    public func run() -> Int32 {
        applyTheme(state.theme, fallback: true)
        let size = screen.size
        _ = DashboardReducer.reduce(&state, .resize(width: size.width, height: size.height))
        fleet.start(state.environment.probes, generation: state.generation)
        coordination?.watch(state.environment)
        alerts.watch(state.environment)
        actions.listBackups(environment: state.environment.name)
        actions.loadHistory()
        actions.listConfigSnapshots(environment: state.environment.name)
        log.write("dashboard started on \(state.environment.name) (\(CountText.format(state.probes.count, "probe")))")
        var second = Int(Date().timeIntervalSince1970)
        while running {
            wait()
            let input = screen.readInput()
            for key in input.keys { apply(.key(key)) }
            if input.resized {
                let size = screen.size
                screen.invalidate()
                apply(.resize(width: size.width, height: size.height))
            }
            for event in queue.drain() { apply(event) }
            let now = Date()
            if Int(now.timeIntervalSince1970) != second {
                second = Int(now.timeIntervalSince1970)
                apply(.tick(now))
                if second % 15 == 0 { actions.listConfigSnapshots(environment: state.environment.name) }
                if second % max(1, backupRereadSeconds) == 0 { actions.listBackups(environment: state.environment.name, periodic: true) }
                if second % 60 == 0 { log.write("\(pollSummary) · \(stats.summary)") }
            }
            if let due = frameDue, running, ContinuousClock.now >= due {
                let start = ContinuousClock.now
                let frame = DashboardRenderer.render(state)
                let rendered = ContinuousClock.now
                screen.paint(frame)
                lastFrame = .now
                if state.logView != nil { logs.painted() }
                stats.add(render: start.duration(to: rendered), paint: rendered.duration(to: lastFrame))
                if stats.frames == 1 {
                    log.write("first frame \(state.width)x\(state.height) after \(LaunchClock.launched.duration(to: lastFrame)) since launch")
                }
                if !fullFrameLogged && state.probes.allSatisfy({ $0.latest != nil }) {
                    fullFrameLogged = true
                    log.write("first full frame after \(LaunchClock.launched.duration(to: lastFrame)) since launch")
                }
                frameDue = nil
            }
        }
        if actions.interrupt(reason: exitReason) {
            // The recovery may take a while and the terminal may be gone (an ssh connection dropping): give the
            // terminal back now and finish the action headless, writing only to the log.
            screen.stop()
            StandardError.write("touchline: \(exitReason): stopping the running action; its recovery (if any) "
                                + "finishes first, see \(log.path); a second signal stops it")
            waitForActionEnd(seconds: actions.exitWaitSeconds)
        }
        logs.close(wait: true)
        fleet.stop()
        coordination?.stop()
        alerts.stop()
        log.write("dashboard stopped (exit \(exitCode)): \(stats.summary) · \(pollSummary)")
        return exitCode
    }

    /// How late the probes' polls started so far, for the log (read by `make bench` and `make soak`).
    private var pollSummary: String {
        let summary = fleet.lateness.summary
        return "polls \(summary.polls) lateness_p50_ms \(DecimalText.fixed(summary.p50, digits: 1)) "
            + "lateness_p99_ms \(DecimalText.fixed(summary.p99, digits: 1)) "
            + "lateness_max_ms \(DecimalText.fixed(summary.maximum, digits: 1)) missed \(summary.missed)"
    }

    /// After the running action was cancelled on the way out, waits (at most `seconds`: its compensation's
    /// deadline and a margin) for it to report its end: by then its process group is stopped, its compensation
    /// (a rehearsal's rollback) done and its audit records written, so nothing outlives touchline and the log
    /// does not end on a start record. The screen is no longer drawn: compensation lines go to the log, and a
    /// further signal stops the compensation (recorded with the state it left) and brings the give-up forward to
    /// 15 s after it, as headless.
    private func waitForActionEnd(seconds: Double) {
        var seconds = seconds
        var deadline = ContinuousClock.now.advanced(by: .milliseconds(Int64(clampingFinite: seconds * 1000)))
        while ContinuousClock.now < deadline {
            var descriptor = pollfd(fd: queue.wakeDescriptor, events: Int16(POLLIN), revents: 0)
            _ = poll(&descriptor, 1, 100)
            for event in queue.drain() {
                switch event {
                case .actionFinished(let action, _, let message):
                    log.write("\(action) ended on exit: \(message)")
                    return
                case .terminate(let signal):
                    actions.interrupt(reason: "interrupted by signal \(signal), a second time")
                    let later = RehearsalRunner.afterCompensationStopSeconds
                    let sooner = ContinuousClock.now.advanced(by: .milliseconds(Int64(clampingFinite: later * 1000)))
                    if sooner < deadline {
                        deadline = sooner
                        seconds = later
                    }
                case .rehearsalProgress(let progress) where progress.activity.hasPrefix("compensat"):
                    log.write("rehearsal: \(progress.activity)")
                default:
                    break
                }
            }
        }
        log.write("the running action did not end within \(Int(clampingFinite: seconds)) s of its cancel")
        // Never leave a start record alone: end it with what the action last said it would leave.
        for line in actions.abandonRunning(waited: seconds) {
            log.write("audited as cancelled: \(line)")
            StandardError.write("touchline: audited as cancelled: \(line)")
        }
    }

    /// Sleeps in `poll()` until a key, an event, the next frame slot or the next second.
    private func wait() {
        let untilSecond = 1000 - Int32(Date().timeIntervalSince1970.truncatingRemainder(dividingBy: 1) * 1000)
        var timeout = max(1, untilSecond)
        if let due = frameDue {
            let left = ContinuousClock.now.duration(to: due)
            timeout = left <= .zero ? 0 : min(timeout, Int32(left.components.attoseconds / 1_000_000_000_000_000) + 1)
        }
        screen.waitForInput(milliseconds: timeout, wakeDescriptor: queue.wakeDescriptor)
    }

    private func apply(_ event: DashboardEvent) {
        switch event {
        case .sample(let sample, let generation):
            // A sample always changes the state (its probe's window grows), so no copy is kept to compare
            // against: with one, every append would copy the probe's whole history first.
            guard generation == state.generation,
                  let index = state.probes.firstIndex(where: { $0.config.name == sample.probe }) else { return }
            let first = state.probes[index].latest == nil
            _ = DashboardReducer.reduce(&state, event)
            // A probe's first answer is shown at once: the first full frame must not wait.
            scheduleFrame(after: first ? frameInterval : dataWindow, since: first ? lastFrame : .now)
            return
        case .tick:
            let effects = DashboardReducer.reduce(&state, event)
            scheduleFrame(after: dataWindow, since: .now)
            for effect in effects { run(effect) }
            return
        case .logLines(let batch):
            // Like a sample: no copy of the state is kept, so the view's 10,000 lines are appended in place.
            _ = DashboardReducer.reduce(&state, event)
            logs.delivered(batch)
            scheduleFrame(after: frameInterval, since: lastFrame)
            return
        default:
            break
        }
        let before = state
        let effects = DashboardReducer.reduce(&state, event)
        if case .terminate(let signal) = event {
            exitCode = 128 + signal
            exitReason = "interrupted by signal \(signal)"
            log.write("signal \(signal): leaving")
        }
        if state != before {
            switch event {
            case .key, .resize, .terminate, .releasesListed, .backupsListed, .auditHistory, .actionOutput, .snapshotWritten,
                 .configReloaded, .configReloadFailed, .configSnapshotsListed, .configDiffed, .redisDiagnosticsRead, .coordination,
                 .sessionsListed, .sessionSignalled, .alertsPolled, .alertActionFinished:
                scheduleFrame(after: frameInterval, since: lastFrame)
            case .sample, .tick, .actionProgress, .rehearsalProgress, .logLines:
                scheduleFrame(after: dataWindow, since: .now)
            case .actionFinished:
                actions.finished()
                scheduleFrame(after: frameInterval, since: lastFrame)
            }
        }
        for effect in effects { run(effect) }
    }

    /// Asks for a frame no earlier than `delay` after `since`, keeping an earlier request if there is one.
    private func scheduleFrame(after delay: Duration, since: ContinuousClock.Instant) {
        let due = max(since.advanced(by: delay), .now)
        frameDue = frameDue.map { min($0, due) } ?? due
    }

    private func run(_ effect: DashboardEffect) {
        switch effect {
        case .quit:
            running = false
        case .pollNow:
            fleet.pollNow()
        case .restartProbes:
            log.write("switched to \(state.environment.name)")
            fleet.start(state.environment.probes, generation: state.generation)
            coordination?.watch(state.environment)
            alerts.watch(state.environment)
        case .applyTheme(let name):
            applyTheme(name, fallback: false)
        case .reloadConfig:
            let event = ConfigReloadReader.read(configPath)
            if case .configReloadFailed(let message) = event { log.write("reload: \(message)") }
            queue.post(event)
        case .listBackups:
            actions.listBackups(environment: state.environment.name)
        case .listReleases:
            actions.listReleases(environment: state.environment.name)
        case .run(let spec):
            actions.run(spec)
        case .auditCancelled(let request):
            actions.recordCancelled(request)
        case .auditUnlocked(let request):
            actions.recordUnlocked(request, seconds: state.unlockSeconds)
        case .writeSnapshot:
            writeSnapshot()
        case .listConfigSnapshots:
            actions.listConfigSnapshots(environment: state.environment.name)
        case .diffConfigSnapshot(let id):
            actions.diffConfigSnapshot(environment: state.environment.name, id: id)
        case .cancelAction:
            actions.cancelRunning(reason: "cancelled by the operator (c)")
        case .openLogs(let config, let stream):
            logs.open(config, stream: stream)
        case .closeLogs:
            logs.close()
        case .stopCompensation:
            actions.stopCompensation(reason: "stopped by the operator (c, confirmed a second time)")
        case .listSessions(let probe):
            sessions.list(probe: probe, in: state.environment)
        case .signalSession(let spec):
            sessions.signal(spec, in: state.environment)
        case .readRedisDiagnostics(let probe):
            RedisDiagnosticsRead.start(probe, queue: queue, log: log)
        case .acknowledge(let probe):
            coordination?.acknowledge(probe, clear: false)
        case .clearAcknowledgement(let probe):
            coordination?.acknowledge(probe, clear: true)
        case .pollAlerts:
            alerts.pollNow()
        case .alertAction(let spec):
            alerts.run(spec, in: state.environments.first { $0.name == spec.environment })
        case .ringBell:
            screen.bell()
        }
    }

    /// Freezes what is shown now into an incident snapshot and writes it on a thread of its own (with the
    /// environment's recent audit records); the path comes back as an event.
    private func writeSnapshot() {
        let snapshot = IncidentSnapshot(state: state, actions: [], takenAt: Date())
        let queue = queue
        let log = log
        WorkerThread.start(name: "touchline-snapshot") {
            var complete = snapshot
            complete.sessions = SessionsSnapshot.capture(snapshot.environment)
            complete.recordCoordination()
            complete.logs = ServiceLogCapture.excerpts(of: snapshot.environment, processEnvironment: ProcessInfo.processInfo.environment)
            complete.redisDiagnostics = RedisDiagnosticsRead.all(snapshot.environment)
            do {
                let paths = try SnapshotFiles.write(complete, directory: SnapshotFiles.defaultDirectory(snapshot.environment))
                log.write("snapshot written: \(paths.json)")
                queue.post(.snapshotWritten(path: paths.markdown, error: nil))
            } catch {
                log.write("snapshot failed: \(error)")
                queue.post(.snapshotWritten(path: nil, error: "\(error)"))
            }
        }
    }

    private func applyTheme(_ name: String, fallback: Bool) {
        switch themes.theme(named: name) {
        case .success(let loaded):
            screen.setTheme(loaded.theme)
            for warning in loaded.warnings { log.write("theme: \(warning)") }
            if let warning = loaded.warnings.first { state.notice = warning }
        case .failure(let error):
            log.write("theme \(name): \(error)")
            state.notice = error.description
            if fallback { screen.setTheme(themes.fallback) }
        }
        scheduleFrame(after: .zero, since: .now)
    }
}
