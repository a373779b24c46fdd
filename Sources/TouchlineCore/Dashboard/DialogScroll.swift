/// Scrolls the text of a confirmation dialog taller than the screen: ↑/↓ a line, PgUp/PgDn ten, Home
/// the top. The renderer clamps the offset to the text, so the reducer only keeps it non-negative.
enum DialogScroll {
    /// Applies `key` to `state.dialogScroll`; returns false for keys that are not for scrolling (the
    /// arrow keys only: `j`/`k` are letters of an environment's name typed to confirm).
    static func apply(_ key: KeyPress, in state: inout DashboardState) -> Bool {
        switch key {
        case .up: state.dialogScroll = max(0, state.dialogScroll - 1)
        case .down: state.dialogScroll += 1
        case .pageUp: state.dialogScroll = max(0, state.dialogScroll - 10)
        case .pageDown: state.dialogScroll += 10
        case .home: state.dialogScroll = 0
        default: return false
        }
        return true
    }
}
