import FoundationEssentials
import Glibc
import Synchronization
import TouchlineCore

/// One service's log streaming to the dashboard (or to a headless `touchline logs --follow`): a
/// reader thread runs the command or follows the file and hands ``LogBatch`` values to `deliver` at
/// most every 50 ms, one at a time (``delivered()`` lets the next go). ``stop()`` ends it: a command's
/// process group gets SIGTERM, then SIGKILL, and nothing is left running.
public final class LogStream: Sendable {
    /// Lines of a file shown when the view opens (of a command: the last lines of the backlog it prints first, ``LogBacklog``).
    public static let startLines = 1000

    private let feed: LogFeed
    private let command: LogCommandProcess?
    private let follower: LogFileFollower?
    private let finished = Mutex<Int32?>(nil)
    private let readerDone = Mutex(false)

    /// Starts streaming `config` as stream `stream`, from a file's last `startLines` lines or the last
    /// `startLines` of a command's first burst (``LogBacklog``); `environment` is the command's environment. With
    /// `taken`, a batch counts as taken once `deliver` returns (no ``delivered()`` calls needed).
    public init(_ config: LogSourceConfig, stream: Int, environment: [String: String],
                startLines: Int = LogStream.startLines, taken: Bool = false, deliver: @escaping @Sendable (LogBatch) -> Void) {
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
            run(startLines: startLines)
            readerDone.withLock { $0 = true }
        }
    }

    /// The command's process group (nil for a file, or a command that could not start).
    public var processGroup: pid_t? { command?.processGroup }

    /// How the command ended (its exit code, 127 when it could not start), nil while it runs or for a file.
    public var exitCode: Int32? { finished.withLock { $0 } }

    private func run(startLines: Int) {
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
        var backlog = LogBacklog(limit: startLines)
        let read = command.read(onLines: { lines, cut in
            let out = backlog.add(lines, cut: cut)
            feed.add(out.lines, cut: out.cut)
        }, tick: {
            if let out = backlog.release() { feed.add(out.lines, cut: out.cut) }
            feed.flush()
        })
        if let out = backlog.flush() { feed.add(out.lines, cut: out.cut) }
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
