import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineProbes
@testable import TouchlineTestSupport

/// Every message with which PostgreSQL (9.6 to 17) refuses a connection for lack of slots names its limit.
/// The texts are the servers' own (src/backend/utils/init/postinit.c and storage/lmgr/proc.c); the ones
/// PostgreSQL 15 gives are also produced live by ``PostgresLimitTests`` and ``PostgresFaultTests``.
@Suite("PostgreSQL refusals name the limit")
struct ConnectionRefusalTests {
    static let cases: [(String, String)] = [
        ("FATAL:  sorry, too many clients already", "max_connections reached"),
        ("FATAL:  remaining connection slots are reserved for non-replication superuser connections",
         "only superuser-reserved slots remain"),
        ("FATAL:  remaining connection slots are reserved for roles with the SUPERUSER attribute",
         "only superuser-reserved slots remain"),
        ("FATAL:  remaining connection slots are reserved for roles with privileges of the \"pg_use_reserved_connections\" role",
         "only reserved_connections slots remain"),
        ("FATAL:  too many connections for database \"app\"", "database \"app\" connection limit reached"),
        ("FATAL:  too many connections for role \"api\"", "role \"api\" connection limit reached"),
    ]

    @Test("each refusal, as libpq reports it after the address, is explained by its limit", arguments: 0..<cases.count)
    func explained(index: Int) {
        let (server, cause) = Self.cases[index]
        let message = "connection to server at \"127.0.0.1\", port 5432 failed: \(server)"
        #expect(ConnectionRefusal.explained(message) == "connections exhausted (\(cause)): \(message)")
    }

    @Test("in the probe's reason-first form too (`… (127.0.0.1 port 5432)`)", arguments: 0..<cases.count)
    func reasonFirst(index: Int) {
        let (server, cause) = Self.cases[index]
        let message = LibpqErrorText.reasonFirst("connection to server at \"127.0.0.1\", port 5432 failed: \(server)\n")
        #expect(message.hasSuffix(" (127.0.0.1 port 5432)") && !message.hasPrefix("FATAL"), "\(message)")
        #expect(ConnectionRefusal.explained(message) == "connections exhausted (\(cause)): \(message)")
    }

    @Test("other failures are left as they are")
    func others() {
        let text = "connection to server at \"127.0.0.1\", port 5432 failed: FATAL:  password authentication failed for user \"x\""
        #expect(ConnectionRefusal.explained(text) == text)
        #expect(ConnectionRefusal.cause(of: "FATAL:  database \"x\" is not currently accepting connections") == nil)
    }
}
