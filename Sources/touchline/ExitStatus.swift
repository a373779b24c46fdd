/// The exit codes touchline uses (Nagios convention for checks).
enum ExitStatus {
    static let up: Int32 = 0
    static let degraded: Int32 = 1
    static let down: Int32 = 2
    /// Configuration or usage error.
    static let usage: Int32 = 3
}
