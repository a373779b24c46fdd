import FoundationEssentials

/// The Redis diagnostics view (key `d`): which probe's server it shows, the last reading (or why there is
/// none), whether a reading is under way, and how far it is scrolled.
///
/// Keys inside the view: ↑/↓ a line, PgUp/PgDn a page, Home/End, Tab/Shift-Tab the next/previous section,
/// `r` reads again, Esc (or `d`, or `q`) closes. The reading itself is an effect (``DashboardEffect/readRedisDiagnostics(_:)``);
/// it comes back as ``DashboardEvent/redisDiagnosticsRead(probe:diagnostics:error:)``.
public struct RedisDiagnosticsPanel: Sendable, Equatable {
    /// The redis probe whose server is shown.
    public var probe: ProbeConfig
    /// The last reading, kept on screen while the next one runs.
    public var diagnostics: RedisDiagnostics?
    /// Why the last reading failed as a whole (the server unreachable, `AUTH` refused).
    public var error: String?
    /// Whether a reading is under way.
    public var loading = true
    /// The first body line shown.
    public var scroll = 0

    /// A panel for `probe`, its first reading under way.
    public init(probe: ProbeConfig) {
        self.probe = probe
    }

    /// The view's box and body on a `width` x `height` screen: the box's size (the whole width, every row but
    /// the header's and the footer's), the text's width and how many body lines show (the box keeps a subtitle
    /// row, a keys row and its border).
    public static func layout(width: Int, height: Int) -> (boxWidth: Int, boxHeight: Int, textWidth: Int, bodyHeight: Int) {
        let boxWidth = max(20, width)
        let boxHeight = max(6, height - 2)
        return (boxWidth, boxHeight, boxWidth - 4, boxHeight - 4)
    }

    /// The body lines at the state's screen size: the reading's sections, or what stands in for them.
    public func lines(in state: DashboardState) -> [RedisDiagnosticsLine] {
        let width = Self.layout(width: state.width, height: state.height).textWidth
        if let diagnostics { return RedisDiagnosticsLines.lines(diagnostics, width: width, now: state.now) }
        if let error {
            // The address once: `connection refused (cache:6379)` names it already.
            let target = probe.target.displayTarget
            let what = error.contains(target) ? "cannot read" : "cannot read \(target)"
            return [RedisDiagnosticsLine(.problem, "✖ \(what): \(error)")]
        }
        return [RedisDiagnosticsLine(.note, "reading SLOWLOG, LATENCY, CLIENT LIST, MEMORY DOCTOR, LATENCY DOCTOR and INFO keyspace "
                                     + "from \(probe.target.displayTarget)…")]
    }

    /// Opens the view on the selected redis probe: the open detail view's or the selected Services row's when it
    /// is a redis probe, the Redis pane's when it has the focus, else the environment's only redis probe. With
    /// none, or several and none selected, the footer says so.
    static func open(in state: inout DashboardState) -> [DashboardEffect] {
        let redis = state.shownProbes.filter { $0.config.kind == .redis }.map(\.config)
        let probes = state.filteredProbes
        var chosen: ProbeConfig?
        if let name = state.detailProbe {
            chosen = redis.first { $0.name == name }
        } else if state.focus == .services, !probes.isEmpty {
            let selected = probes[state.selectedRow(.services, count: probes.count)].config
            if selected.kind == .redis { chosen = selected }
        } else if state.focus == .redis {
            chosen = state.redisProbe?.config
        }
        if chosen == nil, redis.count == 1 { chosen = redis.first }
        guard let probe = chosen else {
            state.notice = redis.isEmpty ? "no redis probe in \(state.environment.name): Redis diagnostics need one"
                : "\(redis.count) redis probes in \(state.environment.name): select one on the Services pane, then \(state.bindings.label(.redisDiagnostics))"
            return []
        }
        state.overlay = .redisDiagnostics(RedisDiagnosticsPanel(probe: probe))
        return [.readRedisDiagnostics(probe)]
    }

    /// Applies `key` while the view is open.
    static func handle(_ key: KeyPress, panel: RedisDiagnosticsPanel, in state: inout DashboardState) -> [DashboardEffect] {
        var panel = panel
        let action = state.bindings.action(for: key)
        let lines = panel.lines(in: state)
        let page = max(1, Self.layout(width: state.width, height: state.height).bodyHeight)
        let last = max(0, lines.count - page)
        switch key {
        case .escape:
            state.overlay = nil
            return []
        case .pageUp: panel.scroll -= page
        case .pageDown: panel.scroll += page
        case .home: panel.scroll = 0
        case .end: panel.scroll = last
        default:
            switch action {
            case .redisDiagnostics?, .quit?:
                state.overlay = nil
                return []
            case .up?: panel.scroll -= 1
            case .down?: panel.scroll += 1
            case .focusNext?:
                panel.scroll = RedisDiagnosticsLines.headings(lines).first { $0 > panel.scroll } ?? panel.scroll
            case .focusPrevious?:
                panel.scroll = RedisDiagnosticsLines.headings(lines).last { $0 < panel.scroll } ?? 0
            case .refresh?:
                panel.loading = true
                state.notice = "reading Redis diagnostics from \(panel.probe.name)…"
                state.overlay = .redisDiagnostics(panel)
                return [.readRedisDiagnostics(panel.probe)]
            default:
                state.notice = KeyFeedback.unused(key.label, in: "Redis diagnostics view")
                return []
            }
        }
        panel.scroll = max(0, min(last, panel.scroll))
        state.overlay = .redisDiagnostics(panel)
        return []
    }

    /// Puts a finished reading into the open view (a reading for a view since closed, or for another probe, is
    /// dropped).
    static func receive(probe: String, diagnostics: RedisDiagnostics?, error: String?, in state: inout DashboardState) {
        guard case .redisDiagnostics(var panel) = state.overlay, panel.probe.name == probe else { return }
        panel.loading = false
        panel.error = error
        if let diagnostics { panel.diagnostics = diagnostics } else { panel.diagnostics = nil }
        let lines = panel.lines(in: state)
        panel.scroll = max(0, min(panel.scroll, lines.count - Self.layout(width: state.width, height: state.height).bodyHeight))
        state.overlay = .redisDiagnostics(panel)
        if let error { state.notice = "Redis diagnostics of \(probe): \(error)" }
    }
}
