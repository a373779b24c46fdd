import Foundation
import Glibc
@testable import TouchlineOps
@testable import TouchlineProbes

/// A command (usually the touchline binary) running in the background for a signal test: spawned and
/// reaped by pid, in a process group of its own so that only it gets the signals sent, its standard
/// output discarded and its standard error in a file; killed on deinit if still running.
final class SignalledProcess {
    let pid: pid_t
    let stderrPath: String
    private var status: Int32?

    /// Starts `argv` with `environment`, standard error to `stderrPath`.
    init(_ argv: [String], stderrPath: String, environment: [String: String]) throws {
        self.stderrPath = stderrPath
        let error = open(stderrPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        let null = open("/dev/null", O_WRONLY | O_CLOEXEC)
        defer {
            close(error)
            close(null)
        }
        pid = try ProcessSpawner.spawn(.init(argv: argv, environment: environment), input: nil, output: null, error: error,
                                       processGroup: 0)
    }

    deinit {
        if exitCode(within: 0) == nil {
            kill(pid, SIGKILL)
            ProcessSpawner.reap(pid)
        }
    }

    /// What it wrote on standard error so far.
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Sends `number` to it.
    func signal(_ number: Int32) { kill(pid, number) }

    /// Waits for the exit (at most `seconds`): the exit code, 128 + the signal that killed it, or nil.
    func exitCode(within seconds: Double) -> Int32? {
        FaultSupport.waitUntil(seconds: seconds) {
            if status != nil { return true }
            var raw: Int32 = 0
            if waitpid(pid, &raw, WNOHANG) == pid { status = (raw & 0x7f) == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f) }
            return status != nil
        }
        return status
    }
}
