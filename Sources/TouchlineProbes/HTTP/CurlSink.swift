import CCurl

/// Collects one exchange's header lines and body from libcurl's callbacks, stopping the transfer when the
/// body passes its limit. Reached from C through an unretained pointer; lives as long as its handle.
final class CurlSink {
    /// The largest body accepted, in bytes.
    let bodyLimit: Int
    /// The body received so far.
    private(set) var body: [UInt8] = []
    /// True when the body passed ``bodyLimit`` and the transfer was aborted.
    private(set) var overflowed = false
    /// The header fields of the last response head, names lower-cased.
    private(set) var headers: [String: String] = [:]
    /// The last response head's status line (`HTTP/1.1 503 Service Unavailable`), trimmed.
    private(set) var statusLine: String?
    /// The last response head's header lines, trimmed, in arrival order.
    private(set) var headerLines: [String] = []
    /// The TLS version of the connection (`TLSv1.3`), read while the response head arrives; nil for http.
    private(set) var tlsVersion: String?
    /// The easy handle this sink serves, to read the TLS session during the transfer.
    var handle: UnsafeMutableRawPointer?

    /// A sink that refuses bodies over `bodyLimit` bytes.
    init(bodyLimit: Int) {
        self.bodyLimit = bodyLimit
    }

    /// Forgets the last exchange.
    func reset() {
        body.removeAll(keepingCapacity: true)
        overflowed = false
        headers = [:]
        statusLine = nil
        headerLines = []
        tlsVersion = nil
    }

    /// Takes a piece of body; false (abort) once the body would pass the limit.
    func append(body piece: UnsafeRawBufferPointer) -> Bool {
        guard body.count + piece.count <= bodyLimit else {
            overflowed = true
            return false
        }
        body.append(contentsOf: piece)
        return true
    }

    /// Takes one header line as libcurl passes it (status lines included); a status line starts a new head,
    /// so the fields of a `103 Early Hints`, a `100 Continue` or a followed redirect are dropped.
    func append(headerLine piece: UnsafeRawBufferPointer) {
        let line = String(decoding: piece, as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            headers = [:]
            statusLine = String(line[...].trimmingCharacters(in: " \t\r\n"))
            headerLines = []
            if tlsVersion == nil, let handle, let version = touchline_curl_tls_version(handle) {
                tlsVersion = String(cString: version)
            }
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        if headerLines.count < 200 { headerLines.append(String(line[...].trimmingCharacters(in: " \t\r\n"))) }
        let name = line[..<colon].lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: " \t\r\n")
        headers[name] = headers[name].map { "\($0), \(value)" } ?? value
    }
}
