import TouchlineCore

/// Tells the operator, at start, about a state folder touchline cannot write: without it there is no
/// `touchline.log` and every action is refused (its audit record cannot be written).
public enum StateFolderNotice {
    /// For each environment whose `state_dir` cannot be created or written (``StateFolder/problem(at:)``),
    /// adds a red event to `state`'s Events, tagged with the environment; the shown environment's line also
    /// becomes the footer notice. Creates the folders that are missing.
    public static func note(in state: inout DashboardState, environments: [EnvironmentConfig]) {
        let shown = state.environment.name
        var checked: [String: String?] = [:]
        for environment in environments {
            let folder = environment.stateDirectory
            if checked[folder] == nil { checked[folder] = .some(StateFolder.problem(at: folder)) }
            guard let problem = checked[folder] ?? nil else { continue }
            let line = "\(problem): no touchline.log, and actions are refused (their audit cannot be written)"
            state.events.insert(TimelineEvent(time: state.now, probe: nil, status: .down, message: line,
                                              environment: environment.name), at: 0)
            if environment.name == shown { state.notice = line }
        }
    }
}
