import TouchlineCore

/// Checks one service, once per call, keeping its connection between calls.
///
/// A checker is not thread-safe: each lives on the one thread of its probe.
public protocol ProbeChecker: AnyObject {
    /// The probe this checker serves.
    var config: ProbeConfig { get }
    /// Runs one check with the probe's deadline; never throws, never outlives the deadline by much.
    func check() -> ProbeSample
    /// Releases the connection.
    func close()
}
