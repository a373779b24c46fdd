import Dispatch
import FoundationEssentials
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
    private var service = ""
    /// While a stream is open: the intervals between painted frames (ms), batches and lines received.
    private var lastPaint: ContinuousClock.Instant?
    private var intervals: [Double] = []
    /// Whether a batch arrived since the last frame, and whether the last frame followed one: only the
    /// intervals between two frames that both showed new lines measure the pace of a streaming log.
    private var batchSincePaint = false
    private var lastPaintStreamed = false
    private var batches = 0
    private var lines = 0
    private var dropped = 0

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
        service = config.service
        lastPaint = nil
        intervals = []
        batchSincePaint = false
        lastPaintStreamed = false
        batches = 0
        lines = 0
        dropped = 0
        stream = LogStream(config, stream: number, environment: ProcessInfo.processInfo.environment) { batch in
            queue.post(.logLines(batch))
        }
        log.write("logs of \(config.service): \(config.description)")
    }

    /// The loop applied `batch`: the next may go.
    func delivered(_ batch: LogBatch) {
        guard batch.stream == streamNumber, let stream else { return }
        batches += 1
        batchSincePaint = true
        lines += batch.lines.count
        dropped += batch.dropped
        stream.delivered()
    }

    /// A frame was painted while the view is open: its interval from the previous frame is kept (at most
    /// 100,000) when both frames showed new lines.
    func painted() {
        guard stream != nil else { return }
        let now = ContinuousClock.now
        defer {
            lastPaintStreamed = batchSincePaint
            batchSincePaint = false
        }
        if let lastPaint, batchSincePaint, lastPaintStreamed, intervals.count < 100_000 {
            let gap = lastPaint.duration(to: now)
            intervals.append(Double(gap.components.seconds) * 1000 + Double(gap.components.attoseconds) / 1e15)
        }
        lastPaint = now
    }

    /// One line for the log when the view closes: what it received and how the frames kept their pace
    /// (read by bench/logs.sh).
    private var summary: String {
        let sorted = intervals.sorted()
        func percentile(_ p: Double) -> Double {
            sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(clampingFinite: (Double(sorted.count) * p).rounded(.up)) - 1)]
        }
        return "logs of \(service) closed: batches \(batches) lines \(lines) dropped \(dropped) "
            + "streaming_frame_intervals \(intervals.count) frame_interval_p50_ms \(DecimalText.fixed(percentile(0.5), digits: 1)) "
            + "frame_interval_p99_ms \(DecimalText.fixed(percentile(0.99), digits: 1)) "
            + "frame_interval_max_ms \(DecimalText.fixed(sorted.last ?? 0, digits: 1))"
    }

    /// Stops the open stream, if any, on a thread of its own (a command that ignores SIGTERM is killed
    /// two seconds later); `wait` blocks until it is gone (on exit).
    func close(wait: Bool = false) {
        guard let stream else { return }
        log.write(summary)
        self.stream = nil
        streamNumber = -1
        let done = DispatchSemaphore(value: 0)
        WorkerThread.start(name: "touchline-logstop") {
            stream.stop()
            done.signal()
        }
        if wait { done.wait() }
    }
}
