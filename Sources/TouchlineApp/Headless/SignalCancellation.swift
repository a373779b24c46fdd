import Dispatch
import Glibc

/// Turns SIGINT, SIGTERM and SIGHUP into a cancel of the running action while it lives.
///
/// The action's children run in process groups of their own, so a Ctrl-C reaches only touchline, which
/// then stops them itself (and cleans up, audits the cancel) instead of dying half-way. SIGPIPE is ignored
/// for good: when the terminal or a pipe reading touchline's output goes away (an ssh connection dropping),
/// writes fail instead of killing touchline before its compensation and audit records are done.
public final class SignalCancellation {
    private static let signals = [SIGINT, SIGTERM, SIGHUP]
    private var sources: [any DispatchSourceSignal] = []

    /// Starts listening; `cancel` gets a sentence naming the signal, once per signal received.
    public init(_ cancel: @escaping @Sendable (String) -> Void) {
        signal(SIGPIPE, SIG_IGN)
        sources = Self.signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { cancel("interrupted by signal \(number)") }
            source.resume()
            return source
        }
    }

    /// Stops listening and gives the signals their default meaning back.
    public func stop() {
        sources.forEach { $0.cancel() }
        sources = []
        Self.signals.forEach { signal($0, SIG_DFL) }
    }

    deinit {
        sources.forEach { $0.cancel() }
    }
}
