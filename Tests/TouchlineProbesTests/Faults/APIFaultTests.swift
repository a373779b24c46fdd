import Foundation
import Testing
import TouchlineCore
@testable import TouchlineProbes

/// The API answering every request with HTTP 500 (`scripts/stack fault api status 500`).
extension RealStackSuite {
@Suite("Faults: API 500s", .serialized)
struct APIFaultTests {
    @Test("status 500: down with HTTP 500 named, within the timeout; check exits 2; cleared: up and exit 0")
    func serverErrors() throws {
        let stack = try FaultSupport.stack()
        let checker = try FaultSupport.checker(stack, "api")
        defer { checker.close() }
        #expect(checker.check().status == .up)

        #expect(stack.run(["fault", "api", "status", "500"]).0 == 0)
        defer { stack.run(["fault", "clear"]) }
        let start = Date()
        let sample = checker.check()
        #expect(Date().timeIntervalSince(start) < 2)
        #expect(sample.status == .down)
        #expect(sample.error?.hasPrefix("HTTP 500") == true, "\(sample.error ?? "")")

        let check = try FaultSupport.check(stack, json: true)
        #expect(check.code == 2, "\(check.stdout)\(check.stderr)")
        let api = FaultSupport.probe("api", in: check.stdout)
        #expect(api?["status"] as? String == "down")
        #expect((api?["error"] as? String)?.hasPrefix("HTTP 500") == true, "\(check.stdout)")

        #expect(stack.run(["fault", "clear"]).0 == 0)
        let back = checker.check()
        #expect(back.status == .up, "\(back.error ?? "")")
        #expect(back.version == "1.5.0")
        #expect(try FaultSupport.check(stack).code == 0)
    }
}
}
