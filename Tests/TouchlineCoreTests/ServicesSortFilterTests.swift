import Foundation
import Testing
@testable import TouchlineCore

/// `<` `>` choose the sorted column, `I` reverses it; `/` matches names, statuses and kinds.
@Suite("Services: sort by name, status, latency, p95, age and reverse; filter by name, status and kind")
struct ServicesSortFilterTests {
    static let now = Date(timeIntervalSince1970: 1_000)

    /// Five probes fed through the reducer: (name, kind, status, latency ms, seconds since the last sample).
    static func state() -> DashboardState {
        let rows: [(String, ProbeTarget, ProbeStatus, Double?, Double)] = [
            ("web", .http(HTTPProbeTarget(url: "http://web/", address: HostPort(host: "web", port: 80), path: "/",
                                          expectStatus: [], statusField: nil, versionField: nil)), .up, 40, 1),
            ("api", .http(HTTPProbeTarget(url: "http://api/", address: HostPort(host: "api", port: 80), path: "/",
                                          expectStatus: [], statusField: nil, versionField: nil)), .down, nil, 3),
            ("postgres", .postgres(dsn: "postgres://db/app", passwordEnv: nil), .up, 2, 9),
            ("redis", .redis(address: HostPort(host: "cache", port: 6379), passwordEnv: nil), .degraded, 90, 5),
            ("worker", .tcp(HostPort(host: "worker", port: 9000)), .up, 1, 2),
        ]
        let probes = rows.map { ProbeConfig(name: $0.0, interval: 1, timeout: 1, latencyWarn: nil, target: $0.1) }
        let environment = EnvironmentConfig(name: "staging", label: "STAGING", interval: 1, protected: false,
                                            stateDirectory: "/tmp/x", probes: probes)
        var state = DashboardState(environments: [environment], environmentIndex: 0, theme: "default", themes: ["default"],
                                   readOnly: false, now: now, width: 120, height: 40)
        for row in rows {
            let sample = ProbeSample(probe: row.0, time: now.addingTimeInterval(-row.4), status: row.2,
                                     latency: row.3.map { $0 / 1000 }, error: row.2 == .down ? "refused" : nil)
            _ = DashboardReducer.reduce(&state, .sample(sample, generation: 0))
        }
        state.now = now
        return state
    }

    static func names(_ state: DashboardState) -> [String] { state.filteredProbes.map(\.config.name) }

    static func press(_ state: inout DashboardState, _ keys: String) {
        for key in keys { _ = DashboardReducer.reduce(&state, .key(.character(key))) }
    }

    @Test("the config's order until a column is chosen; > walks name, status, latency, p95, age and wraps; < goes back")
    func columns() {
        var state = Self.state()
        #expect(Self.names(state) == ["web", "api", "postgres", "redis", "worker"])
        Self.press(&state, ">")
        #expect(state.sort.column == .name && state.sort.mark == "▲")
        #expect(Self.names(state) == ["api", "postgres", "redis", "web", "worker"])
        Self.press(&state, ">")
        #expect(state.sort.column == .status && state.sort.mark == "▼")
        #expect(Self.names(state) == ["api", "redis", "web", "postgres", "worker"], "worst first, ties in config order")
        Self.press(&state, ">")
        #expect(state.sort.column == .latency)
        #expect(Self.names(state) == ["redis", "web", "postgres", "worker", "api"], "slowest first, no latency last")
        Self.press(&state, ">")
        #expect(state.sort.column == .p95)
        #expect(Self.names(state) == ["redis", "web", "postgres", "worker", "api"])
        Self.press(&state, ">")
        #expect(state.sort.column == .age)
        #expect(Self.names(state) == ["postgres", "redis", "api", "worker", "web"], "oldest data first")
        Self.press(&state, ">")
        #expect(state.sort.column == .name)
        Self.press(&state, "<")
        #expect(state.sort.column == .age)
    }

    @Test("I reverses the chosen column (and the mark), and the config order when none is chosen")
    func reverse() {
        var state = Self.state()
        Self.press(&state, "I")
        #expect(Self.names(state) == ["worker", "redis", "postgres", "api", "web"])
        Self.press(&state, "I>")
        Self.press(&state, "I")
        #expect(state.sort.mark == "▼")
        #expect(Self.names(state) == ["worker", "web", "redis", "postgres", "api"])
        Self.press(&state, ">>")
        #expect(state.sort.column == .latency && state.sort.mark == "▲")
        #expect(Self.names(state) == ["worker", "postgres", "web", "redis", "api"], "fastest first; no latency still last")
    }

    @Test("/ matches names, statuses and kinds; status: and kind: pick one field; terms must all match")
    func filters() {
        var state = Self.state()
        for (filter, expected) in [
            ("down", ["api"]), ("status:degraded", ["redis"]), ("status:deg", ["redis"]), ("kind:http", ["web", "api"]),
            ("http", ["web", "api"]), ("/", []), ("po", ["postgres"]), ("kind:http status:up", ["web"]),
            ("up", ["web", "postgres", "worker"]), ("KIND:TCP", ["worker"]), ("name:re", ["postgres", "redis"]),
            ("kind:kafka", []),
        ] {
            state.filter = filter
            #expect(Self.names(state) == expected, "/\(filter)")
        }
        state.filter = "kind:http"
        Self.press(&state, ">")
        #expect(Self.names(state) == ["api", "web"], "the filter and the sort together")
    }

    @Test("the selected service stays selected when the order changes")
    func selectionFollows() {
        var state = Self.state()
        state.selection[.services] = 3
        #expect(Self.names(state)[3] == "redis")
        for key in ">>I<" {
            Self.press(&state, String(key))
            #expect(Self.names(state)[state.selectedRow(.services, count: 5)] == "redis", "after \(key)")
        }
    }

    @Test("sorted by latency, the selection stays on its service while new samples reorder the rows")
    func selectionSurvivesReorder() {
        var state = Self.state()
        Self.press(&state, ">>>")
        #expect(state.sort.column == .latency && Self.names(state).first == "redis")
        #expect(Self.names(state)[state.selectedRow(.services, count: 5)] == "web", "web, selected before sorting, still is")
        _ = DashboardReducer.reduce(&state, .key(.up))
        #expect(Self.names(state)[state.selectedRow(.services, count: 5)] == "redis")
        let slow = ProbeSample(probe: "web", time: Self.now, status: .up, latency: 0.5)
        _ = DashboardReducer.reduce(&state, .sample(slow, generation: 0))
        #expect(Self.names(state).prefix(2) == ["web", "redis"], "web is now the slowest")
        #expect(Self.names(state)[state.selectedRow(.services, count: 5)] == "redis", "the selection followed redis")
        state.seedRestart("redis", argv: ["scripts/stack", "restart", "redis"])
        _ = DashboardReducer.reduce(&state, .key(.character("s")))
        guard case .confirm(let request)? = state.overlay else {
            Issue.record("no restart dialog: \(state.notice ?? "")")
            return
        }
        #expect(request.target == "redis", "s restarts the service the operator selected")
    }

    @Test("typing the filter after / goes to the filter text, so < > I are letters there")
    func typing() {
        var state = Self.state()
        Self.press(&state, "/kind:tcp")
        #expect(state.filter == "kind:tcp" && state.sort.column == nil)
        #expect(Self.names(state) == ["worker"])
    }
}
