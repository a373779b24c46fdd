/// The column widths of the Services table for a given width: fixed columns first, the sparkline
/// and the detail share the rest; the kind column is dropped when the detail would get too narrow.
struct ServiceColumns: Equatable {
    /// Widths; 0 means the column is not shown.
    var status = 10, name = 7, kind = 0, latency = 7, p95 = 7, history = 0, age = 4, detail = 0
    /// Spaces between columns.
    var gap = 1

    /// The narrowest detail column worth showing.
    static let minimumDetail = 18
    /// The widest sparkline.
    static let maximumHistory = 24

    /// Fits the columns into `width` columns for service names up to `longestName` columns.
    init(width: Int, longestName: Int) {
        gap = width >= 100 ? 2 : 1
        name = min(max(longestName, 7), 24)
        kind = 8
        var rest = width - fixedWidth
        if rest < Self.minimumDetail + 10 + gap {
            kind = 0
            rest = width - fixedWidth
        }
        let room = rest - Self.minimumDetail - gap
        history = room >= 6 ? min(Self.maximumHistory, room) : 0
        detail = max(0, rest - (history > 0 ? history + gap : 0))
    }

    /// Columns taken by every column but history and detail, with their gaps (detail's gap included).
    private var fixedWidth: Int {
        let columns = [status, name, kind, latency, p95, age].filter { $0 > 0 }
        return columns.reduce(0, +) + gap * columns.count
    }
}
