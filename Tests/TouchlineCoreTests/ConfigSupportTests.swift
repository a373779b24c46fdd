import Testing
@testable import TouchlineCore

@Suite("Addresses, key lines and secrets")
struct ConfigSupportTests {
    @Test("host:port parsing", arguments: [
        ("127.0.0.1:6380", HostPort(host: "127.0.0.1", port: 6380)),
        ("redis.internal:6379", HostPort(host: "redis.internal", port: 6379)),
        ("[::1]:5432", HostPort(host: "::1", port: 5432)),
    ])
    func parses(text: String, expected: HostPort) {
        #expect(HostPort(parsing: text) == expected)
    }

    @Test("malformed addresses", arguments: ["localhost", ":80", "host:0", "host:65536", "host:http", "::1:80", "[::1]", "a b:1"])
    func rejects(text: String) {
        #expect(HostPort(parsing: text) == nil)
    }

    @Test("key lines across tables and arrays of tables")
    func keyLines() {
        let text = """
            theme = "x" # a comment with key = value
            [environments.staging]
            label = "S"
            [[environments.staging.probes]]
            name = "a"
            [[environments.staging.probes]]
            name = "b"
            timeout = "2s"
            [environments.staging.restart.api]
            command = ["x"]
            """
        let locator = TOMLKeyLocator(text: text)
        #expect(locator.line(of: "theme") == 1)
        #expect(locator.line(of: "environments.staging.label") == 3)
        #expect(locator.line(of: "environments.staging.probes[0].name") == 5)
        #expect(locator.line(of: "environments.staging.probes[1].timeout") == 8)
        #expect(locator.line(of: "environments.staging.probes[1].missing") == 6)
        #expect(locator.line(of: "environments.staging.restart.api.command") == 10)
    }

    @Test("passwords never survive redaction")
    func redaction() {
        #expect(SecretRedactor.redactDSN("host=db password=s3cret user=u") == "host=db password=*** user=u")
        #expect(SecretRedactor.redactDSN("host=db password='a b' user=u") == "host=db password=*** user=u")
        #expect(SecretRedactor.redactDSN("postgresql://u:s3cret@db/x") == "user=u password=*** host=db dbname=x")
        #expect(SecretRedactor.redactDSN("host=db user=u") == "host=db user=u")
    }
}
