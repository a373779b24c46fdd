import FoundationEssentials
import Glibc
import TouchlineCore

/// One look at a service's log, without following it: `touchline logs` without `--follow`, the incident
/// snapshot, and the log tail a failed health wait captures.
public enum LogTail {
    /// What was read.
    public struct Result: Sendable, Equatable {
        /// The lines, oldest first.
        public var lines: [LogLine]
        /// Lines cut to the line limit.
        public var cut = 0
        /// Why the source could not be read, or the command failed (its exit code then in ``exitCode``).
        public var error: String?
        /// The command's exit code when it ended by itself (nil when touchline stopped it, or for a file).
        public var exitCode: Int32?

        /// Whether the source was read (a command stopped by touchline, or that exited 0).
        public var ok: Bool { error == nil }
    }

    /// Which lines a command source gives.
    public enum Pick: Sendable {
        /// The first lines the command prints (`touchline logs`: then it is stopped).
        case first
        /// The last lines it printed within the time (a snapshot, a failed health wait).
        case last
    }

    /// `lines` lines of `config`: a file's last lines (a FIFO: read as a command's output); a command's first (or last) lines of what it prints
    /// within `seconds` (``Pick/last``: or until it was quiet for half a second after its first lines), after
    /// which its process group is stopped (SIGTERM, then SIGKILL).
    public static func read(_ config: LogSourceConfig, lines: Int, pick: Pick = .first, seconds: Double = 2,
                            environment: [String: String] = ProcessInfo.processInfo.environment) -> Result {
        switch config.source {
        case .file(let path):
            do {
                let read = LogFIFOTail.isFIFO(path) ? try LogFIFOTail.read(path: path, lines: lines, pick: pick, seconds: seconds)
                    : try LogFileTail.read(path: path, lines: lines)
                return Result(lines: read.lines, cut: read.cut)
            } catch {
                return Result(lines: [], error: error.message)
            }
        case .command(let argv):
            return run(argv, directory: config.workingDirectory, lines: lines, pick: pick, seconds: seconds, environment: environment)
        }
    }

    private static func run(_ argv: [String], directory: String, lines wanted: Int, pick: Pick, seconds: Double,
                            environment: [String: String]) -> Result {
        let process = LogCommandProcess(argv: argv, directory: directory, environment: environment)
        if let error = process.startError { return Result(lines: [], error: error, exitCode: 127) }
        let deadline = ContinuousClock.now.advanced(by: .milliseconds(Int64(clampingFinite: seconds * 1000)))
        let collected = LockedLines()
        WorkerThread.start(name: "touchline-log-stop") {
            defer { collected.stopperEnded() }
            while ContinuousClock.now < deadline && !collected.enough(wanted, pick: pick) && !collected.finished
                    && !(pick == .last && collected.quiet(for: .milliseconds(500))) { usleep(10_000) }
            if !collected.finished { process.stop(grace: 1) }
        }
        let code = process.read(onLines: { lines, cut in collected.add(lines, cut: cut, limit: wanted, pick: pick) }, tick: {})
        collected.finish()
        process.stop(grace: 1)  // whatever the command left running in its group goes with it
        while !collected.stopperHasEnded { usleep(5_000) }
        var result = Result(lines: collected.lines(limit: wanted, pick: pick), cut: collected.cut, exitCode: code)
        if let code, code != 0 {
            result.error = "\(ShellQuote.line(argv)) exited with code \(code)"
        }
        return result
    }

    /// Lines gathered on the reader thread and watched by the stopper.
    private final class LockedLines: @unchecked Sendable {
        // @unchecked Sendable: every field is read and written under `lock`.
        private let lock = ConditionVariable()
        private var kept: [LogLine] = []
        private var cutCount = 0
        private var done = false
        private var stopperDone = false
        private var lastLine: ContinuousClock.Instant?

        func add(_ lines: [LogLine], cut: Int, limit: Int, pick: Pick) {
            lock.withLock {
                kept += lines
                cutCount += cut
                if !lines.isEmpty { lastLine = .now }
                if pick == .last, kept.count > limit * 2 { kept.removeFirst(kept.count - limit) }
            }
        }

        func enough(_ limit: Int, pick: Pick) -> Bool { pick == .first && lock.withLock { kept.count >= limit } }
        func finish() { lock.withLock { done = true } }
        /// Whether lines came and then none for `duration` (a `tail -F` that printed its backlog).
        func quiet(for duration: Duration) -> Bool {
            lock.withLock { lastLine.map { $0.duration(to: .now) >= duration } ?? false }
        }
        var finished: Bool { lock.withLock { done } }
        /// Marks the stopper thread as over (it may touch the process no more).
        func stopperEnded() { lock.withLock { stopperDone = true } }
        /// Whether the stopper thread is over.
        var stopperHasEnded: Bool { lock.withLock { stopperDone } }
        var cut: Int { lock.withLock { cutCount } }

        func lines(limit: Int, pick: Pick) -> [LogLine] {
            lock.withLock { pick == .first ? Array(kept.prefix(limit)) : Array(kept.suffix(limit)) }
        }
    }
}
