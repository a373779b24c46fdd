/// The view a confirmation dialog was opened from (`R` in the Backups view, `s` or `R` in the Config view or
/// its diff): the dialog is drawn over it, and a cancelled dialog (or a confirmed config snapshot, which
/// takes a moment and changes nothing) goes back to it instead of to the main screen.
public enum DialogOrigin: Sendable, Equatable {
    /// The Backups view, with the highlighted row.
    case backups(selected: Int)
    /// The Config view, with the highlighted row.
    case configSnapshots(selected: Int)
    /// A config snapshot's diff, where it was scrolled to.
    case configDiff(ConfigDiffText)

    /// The view of `overlay` when a dialog may be opened over it, else nil.
    public init?(_ overlay: Overlay?) {
        switch overlay {
        case .backups(let selected): self = .backups(selected: selected)
        case .configSnapshots(let selected): self = .configSnapshots(selected: selected)
        case .configDiff(let diff): self = .configDiff(diff)
        default: return nil
        }
    }

    /// The overlay that shows the view again.
    public var overlay: Overlay {
        switch self {
        case .backups(let selected): return .backups(selected: selected)
        case .configSnapshots(let selected): return .configSnapshots(selected: selected)
        case .configDiff(let diff): return .configDiff(diff)
        }
    }
}
