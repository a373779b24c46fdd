import Foundation

/// Everything that can happen to the dashboard; one loop consumes these in order.
public enum DashboardEvent: Sendable {
    /// A probe finished a check; `generation` tells results of a previous environment apart.
    case sample(ProbeSample, generation: Int)
    case key(KeyPress)
    case resize(width: Int, height: Int)
    /// The clock moved on (ages, staleness, the header clock).
    case tick(Date)
    /// SIGINT, SIGTERM or SIGHUP arrived: leave cleanly.
    case terminate(signal: Int32)
}
