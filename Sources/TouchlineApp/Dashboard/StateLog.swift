import Foundation
import Synchronization
import TouchlineCore

/// Appends timestamped lines to `touchline.log` in the environment's state folder (never to the screen).
public final class StateLog: Sendable {
    private let handle: Mutex<FileHandle?>
    /// Where the log is written.
    public let path: String

    /// Opens (creating) `touchline.log` under `directory`; logging is silently off if that fails.
    public init(directory: String) {
        path = "\(directory)/touchline.log"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        let opened = FileHandle(forWritingAtPath: path)
        _ = try? opened?.seekToEnd()
        handle = Mutex(opened)
    }

    /// Writes one line.
    public func write(_ message: String) {
        let line = "\(UTCTimestamp.format(Date(), milliseconds: true)) \(message)\n"
        handle.withLock { handle in
            try? handle?.write(contentsOf: Data(line.utf8))
        }
    }
}
