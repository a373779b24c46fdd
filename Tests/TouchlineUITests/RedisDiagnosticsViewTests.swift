import Foundation
import Testing
import TouchlineCore
@testable import TouchlineUI

/// The Redis diagnostics view (key `d`) as render snapshots: a full reading at 120x40 and 80x24, scrolled to the
/// Clients section, one refused command (ACL) and one renamed away, a reading under way, an unreachable server.
@Suite("Redis diagnostics view snapshots")
struct RedisDiagnosticsViewTests {
    static let clientList = """
        id=5 addr=10.0.0.7:40312 laddr=10.0.0.2:6379 fd=9 name=worker age=600 idle=45 flags=b db=0 obl=0 oll=0 omem=0 tot-mem=2000 cmd=blpop user=default
        id=6 addr=10.0.0.8:40400 laddr=10.0.0.2:6379 fd=10 name=api age=900 idle=300 flags=N db=0 obl=16384 oll=12 omem=2097152 tot-mem=2200000 cmd=lrange user=default
        id=7 addr=10.0.0.8:40401 laddr=10.0.0.2:6379 fd=11 name=api age=900 idle=2 flags=N db=1 obl=0 oll=0 omem=0 tot-mem=1800 cmd=get user=default
        id=8 addr=10.0.0.2:50000 laddr=10.0.0.2:6379 fd=12 name=touchline-probe-4242 age=30 idle=1 flags=N db=0 obl=0 oll=0 omem=0 tot-mem=1800 cmd=info user=default
        id=9 addr=10.0.0.2:50001 laddr=10.0.0.2:6379 fd=13 name=touchline-diagnostics-4242 age=0 idle=0 flags=N db=0 obl=0 oll=0 omem=0 tot-mem=22298 cmd=client|list user=default
        """

    static func diagnostics(refusing: Bool = false) -> RedisDiagnostics {
        let now = Scenarios.now
        var diagnostics = RedisDiagnostics(
            probe: "redis", address: "cache:6379", takenAt: now.addingTimeInterval(-4),
            slowlog: refusing
                ? .refused("SLOWLOG GET refused for user monitor: no permission to run 'slowlog|get' (ACL; grant it with ACL SETUSER … +slowlog|get)")
                : .value([
                    RedisSlowlogEntry(id: 1042, time: 1_749_999_880, durationMicroseconds: 152_300, arguments: ["KEYS", "prediction:*"],
                                      clientAddress: "10.0.0.8:40400", clientName: "api"),
                    RedisSlowlogEntry(id: 1041, time: 1_749_999_000, durationMicroseconds: 23_400,
                                      arguments: ["HSET", "team:42", "payload", String(repeating: "{\"elo\":1742}", count: 12)],
                                      clientAddress: "10.0.0.8:40401", clientName: "api"),
                    RedisSlowlogEntry(id: 1040, time: 1_749_990_000, durationMicroseconds: 11_200, arguments: ["SMEMBERS", "sessions:active"],
                                      clientAddress: "10.0.0.9:51000"),
                ]),
            latency: refusing
                ? .refused("LATENCY LATEST refused: ERR unknown command 'LATENCY', with args beginning with: 'LATEST' (renamed or disabled with rename-command, or not in this Redis version)")
                : .value([RedisLatencyEvent(event: "command", time: 1_749_999_880, latestMilliseconds: 152, maxMilliseconds: 311),
                          RedisLatencyEvent(event: "expire-cycle", time: 1_749_998_000, latestMilliseconds: 12, maxMilliseconds: 12)]),
            clients: .value(RedisClientSummary(clients: RedisClient.parse(list: clientList))),
            memoryDoctor: .value("Hi Sam, I can't find any memory issue in your instance. I can only account for what occurs on this base."),
            latencyDoctor: .value("Dave, I have observed latency spikes in this Redis instance. You don't mind talking about it, do you Dave?\n\n"
                                  + "1. command: 2 latency spikes (average 231ms, mean deviation 79ms, period 440 sec). Worst all time event 311ms.\n\n"
                                  + "I have a few advices for you:\n\n- Check your Slow Log to understand what are the commands you are running which are too slow to execute."),
            keyspace: .value([RedisKeyspaceDatabase(index: 0, keys: 1204, expires: 180, averageTTLMilliseconds: 1_523_000),
                              RedisKeyspaceDatabase(index: 3, keys: 7, expires: 0, averageTTLMilliseconds: 0)]))
        diagnostics.slowlogOwnLeftOut = 5
        diagnostics.settings = ["slowlog-log-slower-than": "10000", "slowlog-max-len": "128", "latency-monitor-threshold": "10"]
        return diagnostics
    }

    static func state(width: Int, height: Int, _ change: (inout RedisDiagnosticsPanel) -> Void) -> DashboardState {
        var state = Scenarios.allUp(width: width, height: height)
        guard let probe = state.probes.first(where: { $0.config.kind == .redis })?.config else { return state }
        var panel = RedisDiagnosticsPanel(probe: probe)
        panel.loading = false
        panel.diagnostics = diagnostics()
        change(&panel)
        state.overlay = .redisDiagnostics(panel)
        return state
    }

    @Test("a full reading: 120x40 and 80x24")
    func full() {
        SnapshotAssertion.assertMatches(DashboardRenderer.render(Self.state(width: 120, height: 40) { _ in }), named: "redis-diagnostics-120x40")
        SnapshotAssertion.assertMatches(DashboardRenderer.render(Self.state(width: 80, height: 24) { _ in }), named: "redis-diagnostics-80x24")
    }

    @Test("a key the view does not use says so in the footer")
    func unusedKey() {
        var state = Self.state(width: 120, height: 40) { _ in }
        _ = DashboardReducer.reduce(&state, .key(.character("z")))
        #expect(state.notice == "z does nothing in the Redis diagnostics view")
        guard case .redisDiagnostics = state.overlay else {
            Issue.record("the view closed")
            return
        }
    }

    @Test("scrolled to the Clients section (Tab twice)")
    func scrolled() {
        var state = Self.state(width: 120, height: 40) { _ in }
        _ = DashboardReducer.reduce(&state, .key(.tab))
        _ = DashboardReducer.reduce(&state, .key(.tab))
        SnapshotAssertion.assertMatches(DashboardRenderer.render(state), named: "redis-diagnostics-clients-120x40")
    }

    @Test("SLOWLOG refused by an ACL and LATENCY renamed away: their lines only, the other sections shown")
    func refused() {
        SnapshotAssertion.assertMatches(DashboardRenderer.render(Self.state(width: 120, height: 40) { $0.diagnostics = Self.diagnostics(refusing: true) }),
                                        named: "redis-diagnostics-refused-120x40")
    }

    @Test("the first reading under way, and a server that cannot be reached")
    func loadingAndUnreachable() {
        SnapshotAssertion.assertMatches(DashboardRenderer.render(Self.state(width: 80, height: 24) {
            $0.diagnostics = nil
            $0.loading = true
        }), named: "redis-diagnostics-loading-80x24")
        SnapshotAssertion.assertMatches(DashboardRenderer.render(Self.state(width: 80, height: 24) {
            $0.diagnostics = nil
            $0.error = "connection refused (cache:6379)"
        }), named: "redis-diagnostics-unreachable-80x24")
    }
}

/// The footer's `d` hint: on a selected redis row and on the focused Redis pane, not elsewhere.
@Suite("Redis diagnostics footer hint")
struct RedisDiagnosticsHintTests {
    private func footer(_ state: DashboardState) -> String {
        DashboardRenderer.render(state).rowText(state.height - 1)
    }

    @Test("d diagnostics redis on the redis row and the Redis pane; not on the api row")
    func hint() {
        var state = Scenarios.allUp(width: 200, height: 60)
        #expect(!footer(state).contains("diagnostics"))
        state.selection[.services] = state.filteredProbes.firstIndex { $0.config.kind == .redis }
        #expect(footer(state).contains("d diagnostics redis"), "\(footer(state))")
        state.selection[.services] = 0
        state.focus = .redis
        #expect(footer(state).contains("d diagnostics redis"), "\(footer(state))")
    }
}
