import Foundation
import Testing
import TouchlineCore
@testable import TouchlineUI

@Suite("Renderer: invariants at every size, overlays, header, footer")
struct RenderTests {
    static let sizes = [(80, 24), (81, 25), (99, 30), (119, 39), (120, 40), (133, 41), (160, 50), (200, 60), (300, 90)]

    /// Every row covers exactly the width, and no wide grapheme is cut in half.
    static func checkInvariants(_ buffer: CellBuffer, _ label: String) {
        for y in 0..<buffer.height {
            #expect(DisplayWidth.of(buffer.rowText(y)) == buffer.width, "\(label) row \(y)")
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                if cell.width == 2 { #expect(x + 1 < buffer.width && buffer[x + 1, y].isContinuation, "\(label) (\(x),\(y))") }
                if cell.isContinuation { #expect(x > 0 && buffer[x - 1, y].width == 2, "\(label) (\(x),\(y))") }
            }
        }
    }

    @Test("every scenario renders at every size with rows exactly as wide as the screen")
    func invariants() {
        for (width, height) in Self.sizes {
            for (name, builder) in RenderSnapshotTests.scenarios {
                let buffer = DashboardRenderer.render(builder(width, height))
                #expect(buffer.width == width && buffer.height == height)
                Self.checkInvariants(buffer, "\(name) \(width)x\(height)")
            }
        }
    }

    @Test("a degraded poll waiting for failure_threshold: the row stays up and says so in its detail")
    func pendingThreshold() {
        var state = Scenarios.allUp(width: 120, height: 40)
        let sample = ProbeSample(probe: "auth", time: Scenarios.now, status: .degraded, latency: 0.9, error: "slow: 900 ms > 500ms")
        _ = DashboardReducer.reduce(&state, .sample(sample, generation: state.generation))
        let row = (0..<40).map(DashboardRenderer.render(state).rowText).first { $0.contains(" auth ") } ?? ""
        #expect(row.contains("✔ up"), "\(row)")
        #expect(row.contains("degraded 1 of 2 polls · slow:"), "\(row)")
    }

    @Test("rendering is a pure function of the state")
    func pure() {
        let state = Scenarios.redisDown(width: 120, height: 40)
        #expect(DashboardRenderer.render(state) == DashboardRenderer.render(state))
    }

    @Test("hostile content: no probes, huge names, CJK, emoji and newlines in errors, an empty window")
    func hostileContent() {
        var environments = Scenarios.environments()
        environments[0].probes = []
        var empty = DashboardState(environments: environments, environmentIndex: 0, theme: "default", themes: [],
                                   readOnly: false, now: Scenarios.now, width: 80, height: 24)
        var buffer = DashboardRenderer.render(empty)
        Self.checkInvariants(buffer, "no probes")
        #expect(buffer.text.contains("no probes configured for staging"))
        #expect(buffer.text.contains("no postgres probe in STAGING"))
        #expect(buffer.text.contains("no http probe in STAGING"))
        empty.width = 120
        empty.height = 40
        Self.checkInvariants(DashboardRenderer.render(empty), "no probes 120x40")

        environments[0].probes = [Scenarios.http("サービス名がとても長いサービス-🚀-" + String(repeating: "x", count: 80),
                                                 url: "https://x", interval: 2, warn: nil)]
        var state = DashboardState(environments: environments, environmentIndex: 0, theme: "default", themes: [],
                                   readOnly: true, now: Scenarios.now, width: 80, height: 24)
        let name = environments[0].probes[0].name
        _ = DashboardReducer.reduce(&state, .sample(ProbeSample(probe: name, time: Scenarios.now, status: .down, latency: nil,
                                                                error: "接続が拒否されました\nline two\twith tab 🔥🔥🔥 " + String(repeating: "y", count: 300)),
                                                    generation: 0))
        state.filter = "サービス"
        for (width, height) in Self.sizes {
            state.width = width
            state.height = height
            buffer = DashboardRenderer.render(state)
            Self.checkInvariants(buffer, "hostile \(width)x\(height)")
        }
    }

    @Test("too small: a centred message with the sizes")
    func tooSmall() {
        let buffer = DashboardRenderer.render(Scenarios.allUp(width: 60, height: 15))
        #expect(buffer.text.contains("terminal too small: need 80x24, have 60x15"))
        let narrow = DashboardRenderer.render(Scenarios.allUp(width: 20, height: 6))
        Self.checkInvariants(narrow, "20x6")
        #expect(narrow.text.contains("need 80x24,"))
        #expect(narrow.text.contains("20x6"))
        let nothing = DashboardRenderer.render(Scenarios.allUp(width: 0, height: 0))
        #expect(nothing.width == 0 && nothing.height == 0)
        Self.checkInvariants(DashboardRenderer.render(Scenarios.allUp(width: 1, height: 1)), "1x1")
    }

    @Test("help lists every action with its keys and summary, plus 1-9 and Esc")
    func help() {
        var state = Scenarios.help(width: 80, height: 24)
        state.bindings.bind(.quit, to: [.character("x"), .escape])
        let text = DashboardRenderer.render(state).text
        for action in KeyAction.allCases {
            #expect(text.contains(action.summary), "\(action)")
            #expect(action.summary.count <= 27, "\(action): too long for two columns at 80x24")
        }
        #expect(text.contains("x/Esc   quit"))
        #expect(text.contains("↑/k     select up / scroll back"))
        #expect(text.contains("1-9     jump to environment"))
        #expect(text.contains("Esc     close/cancel"))
    }

    @Test("the environment picker numbers, marks the current one, flags protected ones, highlights the selection")
    func picker() {
        let buffer = DashboardRenderer.render(Scenarios.picker(width: 120, height: 40))
        let rows = (0..<buffer.height).map(buffer.rowText)
        let staging = rows.first { $0.contains("1  STAGING") } ?? ""
        let production = rows.first { $0.contains("2  PRODUCTION") } ?? ""
        #expect(staging.contains("● current"))
        #expect(production.contains("protected"))
        #expect(rows.contains { $0.contains("3  DEV") })
        let productionRow = rows.firstIndex { $0.contains("2  PRODUCTION") } ?? 0
        let x = (0..<buffer.width).first { buffer[$0, productionRow].grapheme == "P" } ?? 0
        #expect(buffer[x, productionRow].role == .selection)
    }

    @Test("the header shows a protected environment in the production role, badges and the UTC clock")
    func header() {
        let buffer = DashboardRenderer.render(Scenarios.paused(width: 120, height: 40))
        let header = buffer.rowText(0)
        #expect(header.contains(" PRODUCTION "))
        #expect(header.contains("PAUSED"))
        #expect(header.contains("READ-ONLY"))
        #expect(header.contains("15:06:40 UTC"))
        #expect(header.contains("poll 2s"))
        #expect(buffer[1, 0].role == .envProduction)
        let staging = DashboardRenderer.render(Scenarios.allUp(width: 120, height: 40))
        #expect(staging[1, 0].role == .envStaging)
        #expect(staging.rowText(0).contains("✔ UP"))
        #expect(!staging.rowText(0).contains("PAUSED"))
    }

    @Test("the footer uses the configured key labels and shows the notice")
    func footer() {
        var state = Scenarios.allUp(width: 120, height: 40)
        state.bindings.bind(.quit, to: [.character("x")])
        state.bindings.bind(.help, to: [.character("h")])
        state.notice = "theme 'x' not found"
        let footer = DashboardRenderer.render(state).rowText(39)
        #expect(footer.contains("x quit"))
        #expect(footer.contains("h help"))
        #expect(footer.contains("theme 'x' not found"))
    }

    @Test("the focused pane's border uses borderFocused; zoom shows only the focused pane")
    func focusAndZoom() {
        var state = Scenarios.allUp(width: 120, height: 40)
        state.focus = .redis
        let layout = Layout(width: 120, height: 40, serviceRows: state.shownProbes.count)
        let buffer = DashboardRenderer.render(state)
        let redis = layout.rect(for: .redis), database = layout.rect(for: .database)
        #expect(buffer[redis.x, redis.y].role == .borderFocused)
        #expect(buffer[database.x, database.y].role == .border)
        state.zoomed = true
        let zoomed = DashboardRenderer.render(state)
        #expect(zoomed.rowText(1).contains("Redis"))
        #expect(!zoomed.text.contains("Database"))
        #expect(zoomed[0, 1].role == .borderFocused)
    }

    @Test("layouts: compact below 120x40, bands cover the body without overlapping")
    func layouts() {
        #expect(Layout(width: 80, height: 24, serviceRows: 5).isCompact)
        #expect(Layout(width: 120, height: 39, serviceRows: 5).isCompact)
        #expect(!Layout(width: 120, height: 40, serviceRows: 5).isCompact)
        for (width, height) in Self.sizes {
            for showOutput in [false, true] {
                let layout = Layout(width: width, height: height, serviceRows: 5, showOutput: showOutput)
                let shown = Pane.allCases.filter { $0 != (showOutput ? .latency : .output) }
                #expect(layout.rect(for: showOutput ? .latency : .output).isEmpty)
                var covered = 0
                for pane in shown {
                    let rect = layout.rect(for: pane)
                    #expect(!rect.isEmpty)
                    covered += rect.width * rect.height
                    for other in shown where other != pane {
                        #expect(rect.intersection(layout.rect(for: other)).isEmpty)
                    }
                }
                #expect(covered == width * (height - 2))
            }
            let zoomed = Layout(width: width, height: height, serviceRows: 5, zoomed: .events)
            #expect(zoomed.rect(for: .events) == zoomed.body)
            #expect(zoomed.rect(for: .services).isEmpty)
        }
    }

    @Test("services: stale rows are greyed, the selection follows focus, scrolling keeps it visible")
    func servicesRows() {
        let state = Scenarios.redisDown(width: 120, height: 40)
        let buffer = DashboardRenderer.render(state)
        let rows = (0..<buffer.height).map(buffer.rowText)
        let stale = rows.firstIndex { $0.contains("queue-worker") && $0.contains("stale") } ?? 0
        #expect(stale > 0)
        #expect(buffer[3, stale].role == .stale)
        let api = rows.firstIndex { $0.contains("✔ up") && $0.contains(" api ") } ?? 0
        #expect(buffer[3, api].role == .selection)
        var unfocused = state
        unfocused.focus = .events
        #expect(DashboardRenderer.render(unfocused)[3, api].role == .ok)

        var environments = Scenarios.environments()
        environments[0].probes += (1...4).map { Scenarios.http("extra-\($0)", url: "https://x/\($0)", interval: 2, warn: nil) }
        var scrolled = DashboardState(environments: environments, environmentIndex: 0, theme: "default", themes: [],
                                      readOnly: false, now: Scenarios.now, width: 80, height: 24)
        scrolled.selection[.services] = 8
        let text = DashboardRenderer.render(scrolled).text
        #expect(text.contains("extra-4"))
        #expect(!text.contains("✔ up       api"))
        #expect(text.contains("↑ 4 more"))
        scrolled.selection[.services] = 0
        #expect(DashboardRenderer.render(scrolled).text.contains("↓ 4 more"))
    }

    @Test("the database pane shows waiting locks and the long query in problem colours")
    func databaseProblems() {
        let buffer = DashboardRenderer.render(Scenarios.postgresLocks(width: 120, height: 40))
        let text = buffer.text
        #expect(text.contains("4 waiting on locks"))
        #expect(text.contains("12.4 s · pid 51877 · billing-worker"))
        #expect(text.contains("UPDATE accounts SET balance = balance"))
        let rows = (0..<buffer.height).map(buffer.rowText)
        let longest = rows.firstIndex { $0.contains("12.4 s") } ?? 0
        let x = (0..<buffer.width).first { buffer[$0, longest].grapheme == "1" && buffer[$0 + 1, longest].grapheme == "2" } ?? 0
        #expect(buffer[x, longest].role == .critical)
    }
}
