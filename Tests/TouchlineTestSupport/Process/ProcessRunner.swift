import Foundation
import TouchlineOps
import TouchlineProbes

/// Runs a program to completion with a time limit, for tests (a thin layer over ``ChildProcess``).
enum ProcessRunner {
    /// Runs `path ARGS`; stdout and stderr are returned together (stderr after stdout).
    static func run(_ path: String, _ arguments: [String], environment: [String: String],
                    timeout: Double) -> (Int32, String) {
        let result = runSeparately(path, arguments, environment: environment, timeout: timeout)
        return (result.code, result.stdout + result.stderr)
    }

    /// Runs `path ARGS`, returning the exit code, stdout, stderr and wall time.
    static func runSeparately(_ path: String, _ arguments: [String], environment: [String: String],
                              timeout: Double) -> (code: Int32, stdout: String, stderr: String, seconds: Double) {
        let outcome = ChildProcess.run([path] + arguments, environment: environment, timeout: timeout)
        return (outcome.code, outcome.output, outcome.errorOutput, outcome.seconds)
    }
}
