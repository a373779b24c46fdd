/// A subset of an environment's probes picked by name (`touchline check --probe api,postgres`).
public enum ProbeSelection {
    /// Why a selection cannot be made: one line naming the unknown or missing names.
    public struct Problem: Error, Equatable, Sendable {
        /// E.g. `no probe named 'kafak' in staging (probes: api, postgres, redis)`.
        public let message: String
    }

    /// The names of a comma-separated list, trimmed of spaces, empty items dropped.
    public static func names(_ text: String) -> [String] {
        text.split(separator: ",").map { item in
            String(item.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
        }.filter { !$0.isEmpty }
    }

    /// The probes of `environment` named in `names`, in the file's order; an unknown name, or no name at
    /// all, is a ``Problem``.
    public static func select(_ names: [String], from environment: EnvironmentConfig) -> Result<[ProbeConfig], Problem> {
        let known = environment.probes.map(\.name)
        guard !names.isEmpty else {
            return .failure(Problem(message: "no probe named: give at least one (e.g. --probe \(known.prefix(2).joined(separator: ",")))"))
        }
        if let unknown = names.first(where: { !known.contains($0) }) {
            return .failure(Problem(message: "no probe named '\(unknown)' in \(environment.name) (probes: \(known.joined(separator: ", ")))"))
        }
        return .success(environment.probes.filter { names.contains($0.name) })
    }
}
