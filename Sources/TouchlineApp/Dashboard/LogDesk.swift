import Foundation
import TouchlineCore
import TouchlineOps

/// The dashboard's side of the Logs view: starts the open view's ``LogStream`` (batches go to the event
/// queue), lets the next batch go once the loop applied one, and stops the stream (and its process
/// group) when the view closes or touchline exits. One stream at a time; the loop's thread only.
final class LogDesk {
    private let queue: EventQueue
    private let log: StateLog
    private var stream: LogStream?
    private var streamNumber = 0

    /// A desk posting to `queue`, writing starts and stops to `log`.
    init(queue: EventQueue, log: StateLog) {
        self.queue = queue
        self.log = log
    }

    /// Starts streaming `config` as `number`, stopping any stream still open.
    func open(_ config: LogSourceConfig, stream number: Int) {
        close()
        let queue = queue
        streamNumber = number
        stream = LogStream(config, stream: number, environment: ProcessInfo.processInfo.environment) { batch in
            queue.post(.logLines(batch))
        }
        log.write("logs of \(config.service): \(config.description)")
    }

    /// The loop applied a batch of stream `number`: the next may go.
    func delivered(stream number: Int) {
        if number == streamNumber { stream?.delivered() }
    }

    /// Stops the open stream, if any, on a thread of its own (a command that ignores SIGTERM is killed
    /// two seconds later); `wait` blocks until it is gone (on exit).
    func close(wait: Bool = false) {
        guard let stream else { return }
        self.stream = nil
        streamNumber = -1
        let done = DispatchSemaphore(value: 0)
        Thread {
            stream.stop()
            done.signal()
        }.start()
        if wait { done.wait() }
    }
}
