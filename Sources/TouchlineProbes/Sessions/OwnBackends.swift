import Synchronization

/// The backend pids of this touchline process's own PostgreSQL connections (probes, snapshot and lock-watch
/// connections, the Sessions view's reader), so the Sessions view leaves them out and refuses to signal them.
/// Every connection adds its pid (`PQbackendPID`) once connected and removes it when it closes.
public enum OwnBackends {
    private static let pids = Mutex<[Int: Int]>([:])

    /// Records `pid` (0, an unconnected handle, is ignored).
    public static func add(_ pid: Int32) {
        guard pid > 0 else { return }
        pids.withLock { $0[Int(pid), default: 0] += 1 }
    }

    /// Forgets `pid`.
    public static func remove(_ pid: Int32) {
        guard pid > 0 else { return }
        pids.withLock { pids in
            pids[Int(pid), default: 1] -= 1
            if pids[Int(pid)] ?? 0 <= 0 { pids.removeValue(forKey: Int(pid)) }
        }
    }

    /// The pids recorded now. They name backends of whichever servers touchline is connected to; the caller
    /// uses them against one server, where a pid of another server's backend only hides a session of the same pid
    /// (the Sessions view says how many it left out).
    public static var current: [Int] { pids.withLock { Array($0.keys) } }
}
