import FoundationEssentials
import TouchlineCore

/// Sends a rehearsal's requests (functional checks, load-test endpoints) over one kept-alive libcurl
/// connection, measuring each request's latency. Used from one thread at a time.
public final class RehearsalHTTP {
    private let address: HostPort
    private let client = CurlEasy(CurlEasy.Setup())

    /// A client for `address`.
    public init(address: HostPort) {
        self.address = address
    }

    /// Sends `request` with a time limit of `timeout` seconds; the response and the seconds it took, or the failure.
    public func send(_ request: RehearsalRequest, timeout: Double) -> (response: HTTPResponse?, seconds: Double, error: String?) {
        let started = ContinuousClock.now
        let path = request.path.hasPrefix("/") ? request.path : "/" + request.path
        let exchange = client.perform(CurlRequest(url: "http://\(address.description)\(path)", address: address, method: request.method,
                                                  headers: request.body != nil ? ["Content-Type: application/json"] : [],
                                                  body: request.body.map { Array($0.utf8) }, timeout: timeout))
        return (exchange.response, started.duration(to: .now).seconds, exchange.failure?.message)
    }

    /// Closes the connection.
    public func close() { client.close() }
}
