import FoundationEssentials
import Glibc
import TouchlineCore
import TouchlineOps

/// What `touchline audit`, the dashboard's Events and the incident snapshot show: the environment's local
/// JSONL and, when it coordinates, its shared table, merged (one copy of each record, by id and phase) newest
/// first; a start record without an end whose process no longer holds anything is marked interrupted.
public struct AuditMerge: Sendable {
    /// The records, newest first.
    public var records: [AuditRecord]
    /// Ids of records uploaded late (written while the store was unreachable).
    public var late: Set<String>
    /// Ids of start records whose action ended without an end record (killed, crashed, lost machine).
    public var interrupted: Set<String>
    /// Why the shared table could not be read (nil when it was, or when there is none).
    public var sharedProblem: String?
    /// The store's error behind ``sharedProblem`` (`touchline audit` refuses a schema newer than this binary).
    public var sharedError: CoordinationError?
    /// Why this machine's audit log could not be read (nil when it was, or there is none).
    public var localProblem: String?
    /// Who held the environment's shared lock when read (nil: free, or no store).
    public var sharedHolder: SharedHolder?

    /// Reads at most `limit` records of `environment` from both places.
    public static func read(_ environment: EnvironmentConfig, limit: Int) -> AuditMerge {
        var all: [AuditRecord] = []
        var localProblem: String?
        do {
            all = try AuditLog(stateDirectory: environment.stateDirectory).recentRecords(limit: limit, environment: environment.name)
        } catch {
            localProblem = error.description
        }
        var late: Set<String> = []
        var sharedError: CoordinationError?
        var holder: SharedHolder?
        if let store = CoordinationStore(environment: environment) {
            do throws(CoordinationError) {
                let connection = try store.connect(.command)
                defer { connection.close() }
                let shared = try SharedAuditRows.recent(environment: environment.name, limit: limit, on: connection)
                late = Set(shared.filter(\.late).map(\.record.id))
                all += shared.map(\.record)
                holder = try SharedLock.current(environment: environment.name, on: connection)
            } catch {
                sharedError = error
            }
        }
        var seen: Set<String> = []
        let unique = all.filter { seen.insert("\($0.id)/\($0.phase.rawValue)").inserted }
            .sorted { $0.time > $1.time }
        let records = Array(unique.prefix(limit))
        let interrupted = Self.interrupted(records, among: unique, sharedHolder: holder, stateDirectory: environment.stateDirectory)
        var merge = AuditMerge(records: records, late: late, interrupted: interrupted,
                               sharedProblem: sharedError?.description, sharedHolder: holder)
        merge.sharedError = sharedError
        merge.localProblem = localProblem
        return merge
    }

    /// The ids of the start records of `records` with no end record among `all` whose process holds neither
    /// lock (the shared holder read, this state folder's `flock`) and, on this host, no longer runs.
    public static func interrupted(_ records: [AuditRecord], among all: [AuditRecord], sharedHolder: SharedHolder?,
                                   stateDirectory: String) -> Set<String> {
        let ended = Set(all.filter { $0.phase == .end }.map(\.id))
        let local = ActionLock.holder(stateDirectory: stateDirectory)
        let host = OperatorIdentity.current().host
        return Set(records.filter { record in
            guard record.phase == .start, !ended.contains(record.id) else { return false }
            let holdsShared = sharedHolder.map { $0.host == record.host && $0.pid == record.pid } ?? false
            let holdsLocal = local.map { $0.host == record.host && $0.pid == record.pid } ?? false
            let alive = record.host == host && runs(record.pid)
            return !(holdsShared || holdsLocal || alive)
        }.map(\.id))
    }

    /// Whether process `pid` runs on this host: it exists (another user's counts: `EPERM`) and is not a zombie —
    /// a killed touchline its parent has not reaped yet holds nothing and will write no end record.
    static func runs(_ pid: Int32) -> Bool {
        guard pid > 0, kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let stat = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return true }
        let text = String(decoding: stat, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return true }
        return text[text.index(after: close)...].trimmingWhitespace().first != "Z"
    }

    /// The lines of `touchline audit`: ``AuditLine/text(_:)`` plus `late` and `interrupted (no end record)` marks.
    public var lines: [String] {
        records.map { record in
            var line = AuditLine.text(record)
            if record.phase == .start, interrupted.contains(record.id) { line += "  interrupted (no end record)" }
            if late.contains(record.id) { line += "  (recorded late)" }
            return line
        }
    }
}
