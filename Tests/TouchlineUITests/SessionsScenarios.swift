import Foundation
import TouchlineCore

/// The Sessions view as an operator opens it (`a`) on a realistic server: a blocking chain (an idle-in-transaction
/// session holding a row, two updates behind it), a long report, an idle-in-transaction session past the
/// threshold, another touchline's backup, a background worker (hidden), and idle sessions.
enum SessionsScenarios {
    static let chainHead = ActivitySession(
        pid: 48_120, datname: "football_prediction_staging", usename: "checkout", applicationName: "checkout-api",
        clientAddr: "10.20.3.17", state: "idle in transaction", waitEventType: "Client", waitEvent: "ClientRead",
        xactStart: "2026-11-30T01:20:00.000Z", queryStart: "2026-11-30T01:20:00.120Z", backendStart: "2026-11-30T01:00:00.000001Z",
        xactSeconds: 95.2, querySeconds: 95.1, stateSeconds: 95.0,
        query: "UPDATE orders SET status = 'paid'\n WHERE id = 812734")

    static func sessions() -> [ActivitySession] {
        [
            chainHead,
            ActivitySession(pid: 48_133, datname: "football_prediction_staging", usename: "checkout", applicationName: "checkout-api",
                            clientAddr: "10.20.3.18", state: "active", waitEventType: "Lock", waitEvent: "transactionid",
                            xactStart: "2026-11-30T01:21:00.000Z", queryStart: "2026-11-30T01:21:00.000Z", backendStart: "b",
                            xactSeconds: 35.4, querySeconds: 35.4, stateSeconds: 35.4, blockedBy: [48_120],
                            query: "UPDATE orders SET status = 'shipped' WHERE id = 812734"),
            ActivitySession(pid: 48_140, datname: "football_prediction_staging", usename: "worker", applicationName: "queue-worker",
                            clientAddr: "10.20.4.2", state: "active", waitEventType: "Lock", waitEvent: "tuple",
                            xactStart: "x", queryStart: "x", backendStart: "c", xactSeconds: 2.1, querySeconds: 2.1, stateSeconds: 2.1,
                            blockedBy: [48_133], query: "UPDATE orders SET note = $1 WHERE id = 812734"),
            ActivitySession(pid: 47_002, datname: "football_prediction_staging", usename: "analyst", applicationName: "metabase",
                            clientAddr: "10.20.9.40", state: "active", xactStart: "x", queryStart: "x", backendStart: "d",
                            xactSeconds: 412.0, querySeconds: 412.0, stateSeconds: 412.0,
                            query: "SELECT team_id, count(*) FROM predictions p JOIN matches m ON m.id = p.match_id GROUP BY 1 ORDER BY 2 DESC"),
            ActivitySession(pid: 47_310, datname: "football_prediction_staging", usename: "football_staging_user",
                            applicationName: "touchline-backup", clientAddr: "10.20.1.5", state: "active",
                            waitEventType: "Client", waitEvent: "ClientWrite", xactStart: "x", queryStart: "x", backendStart: "e",
                            xactSeconds: 64.0, querySeconds: 0.4, stateSeconds: 0.4, query: "COPY public.predictions (id, match_id) TO stdout;"),
            ActivitySession(pid: 46_901, datname: "football_prediction_staging", usename: "api", applicationName: "predict-api",
                            clientAddr: "10.20.3.30", state: "idle in transaction", xactStart: "x", queryStart: "x", backendStart: "f",
                            xactSeconds: 181.0, querySeconds: 180.9, stateSeconds: 180.9, query: "SELECT * FROM teams WHERE id = 4"),
            ActivitySession(pid: 47_777, datname: "football_prediction_staging", usename: "api", applicationName: "predict-api",
                            clientAddr: "10.20.3.31", state: "active", xactStart: "x", queryStart: "x", backendStart: "g",
                            xactSeconds: 0.012, querySeconds: 0.012, stateSeconds: 0.012, query: "SELECT id FROM matches WHERE kickoff > now()"),
            ActivitySession(pid: 45_001, datname: "football_prediction_staging", usename: "postgres", state: nil,
                            backendType: "autovacuum worker", backendStart: "h", query: "autovacuum: VACUUM public.predictions"),
            ActivitySession(pid: 46_100, datname: "football_prediction_staging", usename: "api", applicationName: "predict-api",
                            clientAddr: "10.20.3.32", state: "idle", backendStart: "i", stateSeconds: 12, query: "COMMIT"),
        ]
    }

    /// `a` pressed and the first reading arrived.
    static func open(width: Int, height: Int, environment: Int = 0) -> DashboardState {
        var state = environment == 0 ? Scenarios.allUp(width: width, height: height) : Scenarios.base(width: width, height: height, environment: environment)
        _ = DashboardReducer.reduce(&state, .key(.character("a")))
        _ = DashboardReducer.reduce(&state, .sessionsListed(probe: "postgres", list: SessionsList(sessions: sessions()), error: nil,
                                                           querySeconds: 0.0041))
        return state
    }

    /// The blocking mode (`3`).
    static func blocking(width: Int, height: Int) -> DashboardState {
        var state = open(width: width, height: height)
        _ = DashboardReducer.reduce(&state, .key(.character("3")))
        return state
    }

    /// Blocking mode, the chain's second session selected (↓ ↓) and its query shown whole (Enter), then `x`.
    static func cancelDialog(width: Int, height: Int) -> DashboardState {
        var state = blocking(width: width, height: height)
        _ = DashboardReducer.reduce(&state, .key(.down))
        _ = DashboardReducer.reduce(&state, .key(.down))
        _ = DashboardReducer.reduce(&state, .key(.character("x")))
        return state
    }

    /// Running mode, the other touchline's backup selected, `X`: the environment's name must be typed.
    static func terminateDialog(width: Int, height: Int) -> DashboardState {
        var state = open(width: width, height: height)
        let row = state.sessionsView?.rows.firstIndex { $0.session.pid == 47_310 } ?? 0
        for _ in 0...row { _ = DashboardReducer.reduce(&state, .key(.down)) }
        _ = DashboardReducer.reduce(&state, .key(.character("X")))
        return state
    }

    /// The chain head selected and its query shown whole (Enter).
    static func expanded(width: Int, height: Int) -> DashboardState {
        var state = blocking(width: width, height: height)
        _ = DashboardReducer.reduce(&state, .key(.down))
        _ = DashboardReducer.reduce(&state, .key(.enter))
        return state
    }

    /// 500 sessions (a tenth active, some waiting in chains, the rest idle), for the render benchmark.
    static func many(width: Int, height: Int) -> DashboardState {
        var state = Scenarios.allUp(width: width, height: height)
        _ = DashboardReducer.reduce(&state, .key(.character("a")))
        var list: [ActivitySession] = []
        for index in 0..<500 {
            let active = index % 10 == 0
            var session = ActivitySession(pid: 20_000 + index, datname: "football_prediction_staging", usename: "api",
                                          applicationName: "predict-api-\(index % 7)", clientAddr: "10.20.3.\(index % 250)",
                                          state: active ? "active" : index % 17 == 0 ? "idle in transaction" : "idle",
                                          xactStart: "x", queryStart: "x", backendStart: "s\(index)",
                                          xactSeconds: Double(index % 90), querySeconds: Double(index % 90) / 3, stateSeconds: Double(index % 60),
                                          query: "SELECT * FROM predictions WHERE match_id = \(index) ORDER BY created_at DESC")
            if active && index % 30 == 0 && index > 0 {
                session.waitEventType = "Lock"
                session.waitEvent = "transactionid"
                session.blockedBy = [20_000 + index - 17]
            }
            list.append(session)
        }
        _ = DashboardReducer.reduce(&state, .sessionsListed(probe: "postgres", list: SessionsList(sessions: list), error: nil, querySeconds: 0.006))
        return state
    }
}
