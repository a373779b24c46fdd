import Testing
@testable import TouchlineOps

/// The `application_name` of a coordination session, which the presence list reads back: PostgreSQL keeps 63
/// bytes of it, so a long operator or host must never cut off the environment at its end.
@Suite("Coordination application_name")
struct CoordinationApplicationNameTests {
    @Test("short names are kept whole: touchline:USER@HOST:ENV")
    func whole() {
        #expect(CoordinationApplicationName.make(role: .watcher, user: "alice", host: "ops-1", environment: "staging")
            == "touchline:alice@ops-1:staging")
        #expect(CoordinationApplicationName.make(role: .action, user: "bob", host: "ops-2.example.com", environment: "production")
            == "touchline-action:bob@ops-2.example.com:production")
    }

    @Test("a long host keeps its first label; a long operator is shortened; the environment always survives, within 63 bytes")
    func long() {
        let cloud = "ip-172-31-22-119.eu-west-1.compute.internal"
        #expect(CoordinationApplicationName.make(role: .watcher, user: "firstname.lastname", host: cloud, environment: "staging")
            == "touchline:firstname.lastname@ip-172-31-22-119:staging")
        let longUser = String(repeating: "x", count: 80)
        for role in [CoordinationStore.Role.watcher, .action, .command] {
            for user in ["alice", longUser, "jos\u{e9}-" + longUser] {
                for environment in ["staging", "production", "eu-west-1-production"] {
                    let name = CoordinationApplicationName.make(role: role, user: user, host: cloud, environment: environment)
                    #expect(name.utf8.count <= 63, "\(name)")
                    #expect(name.hasPrefix(role.rawValue + ":") && name.hasSuffix(":" + environment), "\(name)")
                }
            }
        }
    }

    @Test("an operator name outside printable ASCII is percent-encoded (PostgreSQL would show `?`) and read back whole")
    func nonASCII() {
        let name = CoordinationApplicationName.make(role: .watcher, user: "jos\u{e9}", host: "ops-1", environment: "staging")
        #expect(name == "touchline:jos%C3%A9@ops-1:staging")
        #expect(CoordinationApplicationName.who(name.dropFirst("touchline:".count).dropLast(":staging".count)) == "jos\u{e9}@ops-1")
        #expect(CoordinationApplicationName.who("100%25@ops") == "100%@ops")
        #expect(CoordinationApplicationName.who("alice@ops-1") == "alice@ops-1")
        let long = CoordinationApplicationName.make(role: .watcher, user: String(repeating: "\u{e9}", count: 40), host: "h", environment: "staging")
        #expect(long.utf8.count <= 63 && long.hasSuffix(":staging"), "\(long)")
        #expect(!CoordinationApplicationName.who(long.dropFirst("touchline:".count).dropLast(":staging".count)).contains("\u{FFFD}"),
                "cut between characters, never inside one")
    }
}
