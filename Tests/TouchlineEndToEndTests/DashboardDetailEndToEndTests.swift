@testable import TouchlineTestSupport
import Foundation
import Testing

/// The detail view in the real dashboard (tmux) against the real stack's API answering 503.
extension RealStackSuite {
@Suite("Dashboard detail view end to end")
struct DashboardDetailEndToEndTests {
    @Test("Enter on the api row with `fault api status 503`: the status line, the phases, the headers and the body text")
    func apiDetailShowsTheInjectedBody() throws {
        let stack: TestStack
        switch TestStack.shared {
        case .success(let shared): stack = shared
        case .failure(let error): throw error
        }
        let (code, output) = stack.run(["fault", "api", "status", "503"])
        #expect(code == 0, "\(output)")
        defer { _ = stack.run(["fault", "clear"]) }
        let config = try stack.writeConfig()
        let binary = TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path
        let session = try TmuxSession(command: "\(binary) --config \(config); sleep 30", width: 120, height: 60,
                                      environment: stack.environment)
        let down = session.waitFor(seconds: 10) { $0.contains("HTTP 503") }
        #expect(down.matched, "\(down.screen)")
        session.send("Enter")
        let detail = session.waitFor(seconds: 5) { $0.contains("Service · api") && $0.contains("injected fault") }
        #expect(detail.matched, "\(detail.screen)")
        let screen = detail.screen
        #expect(screen.contains("HTTP/1.1 503"), "the response's status line")
        #expect(screen.contains("time_starttransfer") && screen.contains("time_total"), "the curl phases")
        #expect(screen.lowercased().contains("content-type: application/json"), "the response headers")
        #expect(screen.contains(#"{"error":"injected fault","detail":"forced HTTP 503""#), "the body, readable: \(screen)")
        #expect(screen.contains("failure_threshold"))
        session.send("Escape")
        let back = session.waitFor(seconds: 3) { $0.contains("Services") && !$0.contains("Service · api") }
        #expect(back.matched, "\(back.screen)")
        session.send("q")
    }
}
}
