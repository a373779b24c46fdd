import TouchlineCore

/// One line of the Services table: a probe's row, a sub-row of a prometheus probe with `by`, or the line
/// saying how many sub-rows are not shown.
enum ServiceLine: Equatable {
    /// The probe at this index of the (filtered, sorted) probe list.
    case probe(Int)
    /// A sub-row of the probe at `probe`.
    case row(probe: Int, PrometheusRow, unit: MetricUnit?)
    /// `… N more tables` under the probe at `probe`.
    case more(probe: Int, count: Int, label: String)

    /// Sub-rows shown under one probe at most; past this, the ones not up come first and a `… N more` line ends them.
    static let maximumRows = 8

    /// The lines for `probes`: each probe's row, then its sub-rows (newest sample's) when it has `by`.
    static func lines(for probes: [ProbeState]) -> [ServiceLine] {
        var lines: [ServiceLine] = []
        lines.reserveCapacity(probes.count)
        for (index, probe) in probes.enumerated() {
            lines.append(.probe(index))
            guard case .prometheus(let snapshot)? = probe.latest?.metrics, let by = snapshot.by, !snapshot.rows.isEmpty else { continue }
            let rows = snapshot.rows
            if rows.count <= maximumRows {
                lines.append(contentsOf: rows.map { .row(probe: index, $0, unit: snapshot.unit) })
            } else {
                let shown = Array((rows.filter { $0.status != .up } + rows.filter { $0.status == .up }).prefix(maximumRows - 1))
                lines.append(contentsOf: shown.map { .row(probe: index, $0, unit: snapshot.unit) })
                lines.append(.more(probe: index, count: rows.count - shown.count, label: by))
            }
        }
        return lines
    }

    /// The index of the probe this line belongs to.
    var probeIndex: Int {
        switch self {
        case .probe(let index), .row(let index, _, _), .more(let index, _, _): return index
        }
    }
}
