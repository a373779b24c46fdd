import Foundation
import Glibc

/// nghttpd (nghttp2's HTTP/2 server, Debian's `nghttp2-server`) on a free loopback port, serving the files of
/// a folder over TLS: it speaks only HTTP/2, offered by ALPN, so a client that gets an answer negotiated h2.
final class HTTP2Server: @unchecked Sendable {
    /// The port it listens on (127.0.0.1).
    let port: Int
    private let process: BackgroundProcess

    /// Where Debian installs nghttpd.
    static let binary = "/usr/sbin/nghttpd"

    /// Starts nghttpd presenting `cert`/`key`, serving `documentRoot`; throws when it does not listen within 10 s.
    init(cert: String, key: String, documentRoot: String) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
            throw TLSFixtureError(message: "\(Self.binary) is missing: install nghttp2-server (scripts/deps)")
        }
        port = TestStack.freePort()
        process = try BackgroundProcess([Self.binary, "--address=127.0.0.1", "-d", documentRoot, "\(port)", key, cert],
                                        environment: ["PATH": "/usr/bin:/bin"])
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if Self.accepts(port) { return }
            usleep(20_000)
        }
        let output = process.output
        process.stop()
        throw TLSFixtureError(message: "nghttpd did not listen on \(port): \(output)")
    }

    /// Stops the server.
    func stop() { process.stop() }

    /// Whether a TCP connection to 127.0.0.1:`port` is accepted.
    private static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}
