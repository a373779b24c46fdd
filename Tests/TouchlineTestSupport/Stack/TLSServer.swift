import Foundation
import Glibc
import TouchlineProbes
import TouchlineOps

/// A small HTTPS server (Python's `ssl` and `http.server`, run by the real interpreter /usr/bin/python3) on
/// a free loopback port, answering every GET with `{"status":"healthy","version":"tls-1"}`.
final class TLSServer: @unchecked Sendable {
    /// The port it listens on.
    let port: Int
    private let pid: Int32

    private static let script = """
    import http.server, os, ssl, sys
    cert, key, portfile, client_ca = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def do_GET(self):
            body = b'{"status":"healthy","version":"tls-1"}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        def log_message(self, *args):
            pass
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    if client_ca:
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(client_ca)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    with open(portfile + ".tmp", "w") as f:
        f.write("%d %d" % (server.server_address[1], os.getpid()))
    os.rename(portfile + ".tmp", portfile)
    server.serve_forever()
    """

    /// Starts a server presenting `cert`/`key`; with `clientCA` it requires a client certificate signed by it.
    init(cert: String, key: String, clientCA: String? = nil, in directory: String) throws {
        let name = "server-\(UUID().uuidString.prefix(8))"
        let scriptPath = "\(directory)/\(name).py", portFile = "\(directory)/\(name).port"
        try Self.script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        let command = "/usr/bin/python3 '\(scriptPath)' '\(cert)' '\(key)' '\(portFile)' '\(clientCA ?? "")'"
            + " </dev/null >'\(directory)/\(name).log' 2>&1 &"
        _ = ChildProcess.run(["/bin/sh", "-c", command], timeout: 10)
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8) {
                let parts = text.split(separator: " ").compactMap { Int($0) }
                if parts.count == 2 {
                    port = parts[0]
                    pid = Int32(parts[1])
                    return
                }
            }
            usleep(20_000)
        }
        let log = (try? String(contentsOfFile: "\(directory)/\(name).log", encoding: .utf8)) ?? ""
        throw TLSFixtureError(message: "the TLS server did not start: \(log)")
    }

    /// Stops the server (by the pid it wrote itself).
    func stop() { kill(pid, SIGTERM) }

    deinit { stop() }
}
