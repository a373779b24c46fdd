import FoundationEssentials

extension DashboardReducer {
    /// Applies a coordination watcher's report: the store's status, who else watches, the acknowledgements in
    /// force (an acknowledged probe that is up again is cleared: ``DashboardEffect/clearAcknowledgement(probe:)``)
    /// and feed messages, which become Events lines (once per record).
    static func coordinate(_ update: CoordinationUpdate, in state: inout DashboardState) -> [DashboardEffect] {
        let shown = state.environment.name
        switch update {
        case .connected(let environment, let store):
            guard environment == shown else { return [] }
            if !state.coordination.connected {
                state.events.insert(TimelineEvent(time: state.now, probe: nil, status: .up, message: "coordination: connected to \(store)"), at: 0)
            }
            state.coordination.connected = true
            state.coordination.status = "connected to \(store)"
        case .unreachable(let environment, let reason):
            guard environment == shown else { return [] }
            if state.coordination.connected || state.coordination.status == nil {
                state.events.insert(TimelineEvent(time: state.now, probe: nil, status: .down,
                                                  message: "coordination: store \(reason) (local lock and audit only until it is back)"), at: 0)
            }
            state.coordination.connected = false
            state.coordination.status = reason
            // An acknowledgement under way failed with the store: the footer says so instead of waiting on.
            if let notice = state.notice, let probe = pendingAcknowledgement(notice) {
                state.notice = "\(probe) not acknowledged: coordination store \(reason)"
            }
            state.coordination.watchers = []
            state.coordination.holder = nil
        case .holder(let environment, let holder):
            guard environment == shown else { return [] }
            state.coordination.holder = holder
        case .interrupted(let environment, let start):
            guard environment == shown, state.coordination.seen.insert("\(start.id)/interrupted").inserted,
                  !state.coordination.seen.contains("\(start.id)/end") else { return [] }
            let what = "\(start.action) \(start.environment)" + (start.target.map { " → \($0)" } ?? "")
            state.events.insert(TimelineEvent(time: state.now, probe: nil, status: .down,
                                              message: "\(start.user)@\(start.host) \(what): interrupted (its lock session ended with no end record)",
                                              environment: environment), at: 0)
            if state.events.count > DashboardState.eventLimit { state.events.removeLast(state.events.count - DashboardState.eventLimit) }
        case .presence(let environment, let watchers):
            guard environment == shown else { return [] }
            state.coordination.watchers = watchers.sorted()
        case .acknowledgements(let environment, let list):
            guard environment == shown else { return [] }
            state.coordination.acknowledgements = Dictionary(list.map { ($0.probe, $0) }) { first, _ in first }
            let recovered = list.filter { ack in state.probes.first { $0.config.name == ack.probe }?.status == .up }
            return recovered.map { .clearAcknowledgement(probe: $0.probe) }
        case .notice(let notice):
            guard notice.environment == shown else { return [] }
            if let ack = notice.acknowledgement {
                if notice.kind == .acknowledged { state.coordination.acknowledgements[ack.probe] = ack }
                if notice.kind == .acknowledged, let pending = state.notice, pendingAcknowledgement(pending) == ack.probe {
                    state.notice = "\(ack.probe) acknowledged: \(ack.mark)"
                }
                if notice.kind == .cleared, state.coordination.acknowledgements[ack.probe]?.who == ack.who {
                    state.coordination.acknowledgements[ack.probe] = nil
                }
            }
            if let record = notice.record, !state.coordination.seen.insert("\(record.id)/\(record.phase.rawValue)").inserted {
                return []
            }
            if let event = notice.timelineEvent {
                state.events.insert(event, at: 0)
                if state.events.count > DashboardState.eventLimit { state.events.removeLast(state.events.count - DashboardState.eventLimit) }
            }
        }
        return []
    }

    /// `A` on the Services pane: acknowledges the selected probe when it is red (down), for every operator watching.
    static func acknowledge(in state: inout DashboardState) -> [DashboardEffect] {
        let probes = state.filteredProbes
        guard !probes.isEmpty else { return [] }
        let probe = probes[state.selectedRow(.services, count: probes.count)]
        guard state.environment.coordination != nil else {
            state.notice = "acknowledging needs [environments.\(state.environment.name).coordination] (a store every operator reaches)"
            return []
        }
        guard probe.status == .down else {
            state.notice = "\(probe.config.name) is \(probe.status.rawValue): only a red (down) row can be acknowledged"
            return []
        }
        state.notice = "acknowledging \(probe.config.name) for every operator…"
        return [.acknowledge(probe: probe.config.name)]
    }

    /// The probe of `notice` when it is the footer's `acknowledging api for every operator…` (answered by the
    /// store's notification, or by its failure).
    static func pendingAcknowledgement(_ notice: String) -> String? {
        let prefix = "acknowledging ", suffix = " for every operator…"
        guard notice.hasPrefix(prefix), notice.hasSuffix(suffix), notice.count > prefix.count + suffix.count else { return nil }
        return String(notice.dropFirst(prefix.count).dropLast(suffix.count))
    }
}
