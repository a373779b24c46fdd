import Foundation
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineTestSupport

/// The action envelope with a coordination store nobody answers (a free local port): what `require` refuses
/// and what it never refuses, the same for the dashboard and the headless commands (both run through it).
@Suite("ActionEnvelope and an unreachable coordination store")
struct EnvelopeCoordinationTests {
    private let folder = FileManager.default.temporaryDirectory.appendingPathComponent("envelope-coord-\(UUID().uuidString)").path
    private let alice = OperatorIdentity(user: "alice", host: "ops-1", pid: 4242)

    private func environment(require: Bool) throws -> EnvironmentConfig {
        let text = """
            [environments.staging]
            state_dir = "\(folder)"
            [[environments.staging.probes]]
            name = "api"
            kind = "tcp"
            address = "127.0.0.1:1"
            [environments.staging.coordination]
            dsn = "host=127.0.0.1 port=\(TestStack.freePort()) dbname=touchline_coordination user=touchline"
            require = \(require)
            timeout = "1s"
            """
        return try #require(try ConfigLoader.parse(text, file: folder + "/c.toml", baseDirectory: folder, environment: [:]).environments.first)
    }

    private func run(_ environment: EnvironmentConfig, action: ActionKind) -> (ran: Bool, refusal: String?) {
        let envelope = ActionEnvelope(environment: environment, action: action.name, target: "api", commands: [["true"]],
                                      takesLock: action.takesEnvironmentLock, identity: alice)
        return envelope.run(refused: { refusal -> (Bool, String?) in
            guard case .lockHeld(let error) = refusal else { return (false, "\(refusal)") }
            return (false, error.description)
        }, body: { trail -> (Bool, String?) in
            try? trail.end(.ok, commands: [["true"]])
            return (true, nil)
        })
    }

    @Test("require = true: every action that changes the environment is refused with the store's reason, audited locally")
    func requireRefusesLockTakers() throws {
        let environment = try environment(require: true)
        for kind in ActionKind.allCases where kind.takesEnvironmentLock {
            let result = run(environment, action: kind)
            #expect(!result.ran, "\(kind)")
            let refusal = try #require(result.refusal)
            #expect(refusal.hasPrefix("coordination store unreachable: "), "\(kind): \(refusal)")
            #expect(refusal.hasSuffix("; staging requires its coordination store (require = true)"), "\(kind): \(refusal)")
        }
        let records = AuditLog(stateDirectory: folder).recent(limit: 50)
        #expect(records.filter { $0.outcome == .refused }.count == ActionKind.allCases.filter(\.takesEnvironmentLock).count)
    }

    @Test("triage (no environment lock) runs whatever require says; its records wait in the spool")
    func triageNeverRefused() throws {
        for require in [true, false] {
            let environment = try environment(require: require)
            for kind in ActionKind.allCases where !kind.takesEnvironmentLock {
                let result = run(environment, action: kind)
                #expect(result.ran, "\(kind), require = \(require): \(result.refusal ?? "")")
            }
        }
        let triage = ActionKind.allCases.filter { !$0.takesEnvironmentLock }
        #expect(Set(triage) == [.configSnapshot, .cancelQuery, .terminateSession, .silence, .expireSilence])
        #expect(AuditSpool(stateDirectory: folder).pending.count == 2 * 2 * triage.count, "start and end of each, both runs")
    }

    @Test("require = false: an action that changes the environment runs on the local lock; its start record says so")
    func lenientRunsLocally() throws {
        let environment = try environment(require: false)
        let result = run(environment, action: .restart)
        #expect(result.ran, "\(result.refusal ?? "")")
        let start = try #require(AuditLog(stateDirectory: folder).recent(limit: 5).first { $0.phase == .start })
        #expect(start.details["coordination"]?.string?.contains("ran on the local lock (require = false)") == true, "\(start.details)")
        #expect(AuditSpool(stateDirectory: folder).pending.count == 2)
    }
}
