import Foundation
import Glibc
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineProbes

/// What the fault-injection suites share: the stack, the binary, background helpers that are always
/// killed, and waiting for a condition instead of sleeping.
enum FaultSupport {
    /// The shared test stack, or the reason it could not start.
    static func stack() throws -> TestStack {
        switch TestStack.shared {
        case .success(let stack): return stack
        case .failure(let error): throw error
        }
    }

    /// The debug build of the touchline binary.
    static var binary: String {
        TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path
    }

    /// The stack's venv python (psycopg and redis are installed there).
    static var python: String {
        TestStack.repositoryRoot.appendingPathComponent(".stack/venv/bin/python").path
    }

    /// A persistent checker for the staging probe `name`, as the dashboard keeps one per probe.
    static func checker(_ stack: TestStack, _ name: String) throws -> ProbeChecker {
        let environment = try stack.staging()
        let config = try #require(environment.probes.first { $0.name == name })
        return CheckerFactory.make(config, environment: stack.environment)
    }

    /// `touchline check --config CONFIG [--json]` against the stack.
    static func check(_ stack: TestStack, json: Bool = false) throws -> (code: Int32, stdout: String, stderr: String, seconds: Double) {
        let config = try stack.writeConfig()
        return ProcessRunner.runSeparately(binary, ["check", "--config", config] + (json ? ["--json"] : []),
                                           environment: stack.environment, timeout: 15)
    }

    /// The probe named `name` in `touchline check --json` output.
    static func probe(_ name: String, in json: String) -> [String: Any]? {
        let object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any]
        return (object?["probes"] as? [[String: Any]])?.first { $0["name"] as? String == name }
    }

    /// Polls `condition` every 50 ms until it holds or `seconds` pass; returns whether it held.
    @discardableResult
    static func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while !condition() {
            if Date() > end { return false }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return true
    }

    /// Whether some process's command line contains `text` (pgrep -f).
    static func processRunning(_ text: String) -> Bool {
        ProcessRunner.run("/usr/bin/pgrep", ["-f", text], environment: [:], timeout: 5).0 == 0
    }

    /// The pids whose full command line starts with `prefix`.
    static func pids(commandPrefix prefix: String) -> [pid_t] {
        let output = ProcessRunner.run("/usr/bin/pgrep", ["-f", "^" + prefix], environment: [:], timeout: 5).1
        return output.split(separator: "\n").compactMap { pid_t($0.trimmingCharacters(in: .whitespaces)) }.filter { $0 > 1 }
    }

    /// Whether a 1 MiB tmpfs can be mounted here (root in a container that allows it).
    static let canMountTmpfs: Bool = {
        let directory = "/tmp/touchline-tmpfs-check-\(getpid())"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let mounted = ProcessRunner.run("/bin/mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", directory],
                                        environment: [:], timeout: 10).0 == 0
        if mounted { _ = ProcessRunner.run("/bin/umount", [directory], environment: [:], timeout: 10) }
        return mounted
    }()
}
