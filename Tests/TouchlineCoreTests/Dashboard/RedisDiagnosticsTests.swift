import Foundation
import Testing
@testable import TouchlineCore

/// The Redis diagnostics' parsers (CLIENT LIST, INFO keyspace), the slow log's own-command filter and cut,
/// the lines of each section, the JSON, and the view's keys at the reducer.
@Suite("Redis diagnostics (Core)")
struct RedisDiagnosticsTests {
    static let now = Date(timeIntervalSince1970: 1_750_000_000)

    /// CLIENT LIST as Redis 7.0 writes it: a worker blocked in BLPOP, an idle api client with 2 MiB of replies
    /// queued, touchline's probe, the connection asking.
    static let clientList = """
        id=5 addr=10.0.0.7:40312 laddr=10.0.0.2:6379 fd=9 name=worker age=600 idle=45 flags=b db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=0 qbuf-free=0 argv-mem=12 multi-mem=0 rbs=1024 rbp=0 obl=0 oll=0 omem=0 tot-mem=2000 events=r cmd=blpop user=default redir=-1 resp=2
        id=6 addr=10.0.0.8:40400 laddr=10.0.0.2:6379 fd=10 name=api age=900 idle=300 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=1024 rbp=0 obl=16384 oll=12 omem=2097152 tot-mem=2200000 events=rw cmd=lrange user=default redir=-1 resp=2
        id=7 addr=10.0.0.8:40401 laddr=10.0.0.2:6379 fd=11 name=api age=900 idle=2 flags=N db=1 sub=0 psub=0 ssub=0 multi=-1 qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=1024 rbp=0 obl=0 oll=0 omem=0 tot-mem=1800 events=r cmd=get user=default redir=-1 resp=2
        id=8 addr=[::1]:50000 laddr=[::1]:6379 fd=12 name=touchline-probe-4242 age=30 idle=1 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=1024 rbp=0 obl=0 oll=0 omem=0 tot-mem=1800 events=r cmd=info user=default redir=-1 resp=2
        id=9 addr=127.0.0.1:50001 laddr=127.0.0.1:6379 fd=13 name= age=0 idle=0 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=26 qbuf-free=20448 argv-mem=10 multi-mem=0 rbs=1024 rbp=0 obl=0 oll=0 omem=0 tot-mem=22298 events=r cmd=client|list user=default redir=-1 resp=2

        """

    static func diagnostics(slowlog: RedisDiagnosticSection<[RedisSlowlogEntry]>? = nil,
                            latency: RedisDiagnosticSection<[RedisLatencyEvent]> = .value([])) -> RedisDiagnostics {
        var diagnostics = RedisDiagnostics(
            probe: "redis", address: "cache:6379", takenAt: now,
            slowlog: slowlog ?? .value([
                RedisSlowlogEntry(id: 41, time: 1_749_999_880, durationMicroseconds: 152_300,
                                  arguments: ["KEYS", "prediction:*"], clientAddress: "10.0.0.8:40400", clientName: "api"),
                RedisSlowlogEntry(id: 40, time: 1_749_999_000, durationMicroseconds: 12_000,
                                  arguments: ["SET", "blob", String(repeating: "x", count: 200)], clientAddress: "10.0.0.9:1234"),
            ]),
            latency: latency, clients: .value(RedisClientSummary(clients: RedisClient.parse(list: clientList))),
            memoryDoctor: .value("Sam, I detected a few issues in this Redis instance memory implants:\n\n * High fragmentation."),
            latencyDoctor: .refused("LATENCY DOCTOR refused for user monitor: no permission to run 'latency|doctor' (ACL; grant it with ACL SETUSER … +latency|doctor)"),
            keyspace: .value(RedisKeyspaceDatabase.parse(info: "# Keyspace\r\ndb0:keys=1204,expires=180,avg_ttl=1523000\r\ndb3:keys=7,expires=0,avg_ttl=0\r\n")))
        diagnostics.slowlogOwnLeftOut = 3
        diagnostics.settings = ["slowlog-log-slower-than": "10000", "slowlog-max-len": "128", "latency-monitor-threshold": "0"]
        return diagnostics
    }

    @Test("CLIENT LIST: every field the summary uses, IPv6 hosts, blocked (flag b), output bytes obl + omem")
    func clientList() throws {
        let clients = RedisClient.parse(list: Self.clientList)
        #expect(clients.map(\.id) == [5, 6, 7, 8, 9])
        let api = clients[1]
        #expect(api.name == "api" && api.address == "10.0.0.8:40400" && api.host == "10.0.0.8" && api.idle == 300 && api.age == 900)
        #expect(api.outputBufferLength == 16384 && api.outputListLength == 12 && api.outputMemory == 2_097_152 && api.command == "lrange")
        #expect(clients[3].host == "::1" && clients[3].isTouchline)
        #expect(clients[0].blocked && !api.blocked)
        #expect(clients[4].name.isEmpty && clients[4].command == "client|list")
        let summary = RedisClientSummary(clients: clients)
        #expect(summary.total == 5)
        #expect(summary.byName.map { "\($0.key)=\($0.count)" } == ["api=2", "=1", "touchline-probe-4242=1", "worker=1"])
        #expect(summary.byHost.first == RedisClientSummary.Group(key: "10.0.0.8", count: 2))
        #expect(summary.oldestIdle.map(\.id) == [6, 5, 7, 8, 9])
        #expect(summary.biggestOutput.map(\.id) == [6])
        #expect(summary.blocked.map(\.id) == [5])
    }

    @Test("INFO keyspace: one row per dbN line, sorted, other lines skipped")
    func keyspace() {
        let rows = RedisKeyspaceDatabase.parse(info: "# Keyspace\r\ndb10:keys=2,expires=1,avg_ttl=5000,subexpiry=0\r\ndb0:keys=51,expires=1,avg_ttl=96499\r\nused_memory:100\r\n")
        #expect(rows == [RedisKeyspaceDatabase(index: 0, keys: 51, expires: 1, averageTTLMilliseconds: 96499),
                         RedisKeyspaceDatabase(index: 10, keys: 2, expires: 1, averageTTLMilliseconds: 5000)])
    }

    @Test("the slow log leaves out touchline's own entries, by client name and by the reading connection's address")
    func ownEntries() {
        let entries = [
            RedisSlowlogEntry(id: 3, time: 0, durationMicroseconds: 1, arguments: ["INFO"], clientAddress: "127.0.0.1:5000", clientName: "touchline-probe-1"),
            RedisSlowlogEntry(id: 2, time: 0, durationMicroseconds: 1, arguments: ["CLIENT", "LIST"], clientAddress: "127.0.0.1:5001"),
            RedisSlowlogEntry(id: 1, time: 0, durationMicroseconds: 1, arguments: ["GET", "k"], clientAddress: "127.0.0.1:5002", clientName: "app"),
        ]
        let result = RedisDiagnostics.withoutOwn(entries, ownAddresses: ["127.0.0.1:5001"])
        #expect(result.kept.map(\.id) == [1])
        #expect(result.leftOut == 2)
    }

    @Test("a long argument is cut with …, line breaks shown as \\n, other control characters as \\xNN")
    func commandLine() {
        let entry = RedisSlowlogEntry(id: 1, time: 0, durationMicroseconds: 1, arguments: ["SET", "k", String(repeating: "v", count: 100), "a\nb"])
        #expect(entry.commandLine(argumentLimit: 10) == "SET k vvvvvvvvv… a\\nb")
        let escape = RedisSlowlogEntry(id: 2, time: 0, durationMicroseconds: 1, arguments: ["GET", "k\u{1b}[2J\tx"])
        #expect(escape.commandLine() == "GET k\\x1B[2J\\tx")
    }

    @Test("lines: every section titled in order; a refused command leaves only its line; the monitor off said so")
    func lines() {
        let lines = RedisDiagnosticsLines.lines(Self.diagnostics(), width: 160, now: Self.now)
        let headings = RedisDiagnosticsLines.headings(lines).map { lines[$0].text }
        #expect(headings.count == 6)
        for (heading, title) in zip(headings, RedisDiagnosticsLines.titles) { #expect(heading.hasPrefix(title), "\(heading)") }
        #expect(headings[0] == "Slow log · SLOWLOG GET 128 · 2 entries (3 of touchline's own left out)")
        let text = lines.map(\.text)
        #expect(text.contains("logs commands slower than 10.0 ms, keeps the last 128"))
        #expect(text.contains { $0.hasPrefix("41  15:04:40 (2m ago)") && $0.contains("152 ms") && $0.hasSuffix("KEYS prediction:*") }, "\(text)")
        #expect(text.contains { $0.contains("SET blob " + String(repeating: "x", count: 39) + "…") })
        #expect(text.contains { $0.hasPrefix("no spikes recorded: the monitor is off") })
        let doctor = lines.firstIndex { $0.text.hasPrefix("Latency doctor") }
        #expect(doctor != nil)
        #expect(doctor.map { lines[$0 + 1].kind } == .problem)
        #expect(doctor.map { lines[$0 + 1].text.hasPrefix("✖ LATENCY DOCTOR refused for user monitor") } == true)
        #expect(doctor.map { lines[$0 + 2].text } == "")
        #expect(text.contains("by name: api ×2, (no name) ×1, touchline-probe-4242 ×1, worker ×1"))
        #expect(text.contains { $0.hasPrefix("db0") && $0.contains("1204") && $0.contains("180") && $0.hasSuffix("25m 23s") })
        #expect(lines.allSatisfy { $0.text.count <= 160 })
        #expect(RedisDiagnosticsLines.lines(Self.diagnostics(), width: 80, now: Self.now).allSatisfy { $0.text.count <= 80 })
        // A note is a sentence: wrapped, never cut (`… turns…` at 120 columns hid how to turn the monitor on).
        for width in [80, 116] {
            let notes = RedisDiagnosticsLines.lines(Self.diagnostics(), width: width, now: Self.now).filter { $0.kind == .note }
            #expect(!notes.contains { $0.text.hasSuffix("…") }, "\(width): \(notes.map(\.text))")
            #expect(notes.map(\.text).joined(separator: " ").contains("CONFIG SET latency-monitor-threshold 100 turns it on)"))
        }
    }

    @Test("JSON: Redis's field names; a refused section is {error, refused}")
    func json() throws {
        let document = RedisDiagnosticsJSON.document(Self.diagnostics())
        guard case .object(let root) = document, case .object(let clients)? = root["clients"],
              case .array(let list)? = clients["list"], case .object(let first)? = list.first,
              case .object(let doctor)? = root["latency_doctor"], case .object(let keyspace)? = root["keyspace"],
              case .array(let databases)? = keyspace["databases"], case .object(let db0)? = databases.first else {
            Issue.record("unexpected shape: \(document)")
            return
        }
        #expect(first["addr"] == .string("10.0.0.7:40312") && first["tot-mem"] == .integer(2000) && first["flags"] == .string("b"))
        #expect(doctor["refused"] == .bool(true))
        #expect(db0 == ["db": .integer(0), "keys": .integer(1204), "expires": .integer(180), "avg_ttl": .integer(1_523_000)])
    }

    static func state(probes: [ProbeConfig]) -> DashboardState {
        let environment = EnvironmentConfig(name: "staging", label: "STAGING", interval: 2, protected: false,
                                            stateDirectory: "/tmp/touchline-test", probes: probes)
        return DashboardState(environments: [environment], environmentIndex: 0, theme: "default", themes: [], readOnly: false,
                              now: now, width: 120, height: 40)
    }

    static func redis(_ name: String) -> ProbeConfig {
        ProbeConfig(name: name, interval: 2, timeout: 1, latencyWarn: nil, target: .redis(address: HostPort(host: "cache", port: 6379), passwordEnv: nil))
    }

    static let api = ProbeConfig(name: "api", interval: 2, timeout: 1, latencyWarn: nil, target: .tcp(HostPort(host: "api", port: 80)))

    @Test("d opens the only redis probe's view and asks for a reading; with none or several unselected the footer says why")
    func open() {
        var state = Self.state(probes: [Self.api, Self.redis("redis")])
        #expect(DashboardReducer.reduce(&state, .key(.character("d"))) == [.readRedisDiagnostics(Self.redis("redis"))])
        guard case .redisDiagnostics(let panel) = state.overlay else { Issue.record("no view"); return }
        #expect(panel.loading && panel.probe.name == "redis")
        var none = Self.state(probes: [Self.api])
        #expect(DashboardReducer.reduce(&none, .key(.character("d"))).isEmpty)
        #expect(none.notice == "no redis probe in staging: Redis diagnostics need one")
        var several = Self.state(probes: [Self.api, Self.redis("cache"), Self.redis("sessions")])
        #expect(DashboardReducer.reduce(&several, .key(.character("d"))).isEmpty)
        #expect(several.notice == "2 redis probes in staging: select one on the Services pane, then d")
        _ = DashboardReducer.reduce(&several, .key(.down))
        _ = DashboardReducer.reduce(&several, .key(.down))
        #expect(DashboardReducer.reduce(&several, .key(.character("d"))) == [.readRedisDiagnostics(Self.redis("sessions"))])
    }

    @Test("inside the view: the reading arrives, ↓/End/Tab scroll, r reads again, Esc closes; a reading for a closed view is dropped")
    func keys() {
        var state = Self.state(probes: [Self.redis("redis")])
        state.height = 24
        _ = DashboardReducer.reduce(&state, .key(.character("d")))
        _ = DashboardReducer.reduce(&state, .redisDiagnosticsRead(probe: "redis", diagnostics: Self.diagnostics(), error: nil))
        func panel() -> RedisDiagnosticsPanel? {
            if case .redisDiagnostics(let panel) = state.overlay { return panel }
            return nil
        }
        #expect(panel()?.loading == false && panel()?.diagnostics != nil)
        _ = DashboardReducer.reduce(&state, .key(.down))
        #expect(panel()?.scroll == 1)
        _ = DashboardReducer.reduce(&state, .key(.tab))
        let lines = panel()?.lines(in: state) ?? []
        #expect(panel().map { lines[$0.scroll].text.hasPrefix("Latency · LATENCY LATEST") } == true)
        _ = DashboardReducer.reduce(&state, .key(.backTab))
        _ = DashboardReducer.reduce(&state, .key(.backTab))
        #expect(panel()?.scroll == 0)
        _ = DashboardReducer.reduce(&state, .key(.end))
        #expect(panel()?.scroll == lines.count - RedisDiagnosticsPanel.layout(width: 120, height: 24).bodyHeight)
        #expect(DashboardReducer.reduce(&state, .key(.character("r"))) == [.readRedisDiagnostics(Self.redis("redis"))])
        #expect(panel()?.loading == true && panel()?.diagnostics != nil)
        _ = DashboardReducer.reduce(&state, .key(.character("b")))
        #expect(panel() != nil && state.runningAction == nil)
        _ = DashboardReducer.reduce(&state, .key(.escape))
        #expect(state.overlay == nil)
        _ = DashboardReducer.reduce(&state, .redisDiagnosticsRead(probe: "redis", diagnostics: Self.diagnostics(), error: nil))
        #expect(state.overlay == nil)
    }

    @Test("a server that cannot be read: the view says so in one line, the footer too")
    func unreachable() {
        var state = Self.state(probes: [Self.redis("redis")])
        _ = DashboardReducer.reduce(&state, .key(.character("d")))
        _ = DashboardReducer.reduce(&state, .redisDiagnosticsRead(probe: "redis", diagnostics: nil, error: "connection refused (cache:6379)"))
        guard case .redisDiagnostics(let panel) = state.overlay else { Issue.record("closed"); return }
        #expect(panel.lines(in: state) == [RedisDiagnosticsLine(.problem, "✖ cannot read: connection refused (cache:6379)")],
                "the address once")
        #expect(state.notice == "Redis diagnostics of redis: connection refused (cache:6379)")
        _ = DashboardReducer.reduce(&state, .redisDiagnosticsRead(probe: "redis", diagnostics: nil, error: "NOAUTH Authentication required."))
        guard case .redisDiagnostics(let other) = state.overlay else { Issue.record("closed"); return }
        #expect(other.lines(in: state) == [RedisDiagnosticsLine(.problem, "✖ cannot read cache:6379: NOAUTH Authentication required.")])
    }

    @Test("ProbeSelection.single: a named redis probe, the only one, or a problem naming the choices")
    func single() {
        let environment = EnvironmentConfig(name: "staging", label: "STAGING", interval: 2, protected: false, stateDirectory: "/tmp",
                                            probes: [Self.api, Self.redis("cache"), Self.redis("sessions")])
        #expect((try? ProbeSelection.single(.redis, named: "cache", from: environment).get())?.name == "cache")
        #expect(ProbeSelection.single(.redis, named: nil, from: environment)
                == .failure(.init(message: "2 redis probes in staging (cache, sessions): name one with --probe")))
        #expect(ProbeSelection.single(.redis, named: "api", from: environment)
                == .failure(.init(message: "'api' is a tcp probe, not a redis one (redis probes: cache, sessions)")))
        // `an http probe`, never `a http probe`
        #expect(ProbeKind.http.withArticle == "an http" && ProbeKind.postgres.withArticle == "a postgres")
        #expect(ProbeSelection.single(.redis, named: "nope", from: environment)
                == .failure(.init(message: "no probe named 'nope' in staging (probes: api, cache, sessions)")))
    }
}
