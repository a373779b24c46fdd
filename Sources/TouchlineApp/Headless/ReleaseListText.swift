import TouchlineCore

/// The releases of an environment as text for `touchline releases`.
public enum ReleaseListText {
    /// One line per release, newest first, with `running` and `previous` marks, then what rollback would do.
    public static func text(_ plan: ReleasePlan, environment: String, message: String) -> String {
        var lines = ["releases of \(environment), newest first"]
        let rows = plan.releases.map { release -> [String] in
            var marks: [String] = []
            if release == plan.running { marks.append("running") }
            if release == plan.previous { marks.append("previous") }
            return [release, marks.joined(separator: ", ")]
        }
        lines += TextTable.plain(rows, indent: "  ")
        if let running = plan.running, !plan.releases.contains(running) { lines.append("running: \(running) (not listed)") }
        lines.append(message)
        return lines.joined(separator: "\n")
    }
}
