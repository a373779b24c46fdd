import Testing
import TouchlineCore
@testable import TouchlineUI

/// The Logs view as render snapshots: following a mixed-level log, scrolled back to a search match with
/// the warn filter, a command that could not start, and a search being typed with wrap off.
@Suite("Logs view render snapshots")
struct LogsViewSnapshotTests {
    static let sample = [
        "INFO:     Started server process [4992]",
        "INFO:     127.0.0.1:54404 - \"GET /health HTTP/1.1\" 200 OK",
        "WARNING:  slow request: POST /api/v1/predictions/match took 1.2 s",
        "ts=2026-11-30T04:56:23Z level=error msg=\"redis: connection refused\" attempt=3",
        #"{"time":"04:56:24","level":"warn","msg":"retrying","delay_ms":250}"#,
        "INFO:     127.0.0.1:54412 - \"GET /health?probe=tmux-abc HTTP/1.1\" 200 OK",
        "ERROR:    Exception in ASGI application: Traceback (most recent call last): File \"/srv/app.py\", line 88, in predict; "
            + "raise ValueError(\"unknown team: Arsenal FC\") — a long line that wraps over the view's width when wrap is on",
        "INFO:     127.0.0.1:54404 - \"GET /health HTTP/1.1\" 200 OK",
    ]

    static func state(width: Int, height: Int, _ edit: (inout LogView) -> Void) -> DashboardState {
        var state = Scenarios.allUp(width: width, height: height)
        var view = LogView(service: "api", source: "$ scripts/stack logs --follow api", stream: 1)
        let lines = (0..<60).map { LogLine(sample[$0 % sample.count].replacingOccurrences(of: "54404", with: "\(54_000 + $0)")) }
        view.append(LogBatch(stream: 1, lines: lines, dropped: 0, cut: 0))
        edit(&view)
        state.logView = view
        state.overlay = .logs
        return state
    }

    @Test("following a mixed-level log: levels coloured, dropped and cut counted (120x40)")
    func following() {
        let state = Self.state(width: 120, height: 40) { view in
            view.append(LogBatch(stream: 1, lines: [LogLine("x" + String(repeating: "y", count: 100) + " … [cut 1048476 bytes]")],
                                 dropped: 1234, cut: 1))
        }
        SnapshotAssertion.assertMatches(DashboardRenderer.render(state), named: "logs-following-120x40")
    }

    @Test("scrolled back to a search match with the warn filter (80x24)")
    func searchMatch() {
        let state = Self.state(width: 80, height: 24) { view in
            view.level = .warn
            view.search = "redis"
            view.findMatch(older: true)
            view.findMatch(older: true)
        }
        SnapshotAssertion.assertMatches(DashboardRenderer.render(state), named: "logs-search-80x24")
    }

    @Test("a command that could not start: its error and exit code, the stream ended (120x40)")
    func failed() {
        var state = Scenarios.allUp(width: 120, height: 40)
        var view = LogView(service: "api", source: "$ journalctl -fu api", stream: 1)
        view.append(LogBatch(stream: 1, lines: [LogLine.note("cannot run journalctl: No such file or directory", level: .error),
                                               LogLine.note("exit code 127: the command did not start", level: .error)], ended: true))
        state.logView = view
        state.overlay = .logs
        SnapshotAssertion.assertMatches(DashboardRenderer.render(state), named: "logs-failed-120x40")
    }

    @Test("a search being typed, wrap off and scrolled sideways (120x40)")
    func typing() {
        let state = Self.state(width: 120, height: 40) { view in
            view.wrap = false
            view.column = 8
            view.editingSearch = true
            view.search = "GET /heal"
        }
        SnapshotAssertion.assertMatches(DashboardRenderer.render(state), named: "logs-typing-120x40")
    }
}
