import Synchronization

/// How the dashboard (or a signal) reaches the action running on its own thread: stop its forward work, stop
/// its compensation (a second, separate decision), or pass on a signal. The runner registers what each does
/// when the action starts; a cancel that arrives before that is kept and applied at registration, so an action
/// cancelled at once never starts its work.
public final class ActionControl: Sendable {
    private struct Handlers {
        var cancel: (@Sendable (String) -> Void)?
        var stopCompensation: (@Sendable (String) -> Void)?
        var interrupt: (@Sendable (String) -> Void)?
        var pendingCancel: String?
    }

    private let handlers = Mutex(Handlers())

    /// Creates a control with nothing registered.
    public init() {}

    /// Registers what stops the forward work; runs it at once when a cancel already arrived.
    public func onCancel(_ handler: @escaping @Sendable (String) -> Void) {
        let pending = handlers.withLock { handlers in
            handlers.cancel = handler
            return handlers.pendingCancel
        }
        if let pending { handler(pending) }
    }

    /// Registers what stops the compensation and what a signal does (a rehearsal: the first signal stops the
    /// forward work, a later one the compensation).
    public func onCompensation(stop: @escaping @Sendable (String) -> Void, interrupt: @escaping @Sendable (String) -> Void) {
        handlers.withLock { handlers in
            handlers.stopCompensation = stop
            handlers.interrupt = interrupt
        }
    }

    /// Stops the forward work (its compensation, if any, still runs).
    public func cancel(reason: String) {
        let handler = handlers.withLock { handlers in
            if handlers.cancel == nil, handlers.pendingCancel == nil { handlers.pendingCancel = reason }
            return handlers.cancel
        }
        handler?(reason)
    }

    /// Stops the compensation; returns whether the action has one.
    @discardableResult
    public func stopCompensation(reason: String) -> Bool {
        guard let handler = handlers.withLock({ $0.stopCompensation }) else { return false }
        handler(reason)
        return true
    }

    /// A signal: passed to the action's own handling when it has one, otherwise a cancel.
    public func interrupt(reason: String) {
        if let handler = handlers.withLock({ $0.interrupt }) {
            handler(reason)
        } else {
            cancel(reason: reason)
        }
    }
}
