import Foundation

/// A kept-alive HTTP/1.1 connection to one host, re-opened when the server drops it.
public final class HTTPConnection {
    /// Where it connects.
    public let host: String
    public let port: Int
    /// Largest body accepted.
    public let bodyLimit: Int
    private var socket: TCPSocket?

    /// Creates a connection (nothing is opened until the first request).
    public init(host: String, port: Int, bodyLimit: Int = 1024 * 1024) {
        self.host = host
        self.port = port
        self.bodyLimit = bodyLimit
    }

    /// Whether the next request will reuse an open connection.
    public var isOpen: Bool { socket != nil }

    /// Closes the connection.
    public func close() {
        socket?.close()
        socket = nil
    }

    /// Sends one request and reads the whole response before `deadline`.
    ///
    /// Returns the response and whether a new connection had to be set up. A kept connection that the
    /// server had closed is retried once on a fresh one, within the same deadline.
    public func request(method: String = "GET", path: String, headers: [String: String] = [:], body: [UInt8] = [],
                        deadline: Deadline) throws(ProbeFailure) -> (response: HTTPResponse, newConnection: Bool) {
        if let socket, socket.peerHasClosed { close() }
        let reused = socket != nil
        do {
            return try attempt(method: method, path: path, headers: headers, body: body, deadline: deadline, reused: reused)
        } catch where error.connectionLost && reused && !deadline.hasPassed {
            close()
            return try attempt(method: method, path: path, headers: headers, body: body, deadline: deadline, reused: false)
        }
    }

    private func attempt(method: String, path: String, headers: [String: String], body: [UInt8],
                         deadline: Deadline, reused: Bool) throws(ProbeFailure) -> (response: HTTPResponse, newConnection: Bool) {
        do {
            let connection: TCPSocket
            if let socket {
                connection = socket
            } else {
                connection = try TCPSocket.connect(host: host, port: port, deadline: deadline)
                socket = connection
            }
            try connection.send(Self.requestBytes(host: host, port: port, method: method, path: path, headers: headers, body: body),
                                deadline: deadline)
            var parser = HTTPResponseParser(bodyLimit: bodyLimit, headRequest: method == "HEAD")
            while true {
                let bytes = try connection.receive(deadline: deadline)
                if bytes.isEmpty {
                    let response = try parser.finish()
                    close()
                    return (response, !reused)
                }
                if let response = try parser.feed(bytes) {
                    if !response.keepAlive { close() }
                    return (response, !reused)
                }
            }
        } catch {
            close()
            throw error
        }
    }

    /// The bytes of one request to `host`:`port`.
    static func requestBytes(host: String, port: Int, method: String, path: String, headers: [String: String],
                             body: [UInt8]) -> [UInt8] {
        let hostHeader = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(hostHeader)\r\nUser-Agent: touchline/1\r\n"
        var fields = headers
        if fields["Accept"] == nil { fields["Accept"] = "application/json, */*" }
        if !body.isEmpty || method == "POST" || method == "PUT" { fields["Content-Length"] = String(body.count) }
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        return Array(head.utf8) + body
    }
}
