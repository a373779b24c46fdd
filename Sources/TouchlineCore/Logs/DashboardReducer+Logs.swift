/// The Logs view's keys (it is open while ``DashboardState/logView`` is set and the overlay is `.logs`).
extension DashboardReducer {
    /// `l` on a Services row: opens the selected service's log, or says which table to add.
    static func openLogs(in state: inout DashboardState) -> [DashboardEffect] {
        let probes = state.filteredProbes
        guard !probes.isEmpty else {
            state.notice = "no service selected"
            return []
        }
        let service = probes[state.selectedRow(.services, count: probes.count)].config.name
        guard let config = state.environment.actions.logs[service] else {
            state.notice = "no log configured for \(service): add [environments.\(state.environment.name).logs.\(service)] with command or file"
            return []
        }
        state.logStreams += 1
        state.logView = LogView(service: service, source: config.description, stream: state.logStreams)
        state.overlay = .logs
        return [.openLogs(config, stream: state.logStreams)]
    }

    /// A batch of the open stream's lines.
    static func receive(_ batch: LogBatch, in state: inout DashboardState) {
        state.logView?.append(batch)
    }

    /// Closes the view; the stream is stopped by the effect.
    static func closeLogs(in state: inout DashboardState) -> [DashboardEffect] {
        state.overlay = nil
        state.logView = nil
        return [.closeLogs]
    }

    /// A key while the Logs view is open: scrolling, `/` search with `n`/`N`, `f` level filter, `w` wrap,
    /// ←/→ sideways (wrap off), Esc (clears the search first) or `l`/`q` closes.
    static func handleLogs(_ key: KeyPress, in state: inout DashboardState) -> [DashboardEffect] {
        guard var view = state.logView else {
            state.overlay = nil
            return []
        }
        if view.editingSearch {
            editSearch(key, in: &view)
            state.logView = view
            if !view.editingSearch, !view.search.isEmpty, view.match == nil {
                state.notice = "no line matches '\(view.search)'"
            }
            return []
        }
        let page = max(1, state.height - 4)
        let action = state.bindings.action(for: key)
        state.logView = nil  // the view is edited as a local copy: its lines are not copied on write
        var closing = false
        switch key {
        case .pageUp: view.scroll(by: -page, page: page)
        case .pageDown: view.scroll(by: page, page: page)
        case .home: view.scrollToOldest(page: page)
        case .end: view.bottom = nil
        case .left: view.column = max(0, view.column - 8)
        case .right: if !view.wrap { view.column += 8 }
        case .escape:
            if !view.search.isEmpty {
                view.search = ""
                view.match = nil
            } else {
                closing = true
            }
        case .character("/"):
            view.editingSearch = true
            view.search = ""
            view.match = nil
        case .character("n"), .character("N"):
            if view.search.isEmpty {
                state.notice = "no search: / to search"
            } else if !view.findMatch(older: key == .character("n")) {
                state.notice = "no \(key == .character("n") ? "older" : "newer") line matches '\(view.search)'"
            }
        case .character("f"):
            view.level = view.level.next
            view.match = nil
            state.notice = "level: \(view.level.rawValue)"
        case .character("w"):
            view.wrap.toggle()
            view.column = 0
        default:
            if action == .up {
                view.scroll(by: -1, page: page)
            } else if action == .down {
                view.scroll(by: 1, page: page)
            } else if action == .logs || action == .quit {
                closing = true
            }
        }
        if closing {
            state.overlay = nil
            return [.closeLogs]
        }
        state.logView = view
        return []
    }

    private static func editSearch(_ key: KeyPress, in view: inout LogView) {
        switch key {
        case .enter:
            view.editingSearch = false
            view.match = nil
            view.findMatch(older: true)
        case .escape:
            view.editingSearch = false
            view.search = ""
            view.match = nil
        case .backspace:
            if !view.search.isEmpty { view.search.removeLast() }
        case .character(let character) where !(character.asciiValue.map { $0 < 32 } ?? false):
            view.search.append(character)
        default:
            break
        }
    }
}
