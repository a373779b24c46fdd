import Dispatch
import FoundationEssentials
import TouchlineCore

/// A one-way switch that stops a running action: flipping it runs every registered stop handler once.
///
/// Thread-safe. A handler registered after the switch was flipped runs at once.
public final class CancellationSwitch: @unchecked Sendable {
    /// Why the action was stopped.
    public enum Reason: Sendable, Equatable {
        /// The operator (or a signal) asked; the text says how.
        case cancelled(String)
        /// The action's time limit passed; the text says which.
        case timedOut(String)

        /// Whether the time limit flipped it (not a person or a signal).
        public var isTimeout: Bool {
            if case .timedOut = self { return true }
            return false
        }

        /// The reason in words.
        public var text: String {
            switch self {
            case .cancelled(let text), .timedOut(let text): return text
            }
        }
    }

    private let lock = ConditionVariable()
    private var stored: Reason?
    private var handlers: [Int: @Sendable () -> Void] = [:]
    private var nextToken = 0

    /// Creates an unflipped switch.
    public init() {}

    /// Why it was flipped, or nil while it was not.
    public var reason: Reason? { lock.withLock { stored } }

    /// Whether it was flipped.
    public var isFlipped: Bool { reason != nil }

    /// Flips the switch (only the first reason counts) and runs the stop handlers.
    public func flip(_ reason: Reason) {
        let toRun: [@Sendable () -> Void] = lock.withLock {
            guard stored == nil else { return [] }
            stored = reason
            return Array(handlers.values)
        }
        toRun.forEach { $0() }
    }

    /// Flips the switch as timed out after `seconds`, unless the returned work item is cancelled first
    /// (cancel it when the guarded work ends).
    public func timeOut(after seconds: Double) -> DispatchWorkItem {
        let watchdog = DispatchWorkItem { [self] in
            flip(.timedOut("timed out after \(DurationText.format(seconds))"))
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(Int(seconds * 1000)), execute: watchdog)
        return watchdog
    }

    /// Registers `handler` to run when the switch flips; returns a token for ``remove(_:)``.
    @discardableResult
    public func onFlip(_ handler: @escaping @Sendable () -> Void) -> Int {
        let (token, runNow): (Int, Bool) = lock.withLock {
            nextToken += 1
            if stored != nil { return (nextToken, true) }
            handlers[nextToken] = handler
            return (nextToken, false)
        }
        if runNow { handler() }
        return token
    }

    /// Forgets the handler registered under `token`.
    public func remove(_ token: Int) {
        _ = lock.withLock { handlers.removeValue(forKey: token) }
    }
}
