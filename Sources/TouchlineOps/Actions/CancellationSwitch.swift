import Dispatch
import FoundationEssentials
import Synchronization
import TouchlineCore

/// A one-way switch that stops a running action: flipping it runs every registered stop handler once.
///
/// Thread-safe. A handler registered after the switch was flipped runs at once.
public final class CancellationSwitch: Sendable {
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

    /// The reason once flipped, and the stop handlers by token.
    private struct State {
        var stored: Reason?
        var handlers: [Int: @Sendable () -> Void] = [:]
        var nextToken = 0
    }

    private let state = Mutex(State())

    /// Creates an unflipped switch.
    public init() {}

    /// Why it was flipped, or nil while it was not.
    public var reason: Reason? { state.withLock { $0.stored } }

    /// Whether it was flipped.
    public var isFlipped: Bool { reason != nil }

    /// Flips the switch (only the first reason counts) and runs the stop handlers.
    public func flip(_ reason: Reason) {
        let toRun: [@Sendable () -> Void] = state.withLock {
            guard $0.stored == nil else { return [] }
            $0.stored = reason
            return Array($0.handlers.values)
        }
        toRun.forEach { $0() }
    }

    /// Flips the switch as timed out after `seconds`, unless the returned work item is cancelled first
    /// (cancel it when the guarded work ends).
    public func timeOut(after seconds: Double) -> DispatchWorkItem {
        let watchdog = DispatchWorkItem { [self] in
            flip(.timedOut("timed out after \(DurationText.format(seconds))"))
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(Int(clampingFinite: seconds * 1000)), execute: watchdog)
        return watchdog
    }

    /// Registers `handler` to run when the switch flips; returns a token for ``remove(_:)``.
    @discardableResult
    public func onFlip(_ handler: @escaping @Sendable () -> Void) -> Int {
        let (token, runNow): (Int, Bool) = state.withLock {
            $0.nextToken += 1
            if $0.stored != nil { return ($0.nextToken, true) }
            $0.handlers[$0.nextToken] = handler
            return ($0.nextToken, false)
        }
        if runNow { handler() }
        return token
    }

    /// Forgets the handler registered under `token`.
    public func remove(_ token: Int) {
        _ = state.withLock { $0.handlers.removeValue(forKey: token) }
    }
}
