import Foundation
import Testing
@testable import TouchlineCore
@testable import TouchlineUI

/// The Sessions view and its two dialogs as render snapshots (TOUCHLINE_RECORD_SNAPSHOTS=1 re-records).
@Suite("Sessions view")
struct SessionsViewTests {
    @Test("running mode, 120x40")
    func running() {
        SnapshotAssertion.assertMatches(DashboardRenderer.render(SessionsScenarios.open(width: 120, height: 40)), named: "sessions-running-120x40")
    }

    @Test("blocking mode with the chain indented, 120x40 and 80x24")
    func blocking() {
        SnapshotAssertion.assertMatches(DashboardRenderer.render(SessionsScenarios.blocking(width: 120, height: 40)), named: "sessions-blocking-120x40")
        SnapshotAssertion.assertMatches(DashboardRenderer.render(SessionsScenarios.blocking(width: 80, height: 24)), named: "sessions-blocking-80x24")
    }

    @Test("Enter shows the whole query, wrapped; the rows are frozen")
    func expanded() {
        let state = SessionsScenarios.expanded(width: 120, height: 40)
        SnapshotAssertion.assertMatches(DashboardRenderer.render(state), named: "sessions-expanded-120x40")
        let text = (0..<40).map(DashboardRenderer.render(state).rowText).joined(separator: "\n")
        #expect(text.contains("❄ frozen"))
        #expect(text.contains(" WHERE id = 812734"))
    }

    @Test("x: cancel the query dialog, Cancel focused, the session's facts")
    func cancelDialog() {
        let state = SessionsScenarios.cancelDialog(width: 120, height: 40)
        SnapshotAssertion.assertMatches(DashboardRenderer.render(state), named: "sessions-cancel-dialog-120x40")
        guard case .confirm(let request) = state.overlay else {
            Issue.record("no dialog")
            return
        }
        #expect(request.action == "cancel the query")
        #expect(!request.confirmFocused)
        #expect(request.spec?.kind == .cancelQuery)
        #expect(request.spec?.takesEnvironmentLock == false)
    }

    @Test("X on another touchline's session: terminate the session, the environment's name typed")
    func terminateDialog() {
        let state = SessionsScenarios.terminateDialog(width: 120, height: 40)
        SnapshotAssertion.assertMatches(DashboardRenderer.render(state), named: "sessions-terminate-dialog-120x40")
        guard case .confirm(let request) = state.overlay else {
            Issue.record("no dialog")
            return
        }
        #expect(request.action == "terminate the session")
        #expect(request.requiresTypedName)
        #expect(request.spec?.session?.session.pid == 47_310)
    }

    @Test("80x24: the status beside the modes drops whole items (the query time first), never cuts `ms` to `m`")
    func narrowStatus() {
        for width in [80, 84, 90, 100, 120] {
            var state = SessionsScenarios.blocking(width: width, height: 24)
            state.sessionsView?.showWorkers = true
            let row = DashboardRenderer.render(state).rowText(2)
            #expect(row.contains("live"), "\(width): \(row)")
            if let range = row.firstRange(of: "query ") {
                #expect(row[range.upperBound...].hasPrefix("4.1 ms"), "\(width): \(row)")
            }
            if let range = row.firstRange(of: "read ") { #expect(row[range.upperBound...].hasPrefix("0s ago"), "\(width): \(row)") }
            #expect(!row.contains(" m ║") && !row.contains("…"), "\(width): whole items only: \(row)")
        }
        let wide = DashboardRenderer.render(SessionsScenarios.blocking(width: 120, height: 40)).rowText(2)
        #expect(wide.contains("live · read 0s ago · query 4.1 ms"), "\(wide)")
    }

    @Test("waiting mode shows who blocks each waiter at 120 and 80 columns; a cut statement ends in …")
    func waitingShowsBlocker() {
        for (width, height) in [(120, 40), (80, 24)] {
            var state = SessionsScenarios.open(width: width, height: height)
            _ = DashboardReducer.reduce(&state, .key(.character("2")))
            let buffer = DashboardRenderer.render(state)
            let text = (0..<height).map(buffer.rowText).joined(separator: "\n")
            #expect(text.contains("BLOCKED BY"), "\(width)x\(height)\n\(text)")
            let waiter = (0..<height).map(buffer.rowText).first { $0.contains("48133") } ?? ""
            #expect(waiter.contains("48120"), "\(width)x\(height): \(waiter)")
            #expect(waiter.contains("…"), "the statement is longer than its column: \(waiter)")
            if width == 120 { SnapshotAssertion.assertMatches(buffer, named: "sessions-waiting-120x40") }
        }
    }

    @Test("the footer lists the view's keys; a key it does not use says so")
    func unusedKey() {
        var state = SessionsScenarios.blocking(width: 120, height: 40)
        _ = DashboardReducer.reduce(&state, .key(.character("?")))
        #expect(state.overlay == .sessions && state.notice == "? does nothing in the Sessions view")
        let footer = DashboardRenderer.render(state).rowText(39)
        #expect(footer.contains("? does nothing in the Sessions view") && footer.contains("Esc close") && !footer.contains("next pane"),
                "\(footer)")
        // Every key the view's own key line names is in the footer too (w was missing).
        _ = DashboardReducer.reduce(&state, .key(.character("3")))
        let wide = DashboardRenderer.render(state).rowText(39)
        for key in ["1-3 mode", "Enter query", "r re-read", "w workers", "x cancel", "X terminate", "Esc close"] {
            #expect(wide.contains(key), "\(key): \(wide)")
        }
    }

    @Test("x: the cancel dialog is drawn over the Sessions view, not over the panes")
    func dialogOverSessions() {
        for (width, height) in [(120, 40), (80, 24)] {
            let buffer = DashboardRenderer.render(SessionsScenarios.cancelDialog(width: width, height: height))
            let text = (0..<height).map(buffer.rowText).joined(separator: "\n")
            #expect(text.contains("Sessions · postgres") && text.contains("Confirm cancel the query"), "\(text)")
            #expect(!text.contains("Services") && !text.contains("Latency"), "no pane under the dialog\n\(text)")
        }
    }

    @Test("read-only mode hides x and X")
    func readOnly() {
        var state = SessionsScenarios.blocking(width: 120, height: 40)
        state.readOnly = true
        let text = (0..<40).map(DashboardRenderer.render(state).rowText).joined(separator: "\n")
        #expect(!text.contains("x cancel the query"))
        _ = DashboardReducer.reduce(&state, .key(.down))
        _ = DashboardReducer.reduce(&state, .key(.character("X")))
        #expect(state.overlay == .sessions)
        #expect(state.notice?.contains("read-only") == true)
    }

    @Test("render time of 500 sessions at 200x60", .enabled(if: ProcessInfo.processInfo.environment["TOUCHLINE_BENCH"] == "1"))
    func renderTime() {
        let state = SessionsScenarios.many(width: 200, height: 60)
        var frames = 0
        var checksum = 0
        let start = Date()
        while Date().timeIntervalSince(start) < 2 {
            checksum &+= DashboardRenderer.render(state).styleSlot(x: 3, y: 3)
            frames += 1
        }
        let perFrame = Date().timeIntervalSince(start) / Double(frames)
        print(String(format: "render sessions-500 200x60: %.3f ms per frame over %d frames (checksum %d)", perFrame * 1000, frames, checksum))
    }
}
