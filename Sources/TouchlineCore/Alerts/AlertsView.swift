/// The Alerts view's own state while it is open (key `!`): which list it shows (`v` switches), the
/// highlighted row, and whether the highlighted alert's details are open (Enter).
public struct AlertsView: Sendable, Equatable {
    /// The two lists of the view.
    public enum Mode: Sendable, Equatable {
        /// Firing (and pending) alerts.
        case alerts
        /// Active and pending silences.
        case silences
    }

    /// The list shown.
    public var mode: Mode = .alerts
    /// The highlighted row of that list.
    public var selected = 0
    /// Whether the highlighted alert's details (description, labels, annotations, generator URL) are open.
    public var detail = false
    /// Lines the details are scrolled by.
    public var detailScroll = 0

    /// The view as it opens: alerts, first row.
    public init(mode: Mode = .alerts, selected: Int = 0) {
        self.mode = mode
        self.selected = selected
    }
}
