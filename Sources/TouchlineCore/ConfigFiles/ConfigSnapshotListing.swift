/// The snapshots of one environment as last read (newest first), and the drift warning for the header.
public struct ConfigSnapshotListing: Sendable, Equatable {
    /// The environment they belong to (a listing of another environment is ignored).
    public var environment: String
    /// The snapshots, newest first.
    public var rows: [ConfigSnapshotRow]
    /// Set when the files changed since the newest snapshot and no touchline action recorded it
    /// (`config drift: .env.staging changed`, short for the header; the Config view says since which snapshot).
    public var drift: String?
    /// Why the snapshots could not be read, when they could not.
    public var error: String?

    /// Creates a listing.
    public init(environment: String, rows: [ConfigSnapshotRow], drift: String? = nil, error: String? = nil) {
        self.environment = environment
        self.rows = rows
        self.drift = drift
        self.error = error
    }
}
