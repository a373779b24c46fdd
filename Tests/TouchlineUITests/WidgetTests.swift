import Testing
import TouchlineCore
@testable import TouchlineUI

@Suite("Widgets: sparkline, bar, line graph, text fitting, formats")
struct WidgetTests {
    @Test("sparkline levels scale from 0 to the largest value shown")
    func sparklineLevels() {
        #expect(Sparkline.render([0, 1, 2, 3, 4, 5, 6, 7], width: 8) == "▁▂▃▄▅▆▇█")
        #expect(Sparkline.render([0, 0], width: 5) == "▁▁")
        #expect(Sparkline.render([2, 4], width: 5, maximum: 8) == "▃▅")
        #expect(Sparkline.render([], width: 5) == "")
        #expect(Sparkline.render([1, 2], width: 0) == "")
    }

    @Test("sparkline failures are gaps, and only the newest values that fit are kept")
    func sparklineGapsAndWidth() {
        #expect(Sparkline.render([1, nil, 1], width: 3) == "█ █")
        #expect(Sparkline.render([nil, nil], width: 3) == "  ")
        #expect(Sparkline.render([100, 1, 2, 3, 4], width: 2) == "▆█")
    }

    @Test("sparkline draws right-aligned, newest at the right edge")
    func sparklineDraw() {
        var buffer = CellBuffer(width: 6, height: 1)
        Sparkline.draw([1, nil, 2], in: Rect(x: 1, y: 0, width: 4, height: 1), role: .graph, into: &buffer)
        #expect(buffer.rowText(0) == "  ▅ █ ")
        #expect(buffer.styleRow(0) == "..g.g.")
    }

    @Test("a stretch without polling is one dim ┊ column in the sparkline and a full-height one in the graph")
    func unpolledGap() {
        var buffer = CellBuffer(width: 5, height: 1)
        Sparkline.draw(points: [.latency(1), .gap, .failure, .latency(2)], in: Rect(x: 0, y: 0, width: 5, height: 1),
                       role: .graph, into: &buffer)
        #expect(buffer.rowText(0) == " ▅┊ █")
        #expect(buffer.styleRow(0) == ".gd.g")
        var graph = CellBuffer(width: 3, height: 2)
        LineGraph.draw(points: [.latency(2), .gap, .failure], in: graph.bounds, maximum: 2, role: .graph,
                       failureRole: .critical, into: &graph)
        #expect((0..<2).map(graph.rowText) == ["█┊ ", "█┊✖"])
    }

    @Test("bars fill with eighth-block resolution", arguments: [
        (0.5, 10, "█████", "░░░░░"),
        (0.0, 4, "", "░░░░"),
        (1.0, 4, "████", ""),
        (0.55, 10, "█████▌", "░░░░"),
        (0.001, 10, "▏", "░░░░░░░░░"),
        (0.999, 4, "███▉", ""),
        (1.7, 3, "███", ""),
        (-1.0, 3, "", "░░░"),
        (Double.nan, 3, "", "░░░"),
    ])
    func bar(fraction: Double, width: Int, filled: String, empty: String) {
        let parts = Bar.segments(fraction: fraction, width: width)
        #expect(parts.filled == filled)
        #expect(parts.empty == empty)
        #expect(DisplayWidth.of(parts.filled) + DisplayWidth.of(parts.empty) == width)
    }

    @Test("bar fill turns warn and critical near the limit")
    func barRoles() {
        #expect(Bar.fillRole(fraction: 0.5) == .barFill)
        #expect(Bar.fillRole(fraction: 0.85) == .warn)
        #expect(Bar.fillRole(fraction: 0.97) == .critical)
        let spans = Bar.spans(fraction: 0.5, width: 4, fillRole: .warn)
        #expect(spans == [Span("██", .warn), Span("░░", .barEmpty)])
    }

    @Test("line graph stacks eighth blocks over several rows and marks failures")
    func lineGraph() {
        let rows = LineGraph.rows([1, 0.5, nil, 0.25, 0.01], width: 6, height: 2, maximum: 1)
        #expect(rows == [" █    ", " ██✖▄▁"])
        #expect(LineGraph.rows([3], width: 2, height: 1, maximum: 1) == [" █"])
    }

    @Test("nice scale ceilings", arguments: [
        (0.194, 0.2), (0.204, 0.25), (0.3, 0.5), (0.7, 1.0), (1.0, 1.0), (0.0021, 0.0025), (12.0, 20.0), (0.0, 0.001),
    ])
    func niceCeiling(value: Double, expected: Double) {
        #expect(abs(LineGraph.niceCeiling(value) - expected) < 1e-12)
    }

    @Test("truncation adds an ellipsis and prefers word boundaries")
    func truncation() {
        #expect(TextFit.truncate("connection refused by peer", to: 15) == "connection…")
        #expect(TextFit.truncate("abcdefghij", to: 5) == "abcd…")
        #expect(TextFit.truncate("abc", to: 5) == "abc")
        #expect(TextFit.truncate("abc", to: 1) == "…")
        #expect(TextFit.truncate("abc", to: 0) == "")
        #expect(TextFit.truncate("日本語テキスト", to: 6) == "日本…")
        #expect(DisplayWidth.of(TextFit.truncate("日本語テキスト", to: 6)) <= 6)
        #expect(TextFit.singleLine("UPDATE a\n   SET b = 1\t WHERE c") == "UPDATE a SET b = 1 WHERE c")
        #expect(TextFit.pad("ab", to: 4, alignment: .right) == "  ab")
        let spans = TextFit.truncate([Span("hello ", .text), Span("world", .dim)], to: 8)
        #expect(spans.reduce(0) { $0 + $1.width } <= 8)
        #expect(spans.last?.text.hasSuffix("…") == true)
    }

    @Test("display widths: ASCII 1, CJK and emoji 2, box drawing and braille 1")
    func widths() {
        #expect(DisplayWidth.of("a") == 1)
        #expect(DisplayWidth.of("日") == 2)
        #expect(DisplayWidth.of("🔥") == 2)
        #expect(DisplayWidth.of("╭") == 1)
        #expect(DisplayWidth.of("⣿") == 1)
        #expect(DisplayWidth.of("✔") == 1)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("ｱ") == 1)
        #expect(DisplayWidth.of("Ａ") == 2)
        #expect(DisplayWidth.of("ok 日本") == 7)
    }

    @Test("formats carry units")
    func formats() {
        #expect(Format.clock(Scenarios.now) == "15:06:40")
        #expect(Format.age(0) == "0s")
        #expect(Format.age(59.9) == "59s")
        #expect(Format.age(61) == "1m")
        #expect(Format.age(7200) == "2h")
        #expect(Format.age(200_000) == "2d")
        #expect(Format.age(-3) == "0s")
        #expect(Format.uptime(356_521) == "4d 3h")
        #expect(Format.uptime(3725) == "1h 02m")
        #expect(Format.uptime(125) == "2m 05s")
        #expect(Format.duration(12.43) == "12.4 s")
        #expect(Format.duration(185) == "3m 05s")
        #expect(Format.percent(0.9971) == "99.7%")
        #expect(Format.percent(1) == "100%")
        #expect(Format.percent(0) == "0%")
        // Short of whole is never 100 %, above none never 0 % (one failed check of thousands stays visible).
        #expect(Format.percent(0.99996, digits: 2) == "99.99%" && Format.percent(0.9996) == "99.9%")
        #expect(Format.percent(0.0004) == "<0.1%" && Format.percent(0.000_04, digits: 2) == "<0.01%")
        #expect(Format.percent(0.004, digits: 0) == "<1%" && Format.percent(0.996, digits: 0) == "99%")
        #expect(Format.percent(0.0005) == "0.1%" && Format.percent(0.99949) == "99.9%")
        #expect(Format.count(980) == "980")
        #expect(Format.count(12_345) == "12.3k")
        #expect(Format.rate(0.44) == "0.4")
        #expect(Format.rate(184.6) == "185")
        #expect(Format.latency(nil) == "—")
    }

    @Test("metric fields wrap between fields, or drop the ones that do not fit")
    func metricFields() {
        let fields = [Field("3", .text, unit: "active"), Field("36", .text, unit: "idle"), Field("2", .warn, unit: "idle in tx")]
        var buffer = CellBuffer(width: 20, height: 3)
        let next = MetricList.drawFields(fields, in: buffer.bounds, dimmed: false, into: &buffer)
        #expect(next == 2)
        #expect(buffer.rowText(0) == "3 active · 36 idle  ")
        #expect(buffer.rowText(1) == "2 idle in tx        ")
        var single = CellBuffer(width: 20, height: 3)
        _ = MetricList.drawFields(fields, in: single.bounds, wraps: false, dimmed: false, into: &single)
        #expect(single.rowText(1).trimmingCharacters(in: .whitespaces).isEmpty)
    }

    @Test("priority rows drop the least important items first")
    func priorityRow() {
        let items = [PriorityRow.Item([Span("aaaa", .text)], priority: 0), PriorityRow.Item([Span("bbbb", .text)], priority: 2),
                     PriorityRow.Item([Span("cccc", .text)], priority: 1)]
        #expect(PriorityRow.fit(items, width: 14, gap: 1).map { $0.spans[0].text } == ["aaaa", "bbbb", "cccc"])
        #expect(PriorityRow.fit(items, width: 10, gap: 1).map { $0.spans[0].text } == ["aaaa", "cccc"])
        #expect(PriorityRow.fit(items, width: 3, gap: 1).isEmpty)
        let dot = Span(" · ", .dim)
        #expect(PriorityRow.joined(items, width: 20, separator: dot).map(\.text) == ["aaaa", " · ", "bbbb", " · ", "cccc"])
        #expect(PriorityRow.joined(items, width: 14, separator: dot).map(\.text) == ["aaaa", " · ", "cccc"], "whole items dropped")
        #expect(PriorityRow.joined(items, width: 3, separator: dot).map(\.text) == ["aa…"], "the most important one cut with …")
        #expect(PriorityRow.joined(items, width: 0, separator: dot).isEmpty)
    }
}

extension WidgetTests {
    @Test("the latency table never lets two values touch: a column whose value needs 8 cells (≥56.7 ms) takes 9")
    func latencyColumnsKeepAGap() {
        // 80x24's pane leaves 36 cells: four columns of 8, or 8, 8, 8 and 9 when avg reads `≥56.7 ms`.
        let narrow = LatencyStatsTable.columns(fitting: 36, widths: [.p50: 6, .p95: 6, .average: 8, .errors: 6])
        #expect(narrow.map(\.column) == [.p50, .p95, .average, .errors])
        #expect(narrow.first { $0.column == .average }?.width == 9)
        // One cell less: the widened avg no longer fits and is left out whole.
        #expect(LatencyStatsTable.columns(fitting: 35, widths: [.average: 8]).map(\.column) == [.p50, .p95, .errors])
        for width in [30, 36, 54, 60, 80] {
            let kept = LatencyStatsTable.columns(fitting: width, widths: [.average: 8, .p99: 8, .errors: 6])
            #expect(kept.reduce(3) { $0 + $1.width } <= width, "\(width)")
            for column in kept { #expect(column.width >= (column.column == .average || column.column == .p99 ? 9 : 8)) }
        }
        #expect(LatencyStatsTable.columns(fitting: 36) == [.p50, .p95, .average, .errors])
    }
}

extension WidgetTests {
    @Test("a footer notice with a path keeps the file's name: the leading folders go first")
    func noticeKeepsFileName() {
        let path = "/var/lib/touchline/state/staging/snapshots/snapshot_staging_20261130_112405.md"
        for (width, height) in [(120, 40), (80, 24)] {
            var state = Scenarios.allUp(width: width, height: height)
            state.notice = "snapshot written: " + path
            let footer = DashboardRenderer.render(state).rowText(height - 1)
            #expect(footer.contains("snapshot written: " + (width == 120 ? path : "…/snapshot_staging_20261130_112405.md")),
                    "\(width)x\(height): \(footer)")
        }
        #expect(NoticeFit.fit("snapshot written: " + path, to: 200) == "snapshot written: " + path)
        #expect(NoticeFit.fit("snapshot written: " + path, to: 66) == "snapshot written: …/snapshots/snapshot_staging_20261130_112405.md")
        #expect(NoticeFit.fit("snapshot written: " + path, to: 56) == "snapshot written: …/snapshot_staging_20261130_112405.md")
        #expect(NoticeFit.fit("no path in this notice at all, only words", to: 20) == "no path in this…")
    }
}

extension WidgetTests {
    @Test("a cut never leaves a label without its value: `alert firing: DataColl…`, not `alert firing:…`")
    func truncateKeepsLabelValue() {
        #expect(TextFit.truncate("alert firing: DataCollectionSuccessLow [critical]", to: 25) == "alert firing: DataCollec…")
        #expect(TextFit.truncate("queue-worker down: connection refused", to: 25) == "queue-worker down: conne…")
        // Elsewhere the cut still falls between words.
        #expect(TextFit.truncate("api up again after 6 s down", to: 20) == "api up again after…")
    }
}

extension WidgetTests {
    @Test("a running action's progress keeps its number and unit at 80x24 (`10 B written, 1.5 s`, not `1.5…`)")
    func runningProgressWhole() {
        var state = Scenarios.allUp(width: 80, height: 24)
        state.runningAction = RunningAction(action: "backup", progress: "dumping: 10 B written, 1.5 s")
        let footer = DashboardRenderer.render(state).rowText(23)
        #expect(footer.contains("⟳ backup: dumping: 10 B written, 1.5 s"), "\(footer)")
        #expect(footer.contains("c cancel action"), "\(footer)")
    }
}

extension WidgetTests {
    @Test("a pane's tag outranks its title's extra words: the 80x24 Output pane says done / failed / running")
    func outputStatusShown() {
        var buffer = CellBuffer(width: 40, height: 6)
        _ = PaneFrame.draw(.output, in: Rect(x: 0, y: 0, width: 40, height: 6), focused: false,
                           titleExtra: [Span(" · restart redis · staging", .dim)], tag: [Span("✔ done", .ok)], into: &buffer)
        let top = buffer.rowText(0)
        #expect(top.contains("✔ done") && top.contains("Output · restart…") && !top.contains("·…"), "\(top)")
        #expect(TextFit.truncate("backup · staging", to: 12) == "backup…")
    }
}

extension WidgetTests {
    @Test("a cut never leaves a number without its unit or cut short: `ok by root@vm in…`, not `in 149…`")
    func truncateKeepsNumberWithUnit() {
        #expect(TextFit.truncate("staging: restart redis ok by root@vm in 149 ms", to: 44) == "staging: restart redis ok by root@vm in…")
        #expect(TextFit.truncate("dumping: 10 B written, 1.5 s", to: 27) == "dumping: 10 B written,…")
        #expect(!TextFit.truncate("rows 123456789 counted", to: 12).contains("1234"))
        #expect(TextFit.truncate("api 12.0 ms", to: 20) == "api 12.0 ms")
        // A whole number before a separator stays.
        #expect(TextFit.truncate("conns 40/100 · active 3 · cache 99.4%", to: 27) == "conns 40/100 · active 3…")
    }
}

extension WidgetTests {
    @Test("a dialog's footer: y/n and Tab between its buttons; a typed-name dialog has no buttons, so no Tab")
    func dialogFooterTab() {
        for typed in [false, true] {
            var state = Scenarios.allUp(width: 120, height: 40)
            state.overlay = .confirm(ActionRequest(purpose: .unlock, action: "unlock", environment: "staging", requiresTypedName: typed,
                                                   commands: [], effect: "turns actions on"))
            let footer = DashboardRenderer.render(state).rowText(39)
            #expect(footer.contains("Tab switch button") == !typed, "\(footer)")
            #expect(footer.contains(typed ? "type staging then Enter confirms" : "y confirm"), "\(footer)")
        }
    }
}

extension WidgetTests {
    @Test("the help box at 120x40 is as wide as its coordination line needs (up to the screen): the store is named")
    func helpShowsCoordinationWhole() {
        var state = Scenarios.allUp(width: 120, height: 40)
        state.environments[state.environmentIndex].coordination = CoordinationConfig(dsn: "host=db", require: false)
        state.coordination.connected = true
        state.coordination.status = "connected to host=127.0.0.1 port=21501 dbname=touchline_coordination user=football_staging_user"
        state.overlay = .help
        let text = (0..<40).map(DashboardRenderer.render(state).rowText).joined(separator: "\n")
        #expect(text.contains("port=21501 dbname=touchline_coordination"), "as wide as the screen allows\n\(text)")
    }
}
