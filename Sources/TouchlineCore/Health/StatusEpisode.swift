import FoundationEssentials

/// One stretch of trouble of a probe, from leaving `up` to being `up` again: how long it spent in each
/// status and how much of it was not polled, so the recovery message states what really happened:
/// `up again after 35 s (21 s down, 14 s degraded)`.
public struct StatusEpisode: Sendable, Equatable {
    /// When the trouble began (the event that left `up`).
    public let start: Date
    /// The status shown now and since when (nil while the probe is not polled).
    public private(set) var status: ProbeStatus
    public private(set) var since: Date?
    /// Seconds spent per status so far, not counting the current stretch.
    public private(set) var spent: [ProbeStatus: Double] = [:]
    /// Seconds in which the probe was not polled (its environment was not shown).
    public private(set) var unpolled: Double = 0
    private var unpolledSince: Date?

    /// Starts an episode in `status` at `time`.
    public init(status: ProbeStatus, at time: Date) {
        start = time
        self.status = status
        since = time
    }

    /// The shown status changed to `next` (still not up) at `time`.
    public mutating func move(to next: ProbeStatus, at time: Date) {
        close(at: time)
        status = next
        since = time
    }

    /// Polling stopped at `time`: what follows is not known, and is not counted as any status.
    public mutating func stopPolling(at time: Date) {
        close(at: time)
        since = nil
        unpolledSince = time
    }

    /// Polling started again at `time`; the last known status goes on from there.
    public mutating func resumePolling(at time: Date) {
        if let from = unpolledSince { unpolled += max(0, time.timeIntervalSince(from)) }
        unpolledSince = nil
        since = time
    }

    /// The recovery message for `probe` coming `up` at `time`, e.g. `api up again after 35 s (21 s down,
    /// 14 s degraded)`, or `api up again after 21 s down` when it spent the episode in one status.
    public func recoveryMessage(probe: String, at time: Date) -> String {
        var episode = self
        episode.close(at: time)
        var parts: [(String, Double)] = [ProbeStatus.down, .degraded].compactMap { status in
            episode.spent[status].map { (status.rawValue, $0) }
        }
        if episode.unpolled > 0 { parts.append(("not polled", episode.unpolled)) }
        let total = time.timeIntervalSince(start)
        if parts.count == 1, let only = parts.first, only.0 != "not polled" {
            return "\(probe) up again after \(Self.duration(total)) \(only.0)"
        }
        let whole = Self.apportion(parts.map(\.1), total: total)
        let breakdown = zip(parts, whole).map { "\(Self.duration(Double($1))) \($0.0)" }.joined(separator: ", ")
        return "\(probe) up again after \(Self.duration(total))" + (parts.isEmpty ? "" : " (\(breakdown))")
    }

    /// Adds the current stretch to ``spent``.
    private mutating func close(at time: Date) {
        guard let since else { return }
        spent[status, default: 0] += max(0, time.timeIntervalSince(since))
        self.since = time
    }

    /// Whole seconds per part that add up to the rounded total (largest remainders get the spare seconds).
    static func apportion(_ parts: [Double], total: Double) -> [Int] {
        let target = Int(clampingFinite: total.rounded())
        var whole = parts.map { Int(clampingFinite: $0.rounded(.down)) }
        let order = parts.indices.sorted { parts[$0] - Double(whole[$0]) > parts[$1] - Double(whole[$1]) }
        var index = 0
        while whole.reduce(0, +) < target, !order.isEmpty {
            whole[order[index % order.count]] += 1
            index += 1
        }
        return whole
    }

    /// `35 s`, `3m 05s`, `1h 02m`.
    public static func duration(_ seconds: Double) -> String {
        let total = Int(clampingFinite: max(0, seconds).rounded())
        if total < 60 { return "\(total) s" }
        if total < 3600 { return "\(total / 60)m \(DecimalText.zeroPadded(total % 60, width: 2))s" }
        return "\(total / 3600)h \(DecimalText.zeroPadded((total % 3600) / 60, width: 2))m"
    }
}
