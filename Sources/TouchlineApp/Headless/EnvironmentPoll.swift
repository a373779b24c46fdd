import FoundationEssentials
import TouchlineCore
import TouchlineProbes

/// Polls an environment headless for `touchline snapshot`, through the dashboard's reducer.
public enum EnvironmentPoll {
    /// Polls every probe each interval until `seconds` have passed (at least one round), through the
    /// dashboard's own reducer, so status changes become events just as on screen.
    public static func poll(_ environment: EnvironmentConfig, for seconds: Double) -> DashboardState {
        var state = DashboardState(environments: [environment], environmentIndex: 0, theme: "default", themes: [],
                                   readOnly: true, now: Date(), width: 120, height: 40)
        let processEnvironment = ProcessInfo.processInfo.environment
        let until = Date().addingTimeInterval(seconds)
        repeat {
            let started = Date()
            for sample in OneShotPoller.poll(environment.probes, environment: processEnvironment) {
                _ = DashboardReducer.reduce(&state, .sample(sample, generation: state.generation))
            }
            let next = started.addingTimeInterval(environment.interval)
            guard next < until else { break }
            BlockingSleep.seconds(next.timeIntervalSince(Date()))
        } while true
        _ = DashboardReducer.reduce(&state, .tick(Date()))
        return state
    }
}
