extension ProbeSelection {
    /// The one probe of `kind` a command works on (`touchline redis-info --probe NAME`): the one named `name`,
    /// or, when `name` is nil, the environment's only probe of that kind. An unknown name, a probe of another
    /// kind, no probe of the kind, or several and none named, is a ``Problem`` naming the choices.
    public static func single(_ kind: ProbeKind, named name: String?, from environment: EnvironmentConfig) -> Result<ProbeConfig, Problem> {
        let ofKind = environment.probes.filter { $0.kind == kind }
        let names = ofKind.map(\.name).joined(separator: ", ")
        if let name {
            guard let probe = environment.probes.first(where: { $0.name == name }) else {
                let known = environment.probes.map(\.name).joined(separator: ", ")
                return .failure(Problem(message: "no probe named '\(name)' in \(environment.name) (probes: \(known))"))
            }
            guard probe.kind == kind else {
                return .failure(Problem(message: "'\(name)' is \(probe.kind.withArticle) probe, not \(kind.withArticle) one"
                                        + (ofKind.isEmpty ? "" : " (\(kind.rawValue) probes: \(names))")))
            }
            return .success(probe)
        }
        switch ofKind.count {
        case 1: return .success(ofKind[0])
        case 0: return .failure(Problem(message: "no \(kind.rawValue) probe in \(environment.name)"))
        default: return .failure(Problem(message: "\(ofKind.count) \(kind.rawValue) probes in \(environment.name) (\(names)): name one with --probe"))
        }
    }
}
