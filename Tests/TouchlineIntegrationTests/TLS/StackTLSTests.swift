@testable import TouchlineTestSupport
import Foundation
import Glibc
import Testing
import TouchlineCore
@testable import TouchlineProbes
@testable import TouchlineOps

/// The stack's TLS pieces checked with the reference tools (curl, openssl s_client): the HTTPS API
/// verified through the stack's CA, and the certificate faults presenting what they promise.
extension RealStackSuite {
@Suite("Stack: HTTPS API and certificate faults", .serialized)
struct StackTLSTests {
    /// `curl --cacert CA` (or no CA) of the HTTPS API's /health: exit code, body or error, seconds.
    private func curl(_ stack: TestStack, ca: String?, maxTime: Int = 5) -> (code: Int32, output: String, seconds: Double) {
        var arguments = ["-sS", "-m", String(maxTime), "-o", "-"]
        if let ca { arguments += ["--cacert", ca] }
        let result = ProcessRunner.runSeparately("/usr/bin/curl", arguments + ["https://127.0.0.1:\(stack.apiTLSPort)/health"],
                                                 environment: [:], timeout: Double(maxTime) + 10)
        return (result.code, result.stdout + result.stderr, result.seconds)
    }

    /// What the HTTPS API presents, through `openssl s_client | openssl x509 ARGS`: output and exit code.
    private func presented(_ stack: TestStack, _ x509Arguments: String) -> (code: Int32, output: String) {
        let script = "echo | openssl s_client -connect 127.0.0.1:\(stack.apiTLSPort) 2>/dev/null | openssl x509 -noout \(x509Arguments)"
        let result = ProcessRunner.run("/bin/sh", ["-c", script], environment: ProcessInfo.processInfo.environment, timeout: 15)
        return (result.0, result.1.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private func fault(_ stack: TestStack, _ arguments: [String]) {
        let (code, output) = stack.run(["fault"] + arguments, timeout: 120)
        #expect(code == 0, "fault \(arguments): \(output)")
    }

    @Test("the HTTPS API answers /health through the stack's CA; without it curl refuses the certificate; env exports the CA")
    func httpsThroughTheCA() throws {
        let stack = try FaultSupport.stack()
        let good = curl(stack, ca: stack.caFile)
        #expect(good.code == 0, "\(good.output)")
        #expect(good.output.contains("\"status\":\"healthy\""), "\(good.output)")
        let unknown = curl(stack, ca: nil)
        #expect(unknown.code == 60, "\(unknown.output)")
        #expect(unknown.output.contains("unable to get local issuer certificate"), "\(unknown.output)")
        let sans = presented(stack, "-ext subjectAltName")
        #expect(sans.output.contains("IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:localhost"), "\(sans.output)")
        #expect(stack.run(["env"]).1.contains("export STACK_CA_FILE=\(stack.caFile)"))
        let status = stack.run(["status"]).1
        #expect(status.split(separator: "\n").contains { $0.hasPrefix("api-tls ") && $0.contains(" port=\(stack.apiTLSPort) ") }, "\(status)")
    }

    @Test("fault api-tls cert expired | expiring | wrong-host: the server presents that certificate; fault clear the good one again")
    func certificateFaults() throws {
        let stack = try FaultSupport.stack()
        defer { fault(stack, ["clear"]) }
        let good = presented(stack, "-fingerprint -sha256").output

        fault(stack, ["api-tls", "cert", "expired"])
        #expect(presented(stack, "-checkend 0").code == 1, "the certificate has not expired: \(presented(stack, "-enddate").output)")
        let expired = curl(stack, ca: stack.caFile)
        #expect(expired.code == 60 && expired.output.contains("certificate has expired"), "\(expired.output)")

        fault(stack, ["api-tls", "cert", "expiring"])
        let days = Double(86_400)
        #expect(presented(stack, "-checkend \(Int(9 * days))").code == 0, "\(presented(stack, "-enddate").output)")
        #expect(presented(stack, "-checkend \(Int(9.2 * days))").code == 1, "\(presented(stack, "-enddate").output)")
        #expect(curl(stack, ca: stack.caFile).code == 0, "an expiring certificate is still valid")

        fault(stack, ["api-tls", "cert", "wrong-host"])
        #expect(presented(stack, "-ext subjectAltName").output.hasSuffix("DNS:other.example"), "\(presented(stack, "-ext subjectAltName").output)")
        let wrongHost = curl(stack, ca: stack.caFile)
        #expect(wrongHost.code == 60, "\(wrongHost.output)")
        #expect(wrongHost.output.contains("127.0.0.1"), "\(wrongHost.output)")
        #expect(stack.run(["status"]).1.contains("fault=wrong-host"))

        fault(stack, ["clear"])
        #expect(presented(stack, "-fingerprint -sha256").output == good)
        #expect(curl(stack, ca: stack.caFile).code == 0)
        #expect(!stack.run(["status"]).1.contains("fault="))
    }

    @Test("fault api-tls handshake-hang: TCP accepted, the handshake never answered (curl times out); off restores")
    func handshakeHang() throws {
        let stack = try FaultSupport.stack()
        defer { fault(stack, ["api-tls", "off"]) }
        fault(stack, ["api-tls", "handshake-hang"])
        let hung = curl(stack, ca: stack.caFile, maxTime: 2)
        #expect(hung.code == 28, "\(hung.output)")
        #expect(hung.seconds >= 1.9 && hung.seconds < 4, "\(hung.seconds) s")
        fault(stack, ["api-tls", "off"])
        #expect(curl(stack, ca: stack.caFile).code == 0)
    }

    @Test("bad fault arguments: one usage line, exit 1")
    func badFaultArguments() throws {
        let stack = try FaultSupport.stack()
        for arguments in [["api-tls", "cert", "stale"], ["api-tls", "cert"], ["api-tls", "melt"]] {
            let (code, output) = stack.run(["fault"] + arguments)
            #expect(code == 1, "\(arguments): \(output)")
            #expect(output.contains("usage: scripts/stack fault api-tls cert expired|expiring|wrong-host"), "\(output)")
        }
    }
}
}
