import FoundationEssentials
import Glibc
import TouchlineCore

/// A thread-safe queue of dashboard events whose arrival wakes the loop out of `poll()`.
///
/// Producers (probe threads, signal handlers) call ``post(_:)``; the loop waits on ``wakeDescriptor``
/// together with the terminal's input and drains the queue when either is ready.
public final class EventQueue: @unchecked Sendable {
    // @unchecked Sendable: `pending` is only touched under `lock`; the pipe ends are set once in init (Mutex left for after the merges).
    private let lock = NSLock()
    private var pending: [DashboardEvent] = []
    private var pipeEnds: [Int32] = [-1, -1]

    /// Creates the queue and its wake pipe.
    public init() {
        if pipe(&pipeEnds) == 0 {
            for end in pipeEnds {
                _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
                _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            }
        }
    }

    deinit {
        for end in pipeEnds where end >= 0 { close(end) }
    }

    /// The descriptor that becomes readable when events are waiting.
    public var wakeDescriptor: Int32 { pipeEnds[0] }

    /// Adds an event and wakes the loop.
    public func post(_ event: DashboardEvent) {
        lock.lock()
        pending.append(event)
        let first = pending.count == 1
        lock.unlock()
        if first {
            var byte: UInt8 = 1
            _ = write(pipeEnds[1], &byte, 1)
        }
    }

    /// Takes every waiting event, oldest first.
    public func drain() -> [DashboardEvent] {
        var scratch = [UInt8](repeating: 0, count: 64)
        while read(pipeEnds[0], &scratch, 64) > 0 {}
        lock.lock()
        defer { lock.unlock() }
        let events = pending
        pending.removeAll(keepingCapacity: true)
        return events
    }
}
