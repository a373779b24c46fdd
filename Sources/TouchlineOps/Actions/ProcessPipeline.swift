import Dispatch
import FoundationEssentials
import Glibc
import TouchlineCore

/// Runs commands connected by pipes (`a | b | c`) without a shell, all in one new process group.
///
/// Each command is started with `posix_spawnp`; every stage's exit is collected by `waitpid` on a thread
/// of its own and every stage's standard error is kept (its last 8 KiB). The last stage writes to a file
/// descriptor or to a closure. ``terminate(grace:)`` signals the whole group: SIGTERM, then SIGKILL.
public final class ProcessPipeline: @unchecked Sendable {
    /// One command of the pipeline.
    public struct Command: Sendable, Equatable {
        /// The argv; `argv[0]` is looked up in `PATH`.
        public var argv: [String]
        /// The complete environment of the process.
        public var environment: [String: String]

        /// Creates a command.
        public init(argv: [String], environment: [String: String]) {
            self.argv = argv
            self.environment = environment
        }
    }

    /// Where the last command's standard output goes.
    public enum Sink: Sendable {
        /// An open descriptor, opened with `O_CLOEXEC`; the caller keeps and closes it.
        case file(Int32)
        /// Chunks handed in order to a closure, on a reader thread.
        case reader(@Sendable (Data) -> Void)
    }

    /// How one command ended.
    public struct Exit: Sendable, Equatable {
        /// The command's argv.
        public var argv: [String]
        /// The exit code, or 128 + the signal when a signal ended it.
        public var status: Int32
        /// The signal that ended it, if one did.
        public var signal: Int32?
        /// The end of its standard error.
        public var errorOutput: String

        /// Whether it exited with 0.
        public var succeeded: Bool { status == 0 && signal == nil }

        /// `pg_dump exited with 1: <the first error it printed, with its detail lines>` (a failed connection reason
        /// first, as ``LibpqErrorText/connectionFailure(_:)`` puts it; the last three lines of its standard error
        /// when none says `error:`/`ERROR:`/`FATAL:`), or `gzip was killed by signal 15`.
        public var summary: String {
            let name = argv.first ?? "command"
            let how = signal.map { "was killed by signal \($0)" } ?? "exited with \(status)"
            let lines = errorOutput.split(separator: "\n").map { $0.trimming(charactersIn: " \t") }.filter { !$0.isEmpty }
            let said = errorOutput.contains("connection to server ") ? LibpqErrorText.connectionFailure(errorOutput)
                : LibpqErrorText.firstError(errorOutput) ?? lines.suffix(3).joined(separator: "; ")
            return said.isEmpty ? "\(name) \(how)" : "\(name) \(how): \(said)"
        }
    }

    /// The process ids, in pipeline order.
    public let pids: [pid_t]
    private let commands: [Command]
    private let finished: DispatchGroup
    private let state: PipelineState

    private init(pids: [pid_t], commands: [Command], finished: DispatchGroup, state: PipelineState) {
        self.pids = pids
        self.commands = commands
        self.finished = finished
        self.state = state
    }

    /// Starts `commands` connected by pipes; the first reads `input` (nil: `/dev/null`; the caller keeps and
    /// closes that descriptor), the last writes to `sink`.
    public static func start(_ commands: [Command], input: Int32? = nil, sink: Sink) throws(ActionFailure) -> ProcessPipeline {
        guard !commands.isEmpty, commands.allSatisfy({ !$0.argv.isEmpty }) else { throw ActionFailure("empty command") }
        var descriptors = DescriptorSet()
        do throws(ActionFailure) {
            let links = try (0..<(commands.count - 1)).map { _ throws(ActionFailure) in try descriptors.pipe() }
            let errors = try commands.indices.map { _ throws(ActionFailure) in try descriptors.pipe() }
            var output: (read: Int32, write: Int32)?
            if case .reader = sink { output = try descriptors.pipe() }
            let outputDescriptor: Int32
            switch sink {
            case .file(let fd): outputDescriptor = fd
            case .reader: outputDescriptor = output?.write ?? -1
            }
            var pids: [pid_t] = []
            for (index, command) in commands.enumerated() {
                let input = index == 0 ? input : links[index - 1].read
                let stdout = index == commands.count - 1 ? outputDescriptor : links[index].write
                do throws(ActionFailure) {
                    pids.append(try ProcessSpawner.spawn(command, input: input, output: stdout, error: errors[index].write,
                                                         processGroup: pids.first ?? 0))
                } catch {
                    if let group = pids.first { kill(-group, SIGKILL) }
                    for pid in pids { ProcessSpawner.reap(pid) }
                    throw error
                }
            }
            descriptors.closeAll(except: errors.map(\.read) + (output.map { [$0.read] } ?? []))
            return launch(commands: commands, pids: pids, errorReads: errors.map(\.read), output: output?.read, sink: sink)
        } catch {
            descriptors.closeAll(except: [])
            throw error
        }
    }

    private static func launch(commands: [Command], pids: [pid_t], errorReads: [Int32], output: Int32?,
                               sink: Sink) -> ProcessPipeline {
        let finished = DispatchGroup()
        let state = PipelineState(count: commands.count)
        for (index, fd) in errorReads.enumerated() {
            finished.enter()
            DescriptorReader.start(fd) { state.appendError($0, at: index) } done: { finished.leave() }
        }
        if let output, case .reader(let deliver) = sink {
            finished.enter()
            DescriptorReader.start(output, deliver) { finished.leave() }
        }
        for (index, pid) in pids.enumerated() {
            finished.enter()
            WorkerThread.start(name: "touchline-waitpid", stackSize: 128 * 1024) {
                var raw: Int32 = 0
                var reaped: pid_t
                repeat { reaped = waitpid(pid, &raw, 0) } while reaped < 0 && errno == EINTR
                // Not reaped here (e.g. ECHILD): the exit status is unknown, so never count it as success.
                state.setStatus(reaped == pid ? raw : 255 << 8, at: index)
                finished.leave()
            }
        }
        return ProcessPipeline(pids: pids, commands: commands, finished: finished, state: state)
    }

    /// Waits up to `seconds` for every command to exit and its output to be read; true when all are done.
    public func wait(seconds: Double) -> Bool {
        finished.wait(timeout: .now() + .milliseconds(Int(clampingFinite: max(0, seconds) * 1000))) == .success
    }

    /// Waits until every command has exited and its output has been read.
    public func waitUntilExit() {
        finished.wait()
    }

    /// How each command ended, in pipeline order (after a wait returned true).
    public var exits: [Exit] {
        commands.indices.map { index in
            let (raw, errorText) = state.result(at: index)
            let signalled = raw & 0x7f != 0
            return Exit(argv: commands[index].argv, status: signalled ? 128 + (raw & 0x7f) : (raw >> 8) & 0xff,
                        signal: signalled ? raw & 0x7f : nil, errorOutput: errorText)
        }
    }

    /// The first command that did not succeed, preferring one that failed on its own over one that was only
    /// killed by a broken pipe (SIGPIPE) because a later stage died.
    public var firstFailure: Exit? {
        let failed = exits.filter { !$0.succeeded }
        return failed.first { $0.signal != SIGPIPE } ?? failed.first
    }

    /// Sends SIGTERM to the whole process group, then SIGKILL after `grace` seconds if any command still runs.
    public func terminate(grace: Double = 2) {
        guard let group = pids.first, !state.allExited else { return }
        kill(-group, SIGTERM)
        let state = self.state
        WorkerThread.start(name: "touchline-killer", stackSize: 64 * 1024) {
            let deadline = Date().addingTimeInterval(grace)
            while !state.allExited && Date() < deadline { usleep(20_000) }
            if !state.allExited { kill(-group, SIGKILL) }
        }
    }
}
