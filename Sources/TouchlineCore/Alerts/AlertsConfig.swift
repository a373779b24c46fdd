/// `[environments.NAME.alerts]`: where an environment's alerts are read, which of them are its own, how often
/// and with what deadline, and whether a new critical one rings the terminal bell.
public struct AlertsConfig: Sendable, Equatable {
    /// Where the alerts come from.
    public enum Source: Sendable, Equatable {
        /// Alertmanager's base URL (API v2: `/api/v2/alerts`, `/api/v2/silences`); silences are possible.
        case alertmanager(String)
        /// Prometheus' base URL (`/api/v1/alerts`: firing and pending, no silences).
        case prometheus(String)
    }

    /// Where the alerts come from.
    public var source: Source
    /// Alertmanager matchers that keep only this environment's alerts (`["env=staging"]`); empty keeps all.
    public var matchers: [AlertMatcher]
    /// Seconds between polls (default 5).
    public var interval: Double
    /// Each request's deadline in seconds, connect to last byte (default 3).
    public var timeout: Double
    /// Whether a new critical alert rings the terminal bell (default true).
    public var bell: Bool

    /// Creates the table's values.
    public init(source: Source, matchers: [AlertMatcher] = [], interval: Double = 5, timeout: Double = 3, bell: Bool = true) {
        self.source = source
        self.matchers = matchers
        self.interval = interval
        self.timeout = timeout
        self.bell = bell
    }

    /// The base URL without a trailing slash.
    public var baseURL: String {
        let url: String
        switch source {
        case .alertmanager(let value), .prometheus(let value): url = value
        }
        return url.hasSuffix("/") ? String(url.dropLast()) : url
    }

    /// Whether the source is an Alertmanager (silences can be made and expired).
    public var silencesPossible: Bool {
        if case .alertmanager = source { return true }
        return false
    }

    /// `alertmanager http://127.0.0.1:9095` or `prometheus http://…`: the source in words.
    public var sourceText: String { (silencesPossible ? "alertmanager " : "prometheus ") + baseURL }
}
