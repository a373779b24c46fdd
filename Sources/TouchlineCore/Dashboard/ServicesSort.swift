import FoundationEssentials

/// How the Services table is ordered: the config's order until a column is chosen, then by that
/// column in its natural direction (name A→Z; the worst status, the slowest latency and p95, the
/// oldest data first), or the reverse of it.
public struct ServicesSort: Sendable, Equatable {
    /// The column sorted by; nil keeps the order of the config file.
    public var column: ServicesSortColumn?
    /// Whether the natural direction is reversed (key `I`).
    public var reversed = false

    /// The config's order, not reversed.
    public init(column: ServicesSortColumn? = nil, reversed: Bool = false) {
        self.column = column
        self.reversed = reversed
    }

    /// The next column to the right (`>`), from the config's order to the first column, wrapping.
    public mutating func next() { move(by: 1) }

    /// The next column to the left (`<`), wrapping.
    public mutating func previous() { move(by: -1) }

    private mutating func move(by step: Int) {
        let all = ServicesSortColumn.allCases
        guard let column, let index = all.firstIndex(of: column) else {
            self.column = step > 0 ? all.first : all.last
            return
        }
        self.column = all[(index + step + all.count) % all.count]
    }

    /// Whether the shown order runs from the largest value down (▼) rather than up (▲): names run A→Z (▲),
    /// every other column starts from the worst (▼); `I` flips the mark with the order.
    public var descending: Bool {
        guard let column else { return reversed }
        return (column != .name) != reversed
    }

    /// Applies a sort key (`sort_next`, `sort_prev`, `sort_reverse`) to `state`, keeping the selected
    /// service selected at its new row (as htop keeps the selected process).
    static func apply(_ action: KeyAction, in state: inout DashboardState) {
        let before = state.filteredProbes
        let selected = before.isEmpty ? nil : before[state.selectedRow(.services, count: before.count)].config.name
        switch action {
        case .sortNext: state.sort.next()
        case .sortPrevious: state.sort.previous()
        case .sortReverse: state.sort.reversed.toggle()
        default: return
        }
        if let selected, let row = state.filteredProbes.firstIndex(where: { $0.config.name == selected }) {
            state.selection[.services] = row
        }
        state.selectedService = selected
    }

    /// Records the service at the selected Services row by name (see ``DashboardState/selectedService``).
    static func pinSelection(in state: inout DashboardState) {
        let probes = state.filteredProbes
        let row = state.selection[.services] ?? 0
        state.selectedService = probes.indices.contains(row) ? probes[row].config.name : nil
    }

    /// The mark after the sorted column's heading.
    public var mark: String { descending ? "▼" : "▲" }

    /// `probes` in this order at `now`; ties (and probes with no value, which go last) keep the config's
    /// order. Latency is the newest sample's (in seconds), p95 that of the last minute (``SampleWindow/stats(over:now:)``),
    /// age the seconds since the newest sample (never polled: oldest).
    public func apply(_ probes: [ProbeState], now: Date) -> [ProbeState] {
        guard let column else { return reversed ? probes.reversed() : probes }
        let keyed = probes.enumerated().map { (offset: $0.offset, probe: $0.element, key: Self.key(column, $0.element, now: now)) }
        let sorted = keyed.sorted { lhs, rhs in
            switch (lhs.key, rhs.key) {
            case (nil, nil): return lhs.offset < rhs.offset
            case (nil, _): return false
            case (_, nil): return true
            case (let left?, let right?):
                if left == right { return lhs.offset < rhs.offset }
                return column == .name ? (left < right) != reversed : (left > right) != reversed
            }
        }
        return sorted.map(\.probe)
    }

    /// What a probe is ordered by in `column`; nil when it has no value there.
    private static func key(_ column: ServicesSortColumn, _ probe: ProbeState, now: Date) -> SortKey? {
        switch column {
        case .name: return .text(probe.config.name.lowercased())
        case .status: return .number(Double(probe.status.severity))
        case .latency: return probe.latest?.latency.map(SortKey.number)
        case .p95: return probe.window.stats(over: 60, now: now).p95.map(SortKey.number)
        case .age: return .number(probe.latest.map { now.timeIntervalSince($0.time) } ?? .infinity)
        }
    }

    /// A text or a number to compare.
    private enum SortKey: Comparable {
        case text(String)
        case number(Double)
    }
}
