import CPosixShims
import Dispatch
import FoundationEssentials
import Glibc
import Synchronization
import TouchlineCore
import TouchlineProbes

/// Runs a program without a shell (argv as given), collecting its output, with a time limit.
///
/// Started under a guard process (``GuardedSpawn``) plus `waitpid` on a thread of its own: the exit is seen as
/// soon as it happens, even when a daemon the program started keeps its output pipe open, and the program never
/// outlives touchline, not even a SIGKILL of it.
public enum ChildProcess {
    /// How a run ended.
    public struct Outcome: Sendable {
        /// The exit status, or 128 + signal when killed, 124 on timeout, 127 when it could not start.
        public var code: Int32
        /// Standard output.
        public var output: String
        /// Standard error.
        public var errorOutput: String
        /// Wall time in seconds.
        public var seconds: Double
        /// Whether the time limit ended it.
        public var timedOut: Bool
        /// Whether a cancellation switch ended it (code 130).
        public var cancelled = false
    }

    private final class Buffer: Sendable {
        let data = Mutex(Data())
        let onChunk: (@Sendable (String) -> Void)?
        init(onChunk: (@Sendable (String) -> Void)?) { self.onChunk = onChunk }
        func append(_ bytes: Data) {
            data.withLock { $0.append(bytes) }
            onChunk?(String(decoding: bytes, as: UTF8.self))
        }
        var text: String {
            data.withLock { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// Runs `argv` with `environment` (nil: inherit) in `directory` (nil: current), killing it after `timeout` seconds.
    /// `onOutput` receives output as it arrives, on a background thread. Flipping `cancellation` stops the
    /// whole process group the same way as the timeout: SIGTERM, then SIGKILL two seconds later.
    public static func run(_ argv: [String], environment: [String: String]? = nil, directory: String? = nil,
                           timeout: Double, cancellation: CancellationSwitch? = nil,
                           onOutput: (@Sendable (String) -> Void)? = nil) -> Outcome {
        let start = Date()
        guard !argv.isEmpty else { return failed("empty command") }
        if let reason = cancellation?.reason { return failed("not started: \(reason.text)", cancelled: true) }
        var pipeEnds: [Int32] = [-1, -1]
        var errorEnds: [Int32] = [-1, -1]
        guard pipe(&pipeEnds) == 0 else { return failed("pipe: \(String(cString: strerror(errno)))") }
        guard pipe(&errorEnds) == 0 else {
            close(pipeEnds[0])
            close(pipeEnds[1])
            return failed("pipe: \(String(cString: strerror(errno)))")
        }
        // Under a guard (GuardedSpawn): the program leads a process group of its own, reads /dev/null, gets
        // nothing but the three standard descriptors (an inherited one would keep touchline's sockets and pipes
        // open in it, and push its own descriptors up: wrk refuses a socket numbered past its event loop's
        // size), default signal handling, and never outlives touchline: a SIGKILL of touchline ends the group
        // (SIGTERM, SIGKILL 1 s later), so no command runs on after its action's lock was released.
        let environmentList = environment ?? ProcessInfo.processInfo.environment
        let pid: pid_t
        do throws(ActionFailure) {
            pid = try GuardedSpawn.spawn(argv: argv, environment: environmentList, directory: directory,
                                         output: pipeEnds[1], error: errorEnds[1])
        } catch {
            close(pipeEnds[0])
            close(pipeEnds[1])
            close(errorEnds[0])
            close(errorEnds[1])
            return failed(error.message)
        }
        close(pipeEnds[1])
        close(errorEnds[1])
        let buffer = Buffer(onChunk: onOutput)
        let errorBuffer = Buffer(onChunk: onOutput)
        let readersDone = DispatchGroup()
        let status = StatusBox()
        for (fd, target) in [(pipeEnds[0], buffer), (errorEnds[0], errorBuffer)] {
            readersDone.enter()
            WorkerThread.start(name: "touchline-child-read") {
                drain(fd, into: target, until: status)
                close(fd)
                readersDone.leave()
            }
        }
        let exited = DispatchSemaphore(value: 0)
        let childPID = pid
        WorkerThread.start(name: "touchline-child-wait") {
            var raw: Int32 = 0
            var reaped: pid_t
            repeat { reaped = waitpid(childPID, &raw, 0) } while reaped < 0 && errno == EINTR
            // Not reaped here (e.g. ECHILD): the exit status is unknown, so never count it as success.
            status.set(reaped == childPID ? raw : 255 << 8)
            exited.signal()
        }
        let stopRequested = DispatchSemaphore(value: 0)
        let token = cancellation?.onFlip { stopRequested.signal() }
        defer { if let token { cancellation?.remove(token) } }
        var timedOut = false
        var cancelled = false
        let deadline = DispatchTime.now() + .milliseconds(Int(clampingFinite: timeout * 1000))
        while exited.wait(timeout: min(deadline, .now() + .milliseconds(50))) == .timedOut {
            if stopRequested.wait(timeout: .now()) == .success {
                cancelled = true
            } else if DispatchTime.now() >= deadline {
                timedOut = true
            } else {
                continue
            }
            kill(-childPID, SIGTERM)
            if exited.wait(timeout: .now() + 2) == .timedOut {
                kill(-childPID, SIGKILL)
                exited.wait()
            }
            break
        }
        // The readers stop at EOF, or once the pipe is quiet after the exit (a daemon started by the child
        // may hold it open); everything written before the exit is still in the pipe and gets read, however
        // late the reader threads run on a loaded machine. Past 5 s of a daemon writing on, stop waiting.
        _ = readersDone.wait(timeout: .now() + 5)
        let raw = status.value
        let code: Int32
        if cancelled {
            code = 130
        } else if timedOut {
            code = 124
        } else if raw & 0x7f == 0 {
            code = (raw >> 8) & 0xff
        } else {
            code = 128 + (raw & 0x7f)
        }
        return Outcome(code: code, output: buffer.text, errorOutput: errorBuffer.text,
                       seconds: Date().timeIntervalSince(start), timedOut: timedOut, cancelled: cancelled)
    }

    private static func failed(_ message: String, cancelled: Bool = false) -> Outcome {
        Outcome(code: cancelled ? 130 : 127, output: "", errorOutput: message, seconds: 0, timedOut: false, cancelled: cancelled)
    }

    /// Reads `fd` into `target` until EOF, or until the child has exited and nothing more arrived for 50 ms.
    private static func drain(_ fd: Int32, into target: Buffer, until status: StatusBox) {
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 50)
            if ready < 0 && errno == EINTR { continue }
            if ready == 0 {
                if status.exited { return }
                continue
            }
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, 16384) }
            if count > 0 {
                target.append(Data(chunk.prefix(count)))
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }

    private final class StatusBox: Sendable {
        /// The raw `waitpid` status, nil until the child has been reaped.
        private let raw = Mutex<Int32?>(nil)
        func set(_ value: Int32) {
            raw.withLock { $0 = value }
        }
        /// Whether the child has been reaped.
        var exited: Bool {
            raw.withLock { $0 != nil }
        }
        var value: Int32 {
            raw.withLock { $0 ?? 0 }
        }
    }
}
