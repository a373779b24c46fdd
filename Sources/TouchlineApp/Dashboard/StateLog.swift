import FoundationEssentials
import Glibc
import Synchronization
import TouchlineCore

/// Appends timestamped lines to `touchline.log` in the environment's state folder (never to the screen).
public final class StateLog: Sendable {
    /// The log's descriptor, opened for appending; nil when it could not be opened (logging is then off).
    private let descriptor: Int32?
    /// Serializes the writes, so lines from different threads never interleave.
    private let writing = Mutex(())
    /// Where the log is written.
    public let path: String

    /// Opens (creating) `touchline.log` under `directory`; logging is silently off if that fails.
    public init(directory: String) {
        path = "\(directory)/touchline.log"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)  // failure: descriptor is nil below
        }
        descriptor = FileDescriptorWriter.openForAppending(path)
    }

    deinit {
        if let descriptor { close(descriptor) }
    }

    /// Writes one line.
    public func write(_ message: String) {
        guard let descriptor else { return }
        let line = "\(UTCTimestamp.format(Date(), milliseconds: true)) \(message)\n"
        writing.withLock { _ in _ = FileDescriptorWriter.write(line, to: descriptor) }
    }
}
