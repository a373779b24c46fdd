import Testing
@testable import TouchlineOps

/// The `application_name` of a coordination session, which the presence list reads back: PostgreSQL keeps 63
/// bytes of it, so a long operator or host must never cut off the environment at its end.
@Suite("Coordination application_name")
struct CoordinationApplicationNameTests {
    @Test("short names are kept whole: touchline:USER@HOST:ENV")
    func whole() {
        #expect(CoordinationStore.applicationName(role: .watcher, user: "alice", host: "ops-1", environment: "staging")
            == "touchline:alice@ops-1:staging")
        #expect(CoordinationStore.applicationName(role: .action, user: "bob", host: "ops-2.example.com", environment: "production")
            == "touchline-action:bob@ops-2.example.com:production")
    }

    @Test("a long host keeps its first label; a long operator is shortened; the environment always survives, within 63 bytes")
    func long() {
        let cloud = "ip-172-31-22-119.eu-west-1.compute.internal"
        #expect(CoordinationStore.applicationName(role: .watcher, user: "firstname.lastname", host: cloud, environment: "staging")
            == "touchline:firstname.lastname@ip-172-31-22-119:staging")
        let longUser = String(repeating: "x", count: 80)
        for role in [CoordinationStore.Role.watcher, .action, .command] {
            for user in ["alice", longUser, "jos\u{e9}-" + longUser] {
                for environment in ["staging", "production", "eu-west-1-production"] {
                    let name = CoordinationStore.applicationName(role: role, user: user, host: cloud, environment: environment)
                    #expect(name.utf8.count <= 63, "\(name)")
                    #expect(name.hasPrefix(role.rawValue + ":") && name.hasSuffix(":" + environment), "\(name)")
                }
            }
        }
    }
}
