import TouchlineCore
import TouchlineOps

extension HeadlessAction {
    /// Before asking or running: when the environment coordinates, connects to its store once. A schema newer
    /// than this binary is a usage error (one line, exit 3); an unreachable store refuses (audited locally,
    /// exit 2) when `require` is on, else a warning says the action runs on the local lock and its records
    /// are uploaded later. A triage action (one that takes no environment lock: cancel a query, terminate a
    /// session, silence or expire an alert) is never refused for an unreachable store — `require` is about the
    /// shared lock — and only warned that its records are uploaded later.
    public func coordinationPreflight(target: String? = nil, commands: [[String]] = [], figures: [String: JSONValue] = [:]) throws {
        guard let store = CoordinationStore(environment: environment) else { return }
        do throws(CoordinationError) {
            try store.connect(.command).close()
        } catch {
            if case .schemaTooNew = error { throw usage(error.description) }
            if ActionKind(rawValue: action)?.takesEnvironmentLock == false {
                StandardError.write("touchline \(command): warning: \(error.description); its audit records are uploaded "
                                    + "when the store is back (\(action) takes no lock, so it runs)")
                return
            }
            guard store.config.require else {
                StandardError.write("touchline \(command): warning: \(error.description); running on the local lock only "
                                    + "(require = false), its audit records are uploaded when the store is back")
                return
            }
            throw refuse("\(error.description); \(environment.name) requires its coordination store (require = true)",
                         target: target, commands: commands, figures: figures)
        }
    }
}
