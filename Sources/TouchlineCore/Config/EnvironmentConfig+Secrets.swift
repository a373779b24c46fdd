extension EnvironmentConfig {
    /// The passwords its probes read from `password_env` variables, as set in `processEnvironment`;
    /// text about to be shown or recorded has these replaced.
    public func secretValues(in processEnvironment: [String: String]) -> [String] {
        probes.compactMap { probe -> String? in
            switch probe.target {
            case .postgres(_, let variable), .redis(_, let variable, _):
                return variable.flatMap { processEnvironment[$0] }.flatMap { $0.isEmpty ? nil : $0 }
            default:
                return nil
            }
        }
    }
}
