import Glibc
import Testing
@testable import TouchlineOps

/// Issue 16 item 6: who an operator is, the same everywhere.
@Suite("Operator identity")
struct OperatorIdentityTests {
    @Test("TOUCHLINE_OPERATOR, else USER, else the login name of the password database — never uid:N when it has one")
    func name() {
        #expect(OperatorIdentity.operatorName(environment: ["TOUCHLINE_OPERATOR": "alice", "USER": "root"]) == "alice")
        #expect(OperatorIdentity.operatorName(environment: ["TOUCHLINE_OPERATOR": "", "USER": "bob"]) == "bob")
        let login = getpwuid(getuid()).flatMap { $0.pointee.pw_name.map { String(cString: $0) } }
        let fallback = OperatorIdentity.operatorName(environment: ["USER": ""])
        #expect(fallback == (login ?? "uid:\(getuid())"), "an empty USER reads the password database")
        #expect(!fallback.hasPrefix("uid:") || login == nil)
        let identity = OperatorIdentity.current(environment: ["TOUCHLINE_OPERATOR": "carol"])
        #expect(identity.who == "carol@\(identity.host)" && identity.pid == getpid())
    }
}
