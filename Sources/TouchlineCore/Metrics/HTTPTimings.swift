/// The phases of one HTTP exchange, in seconds from its start, as curl reports them
/// (`CURLINFO_*_TIME_T`, the `curl -w` variables `time_namelookup` ... `time_total`).
///
/// Each is cumulative: `connect` includes `namelookup`, `appconnect` (the TLS handshake, 0 for plain
/// http) includes `connect`, `starttransfer` (time to first byte) includes the request, `total` everything.
/// On a reused connection the first three are 0.
public struct HTTPTimings: Sendable, Equatable {
    public var namelookup: Double
    public var connect: Double
    public var appconnect: Double
    public var starttransfer: Double
    public var total: Double

    /// Creates timings from seconds.
    public init(namelookup: Double, connect: Double, appconnect: Double, starttransfer: Double, total: Double) {
        self.namelookup = namelookup
        self.connect = connect
        self.appconnect = appconnect
        self.starttransfer = starttransfer
        self.total = total
    }

    /// The phases under their `curl -w` names, in order: `time_namelookup`, `time_connect`,
    /// `time_appconnect`, `time_starttransfer`, `time_total`.
    public var named: [(name: String, seconds: Double)] {
        [("time_namelookup", namelookup), ("time_connect", connect), ("time_appconnect", appconnect),
         ("time_starttransfer", starttransfer), ("time_total", total)]
    }

    /// A short line for people, in milliseconds: `dns 0.1 · connect 0.3 · tls 4.2 · ttfb 5.0 · total 5.1 ms`
    /// (`tls` only when there was a handshake).
    public var summary: String {
        func ms(_ seconds: Double) -> String {
            let value = seconds * 1000
            guard value.isFinite, value.magnitude < 1e6 else { return value.isNaN ? "—" : DecimalText.scientific(value, digits: 1) }
            return value < 10 ? String(Double(Int((value * 10).rounded())) / 10) : String(Int(value.rounded()))
        }
        var parts = ["dns \(ms(namelookup))", "connect \(ms(connect))"]
        if appconnect > 0 { parts.append("tls \(ms(appconnect))") }
        parts += ["ttfb \(ms(starttransfer))", "total \(ms(total)) ms"]
        return parts.joined(separator: " · ")
    }
}
