import FoundationEssentials

/// The Sessions view (key `a`): the sessions of one postgres probe's server as last read, the mode, the selection
/// and whether the rows are frozen.
///
/// While no row is selected the view re-reads every ``refreshSeconds``; once the operator selects one (↑/↓) the
/// rows freeze, so the target cannot move under the cursor, until `r` re-reads (the selection follows its pid)
/// or Esc lets go of it.
public struct SessionsViewState: Sendable, Equatable {
    /// The postgres probe whose server is listed.
    public var probe: String
    /// Running, waiting or blocking.
    public var mode: SessionsMode = .running { didSet { arrange() } }
    /// The sessions as last read; nil before the first answer.
    public var list: SessionsList? { didSet { arrange() } }
    /// Why the last read failed, if it did (the rows of the one before stay).
    public var error: String?
    /// When the list was read (dashboard time) and how long its statement took, in seconds.
    public var readAt: Date?
    public var querySeconds: Double?
    /// Whether a read is under way.
    public var loading = false
    /// Whether the read under way was asked for (`r`, an action's end) and so replaces frozen rows.
    public var explicitRead = false
    /// The selected row; nil while the view follows the server (not frozen).
    public var selected: Int?
    /// Whether background workers are listed (`w`).
    public var showWorkers = false { didSet { arrange() } }
    /// Whether the selected session's query is shown whole, wrapped (Enter).
    public var expanded = false
    /// Idle-in-transaction sessions older than this many seconds are marked (the probe's `idle_in_transaction_warn`).
    public var idleWarn: Double
    /// The last cancel or terminate's result line.
    public var lastResult: String?

    /// How often the view re-reads while not frozen, in seconds.
    public static let refreshSeconds = 2.0

    /// A view of `probe`'s server, nothing read yet.
    public init(probe: String, idleWarn: Double) {
        self.probe = probe
        self.idleWarn = idleWarn
    }

    /// The rows shown now, arranged once per read, mode or workers change (not per frame: 500 sessions are
    /// sorted and their blocking tree built here, never while drawing).
    public private(set) var rows: [SessionRow] = []
    /// How many rows each mode has (the blocking mode: its chains), for the mode line.
    public private(set) var modeCounts: [SessionsMode: Int] = [:]
    /// The client sessions by state (``SessionsList/counts``), for the title.
    public private(set) var counts: SessionCounts?

    private mutating func arrange() {
        guard let list else {
            rows = []
            modeCounts = [:]
            counts = nil
            return
        }
        var counts: [SessionsMode: Int] = [:]
        for each in SessionsMode.allCases {
            let arranged = list.rows(each, workers: showWorkers)
            counts[each] = each == .blocking ? arranged.filter { $0.depth == 0 }.count : arranged.count
            if each == mode { rows = arranged }
        }
        modeCounts = counts
        self.counts = list.counts
    }

    /// Whether the rows are frozen (a row is selected).
    public var frozen: Bool { selected != nil }

    /// The selected row, clamped to the rows shown.
    public var selectedRow: SessionRow? {
        guard let selected else { return nil }
        let rows = rows
        guard !rows.isEmpty else { return nil }
        return rows[min(max(0, selected), rows.count - 1)]
    }
}
