import Dispatch
import Glibc

/// Turns SIGINT, SIGTERM and SIGHUP into a callback on a queue of its own, instead of dying mid-frame.
///
/// The signals are ignored at the process level first (so ncurses leaves them alone), then watched
/// with dispatch sources; the loop exits cleanly and restores the terminal.
public final class SignalWatcher: @unchecked Sendable {
    // @unchecked Sendable: `sources` is set in init and cleared by `cancel()` on the owning thread; the handlers run on `queue`.
    private var sources: [DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "touchline.signals")

    /// Watches `signals`, calling `handler` with the signal number for each one received.
    public init(signals: [Int32] = [SIGINT, SIGTERM, SIGHUP], handler: @escaping @Sendable (Int32) -> Void) {
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { handler(number) }
            source.resume()
            sources.append(source)
        }
    }

    /// Stops watching.
    public func cancel() {
        sources.forEach { $0.cancel() }
        sources.removeAll()
    }
}
