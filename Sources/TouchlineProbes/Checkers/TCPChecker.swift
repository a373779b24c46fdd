import TouchlineCore

/// Checks that a TCP port accepts connections; latency is the connect time.
public final class TCPChecker: ProbeChecker {
    public let config: ProbeConfig
    private let address: HostPort

    /// Creates a checker for `address`.
    public init(config: ProbeConfig, address: HostPort) {
        self.config = config
        self.address = address
    }

    public func check() -> ProbeSample {
        CheckOutcome.measure(config) { deadline throws(ProbeFailure) in
            let socket = try TCPSocket.connect(host: address.host, port: address.port, deadline: deadline)
            socket.close()
            return CheckOutcome()
        }
    }

    public func close() {}
}
