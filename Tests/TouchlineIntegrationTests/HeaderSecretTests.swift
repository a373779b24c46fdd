@testable import TouchlineTestSupport
import Foundation
import Testing
import TouchlineCore
import TouchlineProbes
@testable import TouchlineOps

/// A header value taken from the environment reaches the server and nothing else: not the check table, its
/// JSON, an incident snapshot, the state folder's files (audit log, state log) or the error stream.
@Suite("Header secrets from the environment")
struct HeaderSecretTests {
    @Test("the built binary sends ${API_TOKEN} and never prints, snapshots, logs or audits it")
    func secretNeverShown() throws {
        let secret = "tl-secret-\(UUID().uuidString.prefix(12))"
        let body = #"{"status":"healthy"}"#
        let listener = try LocalListener(.respondEach(Array("HTTP/1.1 200 OK\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8)))
        defer { listener.stop() }
        let root = NSTemporaryDirectory() + "touchline-secret-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let config = root + "/config.toml"
        try """
        [environments.staging]
        state_dir = "\(root)/state"
        [[environments.staging.probes]]
        name = "api"
        kind = "http"
        url = "http://127.0.0.1:\(listener.port)/health"
        status_field = "status"
        [environments.staging.probes.headers]
        Authorization = "Bearer ${API_TOKEN}"
        """.write(toFile: config, atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment
        environment["API_TOKEN"] = secret
        let binary = TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path
        var printed = ""
        for arguments in [["check"], ["check", "--json"], ["snapshot", "--output", root + "/snapshots"]] {
            let run = ProcessRunner.runSeparately(binary, arguments + ["--config", config], environment: environment, timeout: 60)
            #expect(run.code == 0, "\(arguments): \(run.stdout) \(run.stderr)")
            printed += run.stdout + run.stderr
        }
        #expect(printed.contains("api"))
        #expect(!printed.contains(secret))
        #expect(listener.requests.contains { $0.contains("Authorization: Bearer \(secret)\r\n") }, "the header reached the server")
        var files = 0
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let relative = enumerator?.nextObject() as? String {
            let path = root + "/" + relative
            guard relative != "config.toml", let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            files += 1
            #expect(!text.contains(secret), "\(relative) holds the secret")
        }
        #expect(files >= 2, "the snapshot's JSON and Markdown were written")
    }
}
