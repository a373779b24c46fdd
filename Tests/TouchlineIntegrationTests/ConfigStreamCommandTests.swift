import Foundation
import Glibc
import Testing
@testable import TouchlineTestSupport

/// The built binary reading its config from a pipe, a FIFO and `/dev/null`, and a state file that is a device.
@Suite("touchline with a config from a stream")
struct ConfigStreamCommandTests {
    private let binary = TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path

    private func folder() throws -> String {
        let path = NSTemporaryDirectory() + "touchline-stream-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func config(stateDirectory: String) -> String {
        """
        [environments.s]
        label = "S"
        state_dir = "\(stateDirectory)"

        [[environments.s.probes]]
        name = "api"
        kind = "tcp"
        address = "127.0.0.1:1"

        """
    }

    private func bash(_ script: String) -> (code: Int32, stdout: String, stderr: String, seconds: Double) {
        ProcessRunner.runSeparately("/bin/bash", ["-c", script], environment: ProcessInfo.processInfo.environment, timeout: 20)
    }

    @Test("check --config <(cat config.toml), a pipe on stdin and a FIFO are read; /dev/null has no environments")
    func streams() throws {
        let base = try folder()
        let file = base + "/config.toml"
        try config(stateDirectory: base + "/state").write(toFile: file, atomically: true, encoding: .utf8)
        let substituted = bash("'\(binary)' check --config <(cat '\(file)')")
        #expect(substituted.stdout.contains("api"), "\(substituted.stderr)")
        #expect(!substituted.stderr.contains("cannot read"), "\(substituted.stderr)")
        #expect(substituted.code == 1 || substituted.code == 2, "exit \(substituted.code): \(substituted.stderr)")
        let piped = bash("cat '\(file)' | '\(binary)' check --config /dev/stdin")
        #expect(piped.stdout.contains("api"), "\(piped.stderr)")
        let fifo = base + "/config.fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let viaFIFO = bash("cat '\(file)' > '\(fifo)' & '\(binary)' check --config '\(fifo)'")
        #expect(viaFIFO.stdout.contains("api"), "\(viaFIFO.stderr)")
        let empty = bash("'\(binary)' check --config /dev/null")
        #expect(empty.code == 3)
        #expect(empty.stderr == "/dev/null: environments: no environments defined (add e.g. [environments.staging])\n")
    }

    @Test("--config naming a symbolic link loop says so, in errno's words")
    func linkLoop() throws {
        let base = try folder()
        #expect(symlink(base + "/b.toml", base + "/a.toml") == 0)
        #expect(symlink(base + "/a.toml", base + "/b.toml") == 0)
        let result = bash("'\(binary)' check --config '\(base)/a.toml'")
        #expect(result.code == 3)
        #expect(result.stderr == "\(base)/a.toml: cannot read the file: too many levels of symbolic links\n")
    }

    @Test("a config over 16 MiB is refused at once, naming its size")
    func tooLarge() throws {
        let file = try folder() + "/config.toml"
        #expect(FileManager.default.createFile(atPath: file, contents: nil))
        #expect(truncate(file, 24_000_000) == 0)
        let result = bash("'\(binary)' check --config '\(file)'")
        #expect(result.code == 3)
        #expect(result.stderr == "\(file): is 24.0 MB; a config file is at most 16 MiB\n")
        #expect(result.seconds < 5)
    }

    @Test("snapshot with audit.jsonl linked to /dev/full: one line, a snapshot, no endless read")
    func auditLogDevice() throws {
        let base = try folder()
        let state = base + "/state"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        #expect(symlink("/dev/full", state + "/audit.jsonl") == 0)
        let file = base + "/config.toml"
        try config(stateDirectory: state).write(toFile: file, atomically: true, encoding: .utf8)
        let result = bash("'\(binary)' snapshot --config '\(file)' --output '\(base)/out'")
        #expect(result.stderr.contains("touchline snapshot: \(state)/audit.jsonl: is a character device, not a regular file; the snapshot lists no actions"),
                "\(result.stderr)")
        #expect(result.code == 0, "exit \(result.code): \(result.stderr)")
        #expect(result.seconds < 15)
    }
}
