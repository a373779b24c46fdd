import FoundationEssentials
import TouchlineCore

/// Appends timestamped lines to `touchline.log` in the environment's state folder (never to the screen).
public final class StateLog: @unchecked Sendable {
    // @unchecked Sendable: `handle` is only written to under `lock` (Mutex left for after the merges).
    private let lock = NSLock()
    private var handle: FileHandle?
    /// Where the log is written.
    public let path: String

    /// Opens (creating) `touchline.log` under `directory`; logging is silently off if that fails.
    public init(directory: String) {
        path = "\(directory)/touchline.log"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)  // failure: handle is nil below
        }
        handle = FileHandle(forWritingAtPath: path)
        _ = try? handle?.seekToEnd()
    }

    /// Writes one line.
    public func write(_ message: String) {
        let line = "\(UTCTimestamp.format(Date(), milliseconds: true)) \(message)\n"
        lock.lock()
        defer { lock.unlock() }
        try? handle?.write(contentsOf: Data(line.utf8))
    }
}
