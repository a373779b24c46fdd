import Foundation
import TouchlineCore
import TouchlineProbes

/// Sends a rehearsal's requests (functional checks, load-test endpoints) over one kept-alive connection
/// of touchline's own HTTP/1.1 client, measuring each request's latency. Used from one thread at a time.
final class RehearsalHTTP {
    private let connection: HTTPConnection

    /// A client for `address`.
    init(address: HostPort) {
        connection = HTTPConnection(host: address.host, port: address.port)
    }

    /// Sends `request` with a time limit of `timeout` seconds; the response and the seconds it took, or the failure.
    func send(_ request: RehearsalRequest, timeout: Double) -> (response: HTTPResponse?, seconds: Double, error: String?) {
        let started = ContinuousClock.now
        var headers: [String: String] = [:]
        let body = Array((request.body ?? "").utf8)
        if request.body != nil { headers["Content-Type"] = "application/json" }
        do {
            let (response, _) = try connection.request(method: request.method, path: request.path, headers: headers,
                                                       body: body, deadline: Deadline(seconds: timeout))
            return (response, started.duration(to: .now).seconds, nil)
        } catch {
            return (nil, started.duration(to: .now).seconds, error.message)
        }
    }

    /// Closes the connection.
    func close() { connection.close() }
}
