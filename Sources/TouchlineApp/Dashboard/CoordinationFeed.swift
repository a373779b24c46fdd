import FoundationEssentials
import Glibc
import Synchronization
import TouchlineCore
import TouchlineOps

/// The dashboard's coordination watcher: a thread holding a `LISTEN touchline_feed` session on the shown
/// environment's store (named `touchline:USER@HOST:ENV`, which is how others see this operator watching). It
/// waits on the session's socket with `poll()` at most 250 ms at a time, so a feed message reaches Events well
/// within a second; every 2 s it reads who else watches (`pg_stat_activity.application_name`) and the
/// acknowledgements in force. A lost store is reported and retried every 2 s; on (re)connecting, the shared
/// records missing from the local log are merged into Events.
public final class CoordinationFeed: Sendable {
    private let queue: EventQueue
    private let log: StateLog
    /// The watch in force: its generation (bumped by every watch and stop, which ends the older loop) and store.
    private let current = Mutex<(generation: Int, store: CoordinationStore?)>((0, nil))

    /// Creates an idle watcher; ``watch(_:)`` starts it.
    public init(queue: EventQueue, log: StateLog) {
        self.queue = queue
        self.log = log
    }

    /// Watches `environment` (stopping the previous watch); does nothing when it has no coordination table.
    public func watch(_ environment: EnvironmentConfig) {
        let (generation, store) = current.withLock {
            $0 = ($0.generation + 1, CoordinationStore(environment: environment))
            return $0
        }
        guard let store else { return }
        WorkerThread.start(name: "touchline-coordination") { [self] in loop(store, generation: generation) }
    }

    /// Stops watching.
    public func stop() {
        current.withLock { $0 = ($0.generation + 1, nil) }
    }

    private func isCurrent(_ generation: Int) -> Bool { current.withLock { $0.generation == generation } }

    private func loop(_ store: CoordinationStore, generation: Int) {
        let environment = store.environment.name
        let pid = getpid()
        var lastReason: String?
        while isCurrent(generation) {
            let connection: CoordinationConnection
            do throws(CoordinationError) {
                connection = try store.connect(.watcher)
                try connection.query("LISTEN \(SharedAuditRows.channel)")
            } catch {
                if lastReason != error.description {
                    log.write("coordination \(environment): \(error.description)")
                    queue.post(.coordination(.unreachable(environment: environment, reason: error.storeState)))
                    lastReason = error.description
                }
                sleep(seconds: 2, generation: generation)
                continue
            }
            lastReason = nil
            log.write("coordination \(environment): watching \(store.config.displayDSN)")
            queue.post(.coordination(.connected(environment: environment, store: store.config.displayDSN)))
            postHistory(store, connection: connection)
            var nextSurvey = ContinuousClock.now
            var surveyed: Survey?
            do throws(CoordinationError) {
                while isCurrent(generation) {
                    if ContinuousClock.now >= nextSurvey {
                        surveyed = try survey(store, connection: connection, last: surveyed)
                        nextSurvey = ContinuousClock.now.advanced(by: .seconds(2))
                    }
                    for payload in try connection.notifications(waitingUpTo: 250) {
                        guard let notice = FeedNotice.parse(payload), notice.environment == environment else { continue }
                        // This process's own actions are already on its screen.
                        if let record = notice.record, record.pid == pid, record.host == store.identity.host { continue }
                        queue.post(.coordination(.notice(notice)))
                    }
                }
            } catch {
                log.write("coordination \(environment): \(error.description)")
                queue.post(.coordination(.unreachable(environment: environment, reason: error.storeState)))
                lastReason = error.description
            }
            connection.close()
        }
    }

    /// What one survey read: who else watches and the acknowledgements in force.
    private struct Survey: Equatable {
        var watchers: [String]
        var acknowledgements: [Acknowledgement]
        var holder: SharedHolder?
    }

    /// Who else watches, and the acknowledgements in force; posted only when they differ from `last` (the
    /// loop compares whole states on every event it gets, so an unchanged report every 2 s would cost it).
    private func survey(_ store: CoordinationStore, connection: CoordinationConnection,
                        last: Survey?) throws(CoordinationError) -> Survey {
        let environment = store.environment.name
        let rows = try connection.query("""
            SELECT DISTINCT application_name FROM pg_stat_activity
            WHERE application_name LIKE 'touchline:%' AND pid <> pg_backend_pid()
            """)
        let suffix = ":\(environment)"
        let watchers = rows.compactMap { $0.first ?? nil }.filter { $0.hasSuffix(suffix) }
            .map { CoordinationApplicationName.who($0.dropFirst("touchline:".count).dropLast(suffix.count)) }
        let acks = try SharedAcknowledgements.current(store: store, on: connection)
        var holder = try SharedLock.current(environment: environment, on: connection)
        if holder?.pid == getpid(), holder?.host == store.identity.host { holder = nil }
        if var shown = holder { shown.ageSeconds = 0; holder = shown }  // the header shows no age: no change every survey
        let now = Survey(watchers: Set(watchers).sorted(), acknowledgements: acks, holder: holder)
        if now.holder != last?.holder {
            queue.post(.coordination(.holder(environment: environment, holder)))
            if let gone = last?.holder { reportInterrupted(gone, store: store, connection: connection) }
        }
        if now.watchers != last?.watchers { queue.post(.coordination(.presence(environment: environment, watchers: now.watchers))) }
        // Acknowledgements in force are posted every time: the reducer clears those whose probe is up again.
        if now.acknowledgements != last?.acknowledgements || !acks.isEmpty {
            queue.post(.coordination(.acknowledgements(environment: environment, acks)))
        }
        return now
    }

    /// `gone` no longer holds the lock: when its action's start record has no end record (its session ended
    /// without one — killed, crashed, its store connection lost), says so in Events. A normal end is written
    /// before the lock is released, so it is already in the table.
    private func reportInterrupted(_ gone: SharedHolder, store: CoordinationStore, connection: CoordinationConnection) {
        guard let rows = try? SharedAuditRows.recent(environment: store.environment.name, limit: 100, on: connection) else { return }
        let records = rows.map(\.record)
        let ended = Set(records.filter { $0.phase == .end }.map(\.id))
        guard let start = records.first(where: { $0.phase == .start && $0.host == gone.host && $0.pid == gone.pid
                                                 && $0.action == gone.action && !ended.contains($0.id) }) else { return }
        queue.post(.coordination(.interrupted(environment: store.environment.name, start: start)))
    }

    /// The shared records of the last day that the local log does not hold (other operators' actions), into Events.
    private func postHistory(_ store: CoordinationStore, connection: CoordinationConnection) {
        let environment = store.environment
        guard let shared = try? SharedAuditRows.recent(environment: environment.name, limit: 50, on: connection) else { return }
        let localRecords = AuditLog(stateDirectory: environment.stateDirectory).recent(limit: 200, environment: environment.name)
        let local = Set(localRecords.map { "\($0.id)/\($0.phase.rawValue)" })
        let missing = shared.map(\.record).filter { !local.contains("\($0.id)/\($0.phase.rawValue)") }
        let holder = try? SharedLock.current(environment: environment.name, on: connection)
        let interrupted = AuditMerge.interrupted(missing, among: shared.map(\.record) + localRecords, sharedHolder: holder ?? nil,
                                                 stateDirectory: environment.stateDirectory)
        let events = AuditHistory.events(from: missing, interrupted: interrupted)
        if !events.isEmpty { queue.post(.auditHistory(events)) }
    }

    /// Records `probe` as acknowledged (or, `clear`, no longer) in the store, on a thread of its own; a failure
    /// comes back as a footer notice through an Events line.
    public func acknowledge(_ probe: String, clear: Bool) {
        guard let store = current.withLock({ $0.store }) else { return }
        let queue = queue
        let log = log
        WorkerThread.start(name: "touchline-acknowledge") {
            do throws(CoordinationError) {
                let connection = try store.connect(.command)
                defer { connection.close() }
                if clear {
                    try SharedAcknowledgements.clear(probe, store: store, on: connection)
                } else {
                    // The notification it sends reaches this dashboard's own watcher too, which shows it.
                    _ = try SharedAcknowledgements.acknowledge(probe, store: store, on: connection)
                }
            } catch {
                log.write("acknowledge \(probe): \(error.description)")
                queue.post(.coordination(.unreachable(environment: store.environment.name, reason: error.storeState)))
            }
        }
    }

    private func sleep(seconds: Double, generation: Int) {
        let end = ContinuousClock.now.advanced(by: .milliseconds(Int64(clampingFinite: seconds * 1000)))
        while ContinuousClock.now < end && isCurrent(generation) { BlockingSleep.seconds(0.1) }
    }
}
