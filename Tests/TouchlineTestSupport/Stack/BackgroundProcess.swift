import Foundation
import Glibc

/// A helper process started in the background for a fault (a lock holder, a connection hog); killed
/// when stopped or released, so no test leaves one behind.
final class BackgroundProcess {
    private let process = Process()
    /// Where its standard output and error go.
    let outputPath: String

    /// Starts `argv` (use `exec` in scripts, so the pid is the helper's own), output to a file.
    init(_ argv: [String], environment: [String: String]) throws {
        outputPath = "/tmp/touchline-bg-\(getpid())-\(UUID().uuidString.prefix(8)).log"
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.executableURL = URL(fileURLWithPath: argv[0])
        process.arguments = Array(argv.dropFirst())
        process.environment = environment
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: outputPath)
    }

    /// What it printed so far.
    var output: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }

    /// Kills it and waits for it.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
