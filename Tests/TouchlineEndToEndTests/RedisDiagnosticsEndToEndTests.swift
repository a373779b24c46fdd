@testable import TouchlineTestSupport
import Foundation
import Testing

/// The Redis diagnostics view in the real dashboard (tmux) against the real stack: `d` opens it on the only
/// redis probe, its sections come from the stack's Redis, Tab moves between them, Esc closes.
extension RealStackSuite {
@Suite("Redis diagnostics view end to end")
struct RedisDiagnosticsEndToEndTests {
    @Test("d on the real stack: the slow log, the clients with touchline's own named connections, the doctors, the keyspace; Esc closes")
    func openDiagnostics() throws {
        let stack: TestStack
        switch TestStack.shared {
        case .success(let shared): stack = shared
        case .failure(let error): throw error
        }
        let config = try stack.writeConfig()
        let binary = TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path
        let session = try TmuxSession(command: "\(binary) --config \(config); sleep 30", width: 140, height: 50,
                                      environment: stack.environment)
        let up = session.waitFor(seconds: 15) { $0.contains("role master") }
        #expect(up.matched, "\(up.screen)")
        session.send("d")
        let open = session.waitFor(seconds: 10) {
            $0.contains("Redis diagnostics · redis · STAGING") && $0.contains("Clients · CLIENT LIST") && $0.contains("Memory doctor")
        }
        #expect(open.matched, "\(open.screen)")
        #expect(open.screen.contains("Slow log · SLOWLOG GET 128"))
        #expect(open.screen.contains("touchline-probe-"), "the dashboard's probe connection is named: \(open.screen)")
        #expect(open.screen.contains("127.0.0.1:\(stack.redisPort) · read "))
        for _ in 0..<5 { session.send("Tab") }
        let keyspace = session.waitFor(seconds: 5) { $0.contains("Keyspace · INFO keyspace") && $0.contains("db0") }
        #expect(keyspace.matched, "\(keyspace.screen)")
        session.send("r")
        let refreshed = session.waitFor(seconds: 5) { $0.contains("Keyspace · INFO keyspace") && !$0.contains("refreshing…") }
        #expect(refreshed.matched, "\(refreshed.screen)")
        session.send("Escape")
        let closed = session.waitFor(seconds: 5) { !$0.contains("Redis diagnostics ·") && $0.contains("Services") }
        #expect(closed.matched, "\(closed.screen)")
        session.send("q")
    }
}
}
