import FoundationEssentials

/// How far a running backup has come, reported to the caller's progress callback.
public struct BackupProgress: Sendable, Equatable {
    /// The step a backup is in.
    public enum Phase: String, Sendable, Equatable {
        /// Connecting and exporting the snapshot the dump and the row counts share.
        case connecting
        /// pg_dump and gzip are writing the file (row counts are taken meanwhile).
        case dumping
        /// Decompressing the whole file and computing its SHA-256.
        case verifying
        /// Renaming, updating the manifest, applying retention.
        case finishing
    }

    /// The current step.
    public var phase: Phase
    /// Compressed bytes written to the file so far.
    public var bytesWritten: Int64
    /// Seconds since the backup started.
    public var elapsed: Double
    /// What the dump or the row counts wait for, when they wait on a lock: `waiting for a lock held by pid 1626
    /// (idletx, idle in transaction 1m 40s)`; nil when they do not.
    public var lockWait: String?

    /// Creates a progress report.
    public init(phase: Phase, bytesWritten: Int64, elapsed: Double) {
        self.phase = phase
        self.bytesWritten = bytesWritten
        self.elapsed = elapsed
    }

    /// `dumping: 12.3 MiB written, 4.2 s`, followed by `, waiting for a lock held by …` when the dump waits.
    public var text: String {
        "\(phase.rawValue): \(ByteText.format(bytesWritten)) written, \(SecondsText.format(elapsed))"
            + (lockWait.map { ", " + $0 } ?? "")
    }
}
