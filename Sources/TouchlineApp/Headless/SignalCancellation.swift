import Dispatch
import Glibc

/// Turns SIGINT, SIGTERM and SIGHUP into a cancel of the running action while it lives.
///
/// The action's children run in process groups of their own, so a Ctrl-C reaches only touchline, which
/// then stops them itself (and cleans up, audits the cancel) instead of dying half-way. SIGPIPE is ignored
/// for good: when the terminal or a pipe reading touchline's output goes away (an ssh connection dropping),
/// writes fail instead of killing touchline before its compensation and audit records are done.
///
/// With a grace (`giveUpAfter`), an action that has not ended (``stop()`` not called) that many seconds after
/// the first signal is given up: its open audit trails get their end records and touchline exits 1
/// (``CancelGrace``); with `thenAfter`, a later signal brings the give-up forward to that many seconds after it
/// (an action whose compensation the first signal lets run and the second stops: the rehearsal).
public final class SignalCancellation {
    private static let signals = [SIGINT, SIGTERM, SIGHUP]
    private var sources: [any DispatchSourceSignal] = []
    private let grace: CancelGrace?

    /// Starts listening; `cancel` gets a sentence naming the signal, once per signal received. With
    /// `giveUpAfter` (seconds) and `command`, the action gets that grace after the first signal, and `thenAfter`
    /// seconds after a later one.
    public init(giveUpAfter seconds: Double? = nil, thenAfter later: Double? = nil, command: String = "",
                _ cancel: @escaping @Sendable (String) -> Void) {
        let grace = seconds.map { CancelGrace(seconds: $0, afterSecond: later, command: command) }
        self.grace = grace
        signal(SIGPIPE, SIG_IGN)
        sources = Self.signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                cancel("interrupted by signal \(number)")
                grace?.cancelled()
            }
            source.resume()
            return source
        }
    }

    /// Stops listening and gives the signals their default meaning back; the action has ended.
    public func stop() {
        grace?.ended()
        sources.forEach { $0.cancel() }
        sources = []
        Self.signals.forEach { signal($0, SIG_DFL) }
    }

    deinit {
        sources.forEach { $0.cancel() }
    }
}
