import Foundation
import Testing
@testable import TouchlineCore

/// The Logs view at the reducer: config, levels, the ring, scrolling, search, the level filter, open and close.
@Suite("Logs view, pure")
struct LogViewTests {
    static let start = Date(timeIntervalSince1970: 1_750_000_000)

    static let configText = """
        [environments.staging]
        [[environments.staging.probes]]
        name = "api"
        kind = "tcp"
        address = "127.0.0.1:8001"
        [[environments.staging.probes]]
        name = "redis"
        kind = "tcp"
        address = "127.0.0.1:6380"
        [environments.staging.logs.api]
        command = ["scripts/stack", "logs", "--follow", "api"]
        [environments.staging.logs.db]
        file = "logs/postgres.log"
        """

    static func state() throws -> DashboardState {
        let config = try ConfigLoader.parse(configText, file: "/etc/touchline/config.toml", baseDirectory: "/etc/touchline", environment: [:])
        return DashboardState(environments: config.environments, environmentIndex: 0, theme: "default", themes: [],
                              readOnly: false, now: start, width: 120, height: 40)
    }

    static func lines(_ count: Int, from first: Int = 0) -> [LogLine] {
        (first..<first + count).map { LogLine("line \($0)" + ($0 % 10 == 0 ? " ERROR boom" : $0 % 5 == 0 ? " WARN slow" : "")) }
    }

    @Test("logs tables: a command argv or a file made absolute from the config's folder; both, neither or extra keys are errors")
    func config() throws {
        let state = try Self.state()
        let logs = state.environment.actions.logs
        #expect(logs["api"]?.source == .command(["scripts/stack", "logs", "--follow", "api"]))
        #expect(logs["api"]?.workingDirectory == "/etc/touchline")
        #expect(logs["db"]?.source == .file("/etc/touchline/logs/postgres.log"))
        for (table, message) in [("command = [\"a\"]\nfile = \"x\"", "not both"), ("", "missing 'command'"),
                                 ("command = []", "must name a program"), ("file = \"x\"\nlines = 3", "lines")] {
            let text = Self.configText + "\n[environments.staging.logs.bad]\n" + table
            #expect(throws: ConfigError.self) { _ = try ConfigLoader.parse(text, file: "c.toml", baseDirectory: "/tmp", environment: [:]) }
            do {
                _ = try ConfigLoader.parse(text, file: "c.toml", baseDirectory: "/tmp", environment: [:])
            } catch {
                #expect("\(error)".contains(message), "\(error)")
                #expect("\(error)".contains("logs.bad"), "\(error)")
            }
        }
    }

    @Test("levels from the usual markers: ERROR, WARN, level=error, JSON level, PostgreSQL FATAL, uvicorn WARNING:")
    func levels() {
        let cases: [(String, LogLevel)] = [
            ("2026-01-01 ERROR could not connect", .error), ("[WARN] slow query", .warn),
            ("ts=1 level=error msg=\"db down\"", .error), ("ts=1 level=warn msg=x", .warn), ("ts=1 level=info msg=ERROR-ish", .other),
            (#"{"time":"1","level":"error","msg":"x"}"#, .error), (#"{"level": "WARNING", "msg": "y"}"#, .warn),
            (#"{"severity":"info","msg":"an ERROR in text"}"#, .other), ("FATAL:  password authentication failed", .error),
            ("WARNING:  there is no transaction in progress", .warn), ("INFO:     127.0.0.1 - \"GET /health\" 200", .other),
            ("an error in lower case is prose", .other), ("ERRORS counted: 0", .other), ("TERROR", .other),
        ]
        for (line, level) in cases { #expect(LogLevel.classify(line) == level, "\(line)") }
    }

    @Test("text: escape sequences gone, control and invalid bytes shown as �, tabs as spaces, a long line cut and saying so")
    func text() {
        #expect(LogText.line("\u{1B}[31mred\u{1B}[0m done\r").text == "red done")
        #expect(LogText.line("a\tb").text == "a    b")
        let binary: [UInt8] = [0x41, 0x00, 0xFF, 0x07, 0x42]
        #expect(binary.withUnsafeBufferPointer { LogText.line($0) }.text == "A\u{FFFD}\u{FFFD}\u{FFFD}B")
        let long = String(repeating: "x", count: 1 << 20)
        let cut = LogText.line(long)
        #expect(cut.text.hasPrefix(String(repeating: "x", count: LogText.lineLimit)))
        #expect(cut.text.hasSuffix("… [cut \((1 << 20) - LogText.lineLimit) bytes]"))
    }

    @Test("the ring keeps the newest 10,000 lines within 8 MiB; sequence numbers survive eviction")
    func ring() {
        var ring = LogRing()
        ring.append(contentsOf: Self.lines(25_000))
        #expect(ring.count == LogRing.lineLimit)
        #expect(ring.total == 25_000)
        #expect(ring.firstSequence == 15_000)
        #expect(ring[sequence: 15_000]?.text == "line 15000 ERROR boom")
        #expect(ring[sequence: 14_999] == nil)
        #expect(ring[sequence: 24_999]?.text == "line 24999")
        var big = LogRing()
        let line = LogLine(String(repeating: "y", count: 4096))
        for _ in 0..<5000 { big.append(line) }
        #expect(big.bytes <= LogRing.byteLimit)
        #expect(big.count == LogRing.byteLimit / 4096)
    }

    @Test("l opens the selected service's log (effect with a new stream); a service without a table says which to add")
    func openAndClose() throws {
        var state = try Self.state()
        let effects = DashboardReducer.reduce(&state, .key(.character("l")))
        #expect(state.overlay == .logs)
        #expect(state.logView?.service == "api")
        #expect(effects == [.openLogs(try #require(state.environment.actions.logs["api"]), stream: 1)])
        _ = DashboardReducer.reduce(&state, .logLines(LogBatch(stream: 1, lines: Self.lines(30), dropped: 7, cut: 2)))
        _ = DashboardReducer.reduce(&state, .logLines(LogBatch(stream: 99, lines: Self.lines(5))))
        #expect(state.logView?.ring.count == 30, "a batch of another stream is ignored")
        #expect(state.logView?.dropped == 7)
        #expect(state.logView?.cut == 2)
        #expect(DashboardReducer.reduce(&state, .key(.escape)) == [.closeLogs])
        #expect(state.overlay == nil)
        #expect(state.logView == nil)
        _ = DashboardReducer.reduce(&state, .key(.down))
        _ = DashboardReducer.reduce(&state, .key(.character("l")))
        #expect(state.overlay == nil)
        #expect(state.notice == "no log configured for redis: add [environments.staging.logs.redis] with command or file")
    }

    @Test("scrolling back keeps the place while lines arrive; End follows again; Home shows the oldest page")
    func scrolling() throws {
        var state = try Self.state()
        _ = DashboardReducer.reduce(&state, .key(.character("l")))
        _ = DashboardReducer.reduce(&state, .logLines(LogBatch(stream: 1, lines: Self.lines(100))))
        #expect(state.logView?.following == true)
        _ = DashboardReducer.reduce(&state, .key(.up))
        _ = DashboardReducer.reduce(&state, .key(.up))
        #expect(state.logView?.bottomShown == 97)
        _ = DashboardReducer.reduce(&state, .logLines(LogBatch(stream: 1, lines: Self.lines(50, from: 100))))
        #expect(state.logView?.bottomShown == 97, "new lines do not move a reader who scrolled back")
        _ = DashboardReducer.reduce(&state, .key(.pageDown))
        #expect(state.logView?.bottomShown == 97 + state.height - 4)
        _ = DashboardReducer.reduce(&state, .key(.pageDown))
        #expect(state.logView?.following == true, "paging past the newest line follows again")
        _ = DashboardReducer.reduce(&state, .key(.home))
        let page = state.height - 4
        #expect(state.logView?.bottomShown == page - 1)
        _ = DashboardReducer.reduce(&state, .key(.pageUp))
        #expect(state.logView?.bottomShown == page - 1, "a page stays full at the top")
        _ = DashboardReducer.reduce(&state, .key(.end))
        #expect(state.logView?.following == true)
    }

    @Test("f cycles all → warn → error; / searches from the bottom, n older, N newer, Esc clears the search then closes")
    func filterAndSearch() throws {
        var state = try Self.state()
        _ = DashboardReducer.reduce(&state, .key(.character("l")))
        _ = DashboardReducer.reduce(&state, .logLines(LogBatch(stream: 1, lines: Self.lines(100))))
        _ = DashboardReducer.reduce(&state, .key(.character("f")))
        #expect(state.logView?.level == .warn)
        #expect(state.logView?.newestShown == 95)
        _ = DashboardReducer.reduce(&state, .key(.character("f")))
        #expect(state.logView?.level == .error)
        #expect(state.logView?.newestShown == 90)
        _ = DashboardReducer.reduce(&state, .key(.character("f")))
        #expect(state.logView?.level == .all)
        for key in [KeyPress.character("/")] + "line 4".map({ KeyPress.character($0) }) + [.enter] {
            _ = DashboardReducer.reduce(&state, .key(key))
        }
        #expect(state.logView?.search == "line 4")
        #expect(state.logView?.match == 49, "the newest match at or above the bottom")
        _ = DashboardReducer.reduce(&state, .key(.character("n")))
        #expect(state.logView?.match == 48)
        _ = DashboardReducer.reduce(&state, .key(.character("N")))
        #expect(state.logView?.match == 49)
        _ = DashboardReducer.reduce(&state, .key(.character("N")))
        #expect(state.notice == "no newer line matches 'line 4'")
        #expect(DashboardReducer.reduce(&state, .key(.escape)).isEmpty)
        #expect(state.logView?.search == "")
        #expect(state.overlay == .logs)
        for key in [KeyPress.character("/")] + "NOPE".map({ KeyPress.character($0) }) + [.enter] {
            _ = DashboardReducer.reduce(&state, .key(key))
        }
        #expect(state.notice == "no line matches 'NOPE'")
        _ = DashboardReducer.reduce(&state, .key(.character("w")))
        #expect(state.logView?.wrap == false)
        #expect(DashboardReducer.reduce(&state, .key(.character("q"))) == [.closeLogs], "q closes the view, not touchline")
    }
}
