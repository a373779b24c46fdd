@testable import TouchlineTestSupport
import TouchlineCore

/// Whether this build's config loader takes an https probe with `ca_file` (the libcurl client of issue #12).
enum HTTPSSupport {
    static var available: Bool {
        let text = """
            [environments.staging]
            [[environments.staging.probes]]
            name = "api-tls"
            kind = "http"
            url = "https://127.0.0.1:8443/health"
            ca_file = "/etc/ssl/certs/ca-certificates.crt"
            """
        return (try? ConfigLoader.parse(text, file: "probe.toml", baseDirectory: "/tmp", environment: [:])) != nil
    }
}
