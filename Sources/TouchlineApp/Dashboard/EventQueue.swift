import FoundationEssentials
import Glibc
import Synchronization
import TouchlineCore

/// A thread-safe queue of dashboard events whose arrival wakes the loop out of `poll()`.
///
/// Producers (probe threads, signal handlers) call ``post(_:)``; the loop waits on ``wakeDescriptor``
/// together with the terminal's input and drains the queue when either is ready.
public final class EventQueue: Sendable {
    private let pending = Mutex<[DashboardEvent]>([])
    /// The wake pipe's read and write ends (-1 when the pipe could not be made), set once in init.
    private let pipeEnds: [Int32]

    /// Creates the queue and its wake pipe.
    public init() {
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            for end in ends {
                _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
                _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            }
        }
        pipeEnds = ends
    }

    deinit {
        for end in pipeEnds where end >= 0 { close(end) }
    }

    /// The descriptor that becomes readable when events are waiting.
    public var wakeDescriptor: Int32 { pipeEnds[0] }

    /// Adds an event and wakes the loop.
    public func post(_ event: DashboardEvent) {
        let first = pending.withLock {
            $0.append(event)
            return $0.count == 1
        }
        if first {
            var byte: UInt8 = 1
            _ = write(pipeEnds[1], &byte, 1)
        }
    }

    /// Takes every waiting event, oldest first.
    public func drain() -> [DashboardEvent] {
        var scratch = [UInt8](repeating: 0, count: 64)
        while read(pipeEnds[0], &scratch, 64) > 0 {}
        return pending.withLock {
            let events = $0
            $0.removeAll(keepingCapacity: true)
            return events
        }
    }
}
