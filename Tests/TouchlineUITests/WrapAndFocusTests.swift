import Foundation
import Testing
import TouchlineCore
@testable import TouchlineUI

/// Long lines wrap in the Output pane and the zoomed Events pane; labels never run together; only
/// visible panes take focus; a zoomed Output pane after Home fills its rows.
@Suite("Wrapped Output and Events, the latency axis labels, focus on visible panes only")
struct WrapAndFocusTests {
    static let reportPath = "/work/main/.touchline/staging/rehearsals/rehearsal_20261130_012341/report.md"
    static let backupPath = "/work/main/backups/staging/football_prediction_staging_20261130_012341.sql.gz"

    /// A finished backup with 40 output lines, the last one the long path, Output focused.
    static func longOutput(width: Int, height: Int) -> DashboardState {
        var state = Scenarios.allUp(width: width, height: height)
        state.actionOutput = ActionOutput(title: "backup · staging", commands: [DialogScenarios.backup])
        state.actionOutput?.append((1...38).map { "pg_dump: dumping contents of table public.table_\($0)" })
        state.actionOutput?.append(["✔ backup written and verified: \(backupPath) (73.5 KiB, 3 tables / 8040 rows)"])
        state.actionOutput?.succeeded = true
        state.focus = .output
        return state
    }

    @Test("the Output pane wraps a long path instead of cutting it, at every size")
    func outputWraps() {
        for (width, height) in [(80, 24), (120, 40), (200, 60)] {
            let state = Self.longOutput(width: width, height: height)
            let buffer = DashboardRenderer.render(state)
            let rect = Layout(width: width, height: height, serviceRows: state.shownProbes.count, showOutput: true).rect(for: .output).inset(by: 1)
            #expect(Self.text(buffer, in: rect).contains(Self.backupPath), "\(width)x\(height)")
        }
        SnapshotAssertion.assertMatches(DashboardRenderer.render(Self.longOutput(width: 80, height: 24)), named: "output-wrapped-80x24")
    }

    @Test("zoomed Output after Home fills every row from the oldest line, the newer ones counted below")
    func zoomedHomeFills() {
        var state = Self.longOutput(width: 120, height: 40)
        _ = DashboardReducer.reduce(&state, .key(.enter))
        #expect(state.zoomed)
        _ = DashboardReducer.reduce(&state, .key(.home))
        let buffer = DashboardRenderer.render(state)
        let rows = (2..<buffer.height - 2).map(buffer.rowText)
        #expect(rows.allSatisfy { $0.dropFirst(2).first { $0 != " " } != nil && !$0.dropFirst(2).hasPrefix("  ") },
                "every row inside the zoomed pane has text")
        #expect(buffer.rowText(2).contains("$ pg_dump"), "Home starts at the command line")
        #expect(buffer.rowText(buffer.height - 2).contains("newer"))
        SnapshotAssertion.assertMatches(buffer, named: "output-zoomed-home-120x40")
    }

    @Test("with the Output pane shown, Tab and Shift-Tab never land on the hidden API latency pane")
    func tabSkipsHidden() {
        var state = Self.longOutput(width: 120, height: 40)
        var seen: [Pane] = []
        for _ in 0..<12 {
            _ = DashboardReducer.reduce(&state, .key(.tab))
            seen.append(state.focus)
        }
        for _ in 0..<12 {
            _ = DashboardReducer.reduce(&state, .key(.backTab))
            seen.append(state.focus)
        }
        #expect(!seen.contains(.latency))
        #expect(Set(seen) == [.services, .database, .redis, .output, .events])
        _ = DashboardReducer.reduce(&state, .key(.character("o")))
        var hidden: [Pane] = []
        for _ in 0..<12 {
            _ = DashboardReducer.reduce(&state, .key(.tab))
            hidden.append(state.focus)
        }
        #expect(Set(hidden) == [.services, .database, .redis, .latency, .events], "Output hidden: latency is back")
    }

    @Test("an action ending while focus would return to a hidden pane gives it to Services")
    func returnFocusVisible() {
        var state = Scenarios.allUp(width: 120, height: 40)
        state.focus = .latency
        state.actions.entries["staging", default: .init()].backup = ActionSpec(
            kind: .backup, environment: "staging", commands: [["pg_dump"]], lines: ["pg_dump …"], consequence: "", confirmation: .yesNo)
        _ = DashboardReducer.reduce(&state, .key(.character("b")))
        _ = DashboardReducer.reduce(&state, .key(.character("y")))
        #expect(state.focus == .output)
        _ = DashboardReducer.reduce(&state, .actionFinished(action: "backup", ok: true, message: "done"))
        #expect(state.visiblePanes.contains(state.focus))
    }

    @Test("zoomed Events wrap a rehearsal's report path; unzoomed they stay one line each")
    func eventsWrap() {
        var state = Scenarios.allUp(width: 80, height: 24)
        state.events.insert(TimelineEvent(time: Scenarios.now, probe: nil, status: .up,
                                          message: "rehearsal done: passed in 1m 12s, report: \(Self.reportPath)"), at: 0)
        state.focus = .events
        state.zoomed = true
        let buffer = DashboardRenderer.render(state)
        #expect(Self.text(buffer, in: Rect(x: 2, y: 2, width: 76, height: 20)).contains(Self.reportPath))
        SnapshotAssertion.assertMatches(buffer, named: "events-zoomed-wrapped-80x24")
        state.zoomed = false
        let small = DashboardRenderer.render(state)
        #expect((0..<small.height).map(small.rowText).contains { $0.contains("rehearsal done") && $0.contains("…") })
    }

    @Test("the latency axis: `◂ … ago` and `now` always have a blank between them, at any history length")
    func axisLabels() {
        for seconds in stride(from: 2, through: 300, by: 1) {
            var state = Scenarios.base(width: 200, height: 60)
            Scenarios.feed(&state, history: seconds)
            let buffer = DashboardRenderer.render(state)
            for row in (0..<buffer.height).map(buffer.rowText) where row.contains("◂") {
                #expect(!row.contains("agonow"), "history \(seconds)s: \(row)")
            }
        }
    }

    /// The characters inside `rect` of `buffer`, row by row, whitespace removed.
    static func text(_ buffer: CellBuffer, in rect: Rect) -> String {
        var text = ""
        for y in rect.y..<rect.maxY {
            for x in rect.x..<rect.maxX { text += buffer.grapheme(x: x, y: y) }
        }
        return text.filter { !$0.isWhitespace }
    }
}

extension WrapAndFocusTests {
    @Test("Events tag only another environment's events: at 80x24 the shown one's say what happened")
    func eventsTagOnlyOtherEnvironments() {
        for (width, height) in [(80, 24), (120, 40)] {
            var state = Scenarios.allUp(width: width, height: height)
            _ = DashboardReducer.reduce(&state, .sample(ProbeSample(probe: "api", time: state.now, status: .down, latency: nil,
                                                                    error: "connection refused"), generation: state.generation))
            _ = DashboardReducer.reduce(&state, .key(.character("2")))
            let shown = state.environment.name
            let name = state.probes[0].config.name
            _ = DashboardReducer.reduce(&state, .sample(ProbeSample(probe: name, time: state.now, status: .down, latency: nil,
                                                                    error: "timeout"), generation: state.generation))
            let buffer = DashboardRenderer.render(state)
            let text = (0..<height).map(buffer.rowText).joined(separator: "\n")
            #expect(text.contains("✖ \(name) down: timeout"), "\(width)x\(height): the shown environment's event untagged\n\(text)")
            #expect(!text.contains("[\(shown)]"), "\(width)x\(height)\n\(text)")
            #expect(text.contains("[staging] api down"), "\(width)x\(height): the other environment's event tagged\n\(text)")
        }
    }
}
