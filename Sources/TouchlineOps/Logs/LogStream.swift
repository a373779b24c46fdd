import FoundationEssentials
import Glibc
import Synchronization
import TouchlineCore

/// One service's log streaming to the dashboard (or to a headless `touchline logs --follow`): a
/// reader thread runs the command or follows the file and hands ``LogBatch`` values to `deliver` at
/// most every 30 ms (``LogFeed``), one at a time (``delivered()`` lets the next go). ``stop()`` ends it: a command's
/// process group gets SIGTERM, then SIGKILL, and nothing is left running.
public final class LogStream: Sendable {
    /// Lines of a file shown when the view opens.
    public static let startLines = 1000

    private let feed: LogFeed
    private let command: LogCommandProcess?
    private let follower: LogFileFollower?
    private let finished = Mutex<Int32?>(nil)
    private let readerDone = Mutex(false)

    /// Starts streaming `config` as stream `stream`, from a file's last `startLines` lines; a command's output
    /// from its start, or with `commandStartLines` from the last N lines of its first burst (``LogBacklog``:
    /// `touchline logs --follow --lines N`, as `tail -n N -f`); `environment` is the command's environment. With
    /// `taken`, a batch counts as taken once `deliver` returns (no ``delivered()`` calls needed).
    public init(_ config: LogSourceConfig, stream: Int, environment: [String: String],
                startLines: Int = LogStream.startLines, commandStartLines: Int? = nil, taken: Bool = false,
                deliver: @escaping @Sendable (LogBatch) -> Void) {
        feed = LogFeed(stream: stream, taken: taken, deliver: deliver)
        switch config.source {
        case .command(let argv):
            command = LogCommandProcess(argv: argv, directory: config.workingDirectory, environment: environment)
            follower = nil
        case .file(let path):
            command = nil
            follower = LogFileFollower(path: path)
        }
        WorkerThread.start(name: "touchline-logs") { [self] in
            run(startLines: startLines, commandStartLines: commandStartLines)
            readerDone.withLock { $0 = true }
        }
    }

    /// The command's process group (nil for a file, or a command that could not start).
    public var processGroup: pid_t? { command?.processGroup }

    /// How the command ended (its exit code, 127 when it could not start), nil while it runs or for a file.
    public var exitCode: Int32? { finished.withLock { $0 } }

    private func run(startLines: Int, commandStartLines: Int?) {
        let feed = feed
        if let follower {
            if let refusal = follower.follow(startLines: startLines, onLines: { feed.add($0, cut: $1) }, tick: { feed.flush() }) {
                feed.end([LogLine.note(refusal, level: .error)])
            }
            return
        }
        guard let command else { return }
        if let error = command.startError {
            finished.withLock { $0 = 127 }
            feed.end([LogLine.note(error, level: .error), LogLine.note("exit code 127: the command did not start", level: .error)])
            return
        }
        var backlog = commandStartLines.map { LogBacklog(limit: $0) }
        func pass(_ out: (lines: [LogLine], cut: Int)?) {
            guard let out else { return }
            if let skipped = backlog?.skipped, skipped > 0, !out.lines.isEmpty || out.cut > 0, let limit = commandStartLines {
                let earlier = CountText.format(skipped, "earlier line")
                feed.add([LogLine.note("\(earlier) of the command's first output left out (the last \(limit) shown)", level: .other)])
            }
            feed.add(out.lines, cut: out.cut)
        }
        let read = command.read(onLines: { lines, cut in
            guard backlog != nil else { return feed.add(lines, cut: cut) }
            let wasHolding = backlog?.holding ?? false
            let out = backlog?.add(lines, cut: cut) ?? (lines: lines, cut: cut)
            if wasHolding, backlog?.holding == false { pass(out) } else { feed.add(out.lines, cut: out.cut) }
        }, tick: {
            pass(backlog?.release())
            feed.flush()
        })
        pass(backlog?.flush())
        guard let code = read else { return }
        command.stop(grace: 1)  // whatever the command left running in its group goes with it
        finished.withLock { $0 = code }
        let note = code == 0 ? LogLine.note("the command ended (exit code 0)")
            : LogLine.note(code > 128 ? "the command was ended by signal \(code - 128) (exit code \(code))"
                           : "the command exited with code \(code)", level: .error)
        feed.end([note])
    }

    /// The dashboard applied the last batch; the next may go.
    public func delivered() {
        feed.delivered()
    }

    /// Stops the stream: a command's process group gets SIGTERM, then SIGKILL after `grace` seconds;
    /// returns once it is gone and the reader has ended.
    public func stop(grace: Double = 2) {
        follower?.stop()
        command?.stop(grace: grace)
        let end = ContinuousClock.now.advanced(by: .seconds(1))
        while ContinuousClock.now < end && !readerDone.withLock({ $0 }) { usleep(10_000) }
    }
}
