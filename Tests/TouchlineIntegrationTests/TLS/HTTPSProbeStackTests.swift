@testable import TouchlineTestSupport
import Foundation
import Glibc
import Testing
import TouchlineCore
@testable import TouchlineProbes
@testable import TouchlineOps

/// touchline's http probe against the stack's HTTPS API and its certificate faults, through the binary.
///
/// Runs once touchline's config accepts `https://` URLs with `ca_file` (the libcurl client of issue #12);
/// before that the loader refuses https and these cases are skipped, not failed.
extension RealStackSuite {
@Suite("HTTPS probe against the stack", .serialized, .enabled(if: HTTPSSupport.available))
struct HTTPSProbeStackTests {
    /// `touchline check --json` with an `api-tls` probe (`ca_file` when given): that probe's JSON, exit code, seconds.
    private func check(_ stack: TestStack, caFile: String?, timeout: String = "2s") throws -> (probe: [String: Any], code: Int32, seconds: Double) {
        let probe = """

            [[environments.staging.probes]]
            name = "api-tls"
            kind = "http"
            url = "https://127.0.0.1:\(stack.apiTLSPort)/health"
            timeout = "\(timeout)"
            status_field = "status"
            \(caFile.map { "ca_file = \"\($0)\"" } ?? "")
            """
        let config = try stack.writeConfig(extraProbes: probe)
        let result = ProcessRunner.runSeparately(FaultSupport.binary, ["check", "--config", config, "--json"],
                                                 environment: stack.environment, timeout: 20)
        let json = try #require(FaultSupport.probe("api-tls", in: result.stdout), "\(result.stdout)\(result.stderr)")
        return (json, result.code, result.seconds)
    }

    private func fault(_ stack: TestStack, _ arguments: [String]) {
        let (code, output) = stack.run(["fault"] + arguments, timeout: 120)
        #expect(code == 0, "fault \(arguments): \(output)")
    }

    @Test("with the stack's CA as ca_file: up; without it: down, the certificate named as the reason")
    func caFile() throws {
        let stack = try FaultSupport.stack()
        let trusted = try check(stack, caFile: stack.caFile)
        #expect(trusted.probe["status"] as? String == "up", "\(trusted.probe)")
        let untrusted = try check(stack, caFile: nil)
        #expect(untrusted.probe["status"] as? String == "down", "\(untrusted.probe)")
        #expect((untrusted.probe["error"] as? String)?.contains("certificate") == true, "\(untrusted.probe)")
    }

    @Test("certificate faults: expiring → degraded with 9 days left; expired → down; wrong host → down naming other.example")
    func certificateFaults() throws {
        let stack = try FaultSupport.stack()
        defer { fault(stack, ["clear"]) }
        fault(stack, ["api-tls", "cert", "expiring"])
        let expiring = try check(stack, caFile: stack.caFile)
        #expect(expiring.probe["status"] as? String == "degraded", "\(expiring.probe)")
        #expect((expiring.probe["error"] as? String)?.contains("certificate expires in 9d") == true, "\(expiring.probe)")

        fault(stack, ["api-tls", "cert", "expired"])
        let expired = try check(stack, caFile: stack.caFile)
        #expect(expired.probe["status"] as? String == "down", "\(expired.probe)")
        #expect((expired.probe["error"] as? String)?.contains("expired") == true, "\(expired.probe)")

        fault(stack, ["api-tls", "cert", "wrong-host"])
        let wrongHost = try check(stack, caFile: stack.caFile)
        #expect(wrongHost.probe["status"] as? String == "down", "\(wrongHost.probe)")
        #expect((wrongHost.probe["error"] as? String)?.contains("other.example") == true, "\(wrongHost.probe)")
    }

    @Test("a listener that never answers the TLS handshake: down by the probe's deadline")
    func handshakeHang() throws {
        let stack = try FaultSupport.stack()
        defer { fault(stack, ["api-tls", "off"]) }
        fault(stack, ["api-tls", "handshake-hang"])
        let hung = try check(stack, caFile: stack.caFile, timeout: "1s")
        #expect(hung.probe["status"] as? String == "down", "\(hung.probe)")
        #expect(hung.seconds < 5, "check took \(hung.seconds) s")
    }
}
}
