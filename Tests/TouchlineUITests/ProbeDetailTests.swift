import Foundation
import Testing
import TouchlineCore
@testable import TouchlineUI

/// Enter on a Services row opens the detail view of that probe; Esc goes back; `z` zooms every pane.
@Suite("The detail view of one probe: target, rule, windows, http response, phases, certificate, samples")
struct ProbeDetailTests {
    static let body = #"{"error":"injected fault","detail":"forced HTTP 503"}"#

    /// The api failing with 503 for its last 6 s: each sample with phases; the newest with its response.
    static func apiFailing(width: Int, height: Int) -> DashboardState {
        var state = Scenarios.allUp(width: width, height: height)
        let certificate = CertificateSummary(subject: "CN = api.staging.example.com", issuer: "CN = touchline test CA",
                                             notAfter: Scenarios.now.addingTimeInterval(86400 * 89.6),
                                             names: ["api.staging.example.com", "127.0.0.1"])
        for ago in stride(from: 6, through: 0, by: -2) {
            var snapshot = HTTPSnapshot(statusCode: 503, httpVersion: "HTTP/1.1", tlsVersion: "TLSv1.3",
                                        timings: HTTPTimings(namelookup: 0.00002, connect: 0.0001 + Double(ago) / 100_000,
                                                             appconnect: 0.0042, starttransfer: 0.0051, total: 0.0052),
                                        certificate: certificate)
            snapshot.capture = HTTPResponseCapture(
                statusLine: "HTTP/1.1 503 Service Unavailable",
                headerLines: ["date: Sun, 15 Jun 2025 15:06:40 GMT", "server: uvicorn", "content-length: 54",
                              "content-type: application/json", "x-request-id: 7f9c2a1e-4b7d-4c1e-9a53-0e2f3d6b8a11"],
                body: Array(body.utf8))
            let sample = ProbeSample(probe: "api", time: Scenarios.time(ago), status: .down, latency: 0.0052,
                                     error: "HTTP 503, status: error", metrics: .http(snapshot))
            _ = DashboardReducer.reduce(&state, .sample(sample, generation: state.generation))
        }
        state.now = Scenarios.now
        return state
    }

    static func text(_ buffer: CellBuffer) -> String { (0..<buffer.height).map(buffer.rowText).joined(separator: "\n") }

    @Test("http: status line, phases with p50/p95, certificate, headers and the body readable; snapshots")
    func http() {
        for (width, height) in [(80, 24), (120, 40), (200, 60)] {
            var state = Self.apiFailing(width: width, height: height)
            _ = DashboardReducer.reduce(&state, .key(.enter))
            #expect(state.detailProbe == "api" && !state.zoomed)
            var seen = ""
            for _ in 0..<20 {
                seen += Self.text(DashboardRenderer.render(state)) + "\n"
                _ = DashboardReducer.reduce(&state, .key(.pageDown))
            }
            for expected in ["https://api.staging.example.com/health", "HTTP/1.1 503 Service Unavailable", "time_namelookup",
                             "time_connect", "time_appconnect", "time_starttransfer", "time_total", "CN = touchline test CA",
                             "2025-09-13 (90 days left)", "content-type: application/json", "failure_threshold",
                             "success_threshold", "latency_warn", "cert_expiry_warn", "HTTP 503, status: error"] {
                #expect(seen.contains(expected), "\(width)x\(height): \(expected)")
            }
            let squeezed = seen.split(separator: "\n").map { $0.filter { !$0.isWhitespace && $0 != "┃" } }.joined()
            #expect(squeezed.contains(Self.body.filter { !$0.isWhitespace }), "\(width)x\(height): the body")
        }
        for (width, height) in [(80, 24), (120, 40), (200, 60)] {
            var state = Self.apiFailing(width: width, height: height)
            _ = DashboardReducer.reduce(&state, .key(.enter))
            SnapshotAssertion.assertMatches(DashboardRenderer.render(state), named: "detail-api-\(width)x\(height)")
        }
    }

    @Test("postgres and redis: target with the password redacted, their rules, windows and samples")
    func postgresAndRedis() {
        var state = Scenarios.allUp(width: 120, height: 40)
        state.selection[.services] = 2
        _ = DashboardReducer.reduce(&state, .key(.enter))
        #expect(state.detailProbe == "postgres")
        let postgres = DashboardRenderer.render(state)
        let text = Self.text(postgres)
        #expect(text.contains("idle_in_transaction_warn") && text.contains("p95") && text.contains("5m"))
        #expect(text.contains("last 60 samples"))
        SnapshotAssertion.assertMatches(postgres, named: "detail-postgres-120x40")
        _ = DashboardReducer.reduce(&state, .key(.escape))
        #expect(state.detailProbe == nil)
        state.selection[.services] = 3
        _ = DashboardReducer.reduce(&state, .key(.enter))
        #expect(state.detailProbe == "redis")
        SnapshotAssertion.assertMatches(DashboardRenderer.render(state), named: "detail-redis-80x24-in-120x40")
    }

    @Test("a password in a postgres dsn never shows")
    func redacted() {
        let probe = ProbeConfig(name: "db", interval: 5, timeout: 2, latencyWarn: nil,
                                target: .postgres(dsn: "postgres://app:hunter2secret@db:5432/app", passwordEnv: nil))
        let environment = EnvironmentConfig(name: "staging", label: "STAGING", interval: 2, protected: false,
                                            stateDirectory: "/tmp/x", probes: [probe])
        var state = DashboardState(environments: [environment], environmentIndex: 0, theme: "default", themes: ["default"],
                                   readOnly: false, now: Scenarios.now, width: 120, height: 40)
        _ = DashboardReducer.reduce(&state, .sample(ProbeSample(probe: "db", time: Scenarios.now, status: .down, latency: nil,
                                                                error: "connection refused"), generation: 0))
        _ = DashboardReducer.reduce(&state, .key(.enter))
        let text = Self.text(DashboardRenderer.render(state))
        #expect(text.contains("host=db port=5432") && !text.contains("hunter2secret"))
    }

    @Test("z zooms every pane, Enter zooms panes other than Services, Esc leaves the detail view first")
    func keys() {
        var state = Scenarios.allUp(width: 120, height: 40)
        _ = DashboardReducer.reduce(&state, .key(.character("z")))
        #expect(state.zoomed && state.detailProbe == nil)
        _ = DashboardReducer.reduce(&state, .key(.character("z")))
        state.focus = .events
        _ = DashboardReducer.reduce(&state, .key(.enter))
        #expect(state.zoomed && state.detailProbe == nil)
        _ = DashboardReducer.reduce(&state, .key(.escape))
        state.focus = .services
        _ = DashboardReducer.reduce(&state, .key(.enter))
        #expect(state.detailProbe == "api")
        _ = DashboardReducer.reduce(&state, .key(.down))
        #expect(state.detailScroll == 1 && state.selection[.services] == nil, "↓ scrolls the view, not the table")
        _ = DashboardReducer.reduce(&state, .key(.escape))
        #expect(state.detailProbe == nil && !state.zoomed)
    }

    @Test("the response is kept once per probe: samples in the window carry no capture")
    func captureKeptOnce() {
        let state = Self.apiFailing(width: 120, height: 40)
        let api = state.probes.first { $0.config.name == "api" }
        #expect(api?.lastResponse?.bodyPrefix == Self.body)
        let captures = api?.window.retained.filter { sample in
            if case .http(let snapshot) = sample.metrics { return snapshot.capture != nil }
            return false
        }
        #expect(captures?.isEmpty == true)
    }
}

extension ProbeDetailTests {
    @Test("switching environments closes the detail view")
    func switchCloses() {
        var state = Scenarios.allUp(width: 120, height: 40)
        _ = DashboardReducer.reduce(&state, .key(.enter))
        #expect(state.detailProbe == "api")
        _ = DashboardReducer.reduce(&state, .key(.character("3")))
        #expect(state.detailProbe == nil && state.environment.name == "dev")
    }
}

extension ProbeDetailTests {
    @Test("the detail view's footer lists its own keys; Tab, z and / do nothing under it, so s acts on the service shown")
    func footerAndHiddenPaneKeys() {
        for (width, height) in [(80, 24), (120, 40)] {
            var state = Scenarios.allUp(width: width, height: height)
            _ = DashboardReducer.reduce(&state, .key(.enter))
            #expect(state.detailProbe == "api")
            let footer = DashboardRenderer.render(state).rowText(height - 1)
            #expect(footer.contains("Esc back") && footer.contains("scroll"), "\(width)x\(height): \(footer)")
            for wrong in ["select", "filter", "next pane", "zoom"] {
                #expect(!footer.contains(wrong), "\(width)x\(height): \(wrong) in \(footer)")
            }
            for key in [KeyPress.tab, .character("z"), .character("/")] {
                _ = DashboardReducer.reduce(&state, .key(key))
                #expect(state.focus == .services && !state.zoomed && !state.editingFilter, "\(key.label)")
                #expect(state.detailProbe == "api")
                #expect(state.notice?.contains("does nothing in the detail view") == true, "\(key.label): \(state.notice ?? "")")
            }
        }
    }
}
