extension EnvironmentConfig {
    /// The passwords its probes read from `password_env` variables, as set in `processEnvironment`, and
    /// the passwords written into their DSNs (as libpq parses them); text about to be shown or recorded has
    /// these replaced.
    public func secretValues(in processEnvironment: [String: String]) -> [String] {
        (coordination?.secretValues(in: processEnvironment) ?? []) + probes.flatMap { probe -> [String] in
            switch probe.target {
            case .postgres(let dsn, let variable):
                let inline = (try? ConnectionString(parsing: dsn).secrets) ?? []
                return inline + [variable.flatMap { processEnvironment[$0] }].compactMap { $0 }.filter { !$0.isEmpty }
            case .redis(_, let variable, _):
                return [variable.flatMap { processEnvironment[$0] }].compactMap { $0 }.filter { !$0.isEmpty }
            default:
                return []
            }
        }
    }
}
