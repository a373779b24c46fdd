/// The status the dashboard shows for a probe, changed only when the raw polls hold (Gatus's
/// `failure-threshold` / `success-threshold`), so a probe hovering at a limit does not flap.
///
/// - `down` shows on the first failing poll, and the first poll that answers after `down` shows at once
///   (up or degraded): an outage and its end never wait.
/// - `up` → `degraded` needs `failureThreshold` degraded polls in a row; `degraded` → `up` needs
///   `successThreshold` up polls in a row. A poll of the shown status resets the count.
/// - The first poll of a probe sets its status directly.
public struct StatusHysteresis: Sendable, Equatable {
    /// The status shown (``ProbeStatus/unknown`` before the first poll).
    public private(set) var status: ProbeStatus = .unknown
    /// The raw status that differs from the shown one, and how many polls in a row have reported it.
    public private(set) var pending: ProbeStatus?
    public private(set) var streak = 0

    /// Creates the state of a probe not polled yet.
    public init() {}

    /// Takes one raw poll; returns whether the shown status changed.
    @discardableResult
    public mutating func apply(_ raw: ProbeStatus, failureThreshold: Int, successThreshold: Int) -> Bool {
        guard raw != status else {
            pending = nil
            streak = 0
            return false
        }
        let needed: Int
        switch (status, raw) {
        case (.unknown, _), (_, .down), (.down, _), (_, .unknown): needed = 1
        case (.up, _): needed = failureThreshold
        default: needed = raw == .up ? successThreshold : failureThreshold
        }
        streak = pending == raw ? streak + 1 : 1
        pending = raw
        guard streak >= needed else { return false }
        status = raw
        pending = nil
        streak = 0
        return true
    }

    /// `degraded 1 of 2 polls` while a change waits for its threshold, nil otherwise.
    public func pendingText(failureThreshold: Int, successThreshold: Int) -> String? {
        guard let pending else { return nil }
        let needed = pending == .up ? successThreshold : failureThreshold
        return "\(pending.rawValue) \(streak) of \(needed) polls"
    }
}
