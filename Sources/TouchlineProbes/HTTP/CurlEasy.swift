import CCurl
import Glibc
import TouchlineCore

/// One libcurl easy handle: its connection is kept alive and reused from one exchange to the next.
///
/// Not thread-safe: a handle lives on one thread (a probe's runner thread, a rehearsal worker). `perform`
/// blocks that thread (never Swift's cooperative pool) for at most the request's timeout: libcurl's
/// `CURLOPT_TIMEOUT_MS` covers name lookup, connect, TLS handshake and the whole body.
final class CurlEasy {
    /// Where a handle connects and how it verifies: fixed for its life.
    struct Setup {
        /// The largest body accepted, in bytes; a larger one aborts the transfer.
        var bodyLimit = 1024 * 1024
        var followRedirects = false
        /// nil: the usual environment variables; empty: no proxy.
        var proxy: String?
        /// `NO_PROXY` as the environment gives it; loopback is added. nil: the process's own
        /// `NO_PROXY` / `no_proxy` (setting `CURLOPT_NOPROXY` replaces libcurl's reading of them).
        var noProxy: String?
        var tls = HTTPTLSOptions()
        /// Read the server's certificate chain on each new TLS connection.
        var readCertificates = false
    }

    private static let emptyBody: StaticString = ""
    private static let globalInit: Bool = curl_global_init(touchline_curl_global_default()) == CURLE_OK

    private var handle: UnsafeMutableRawPointer?
    private let sink: CurlSink
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var headerList: UnsafeMutablePointer<curl_slist>?
    /// The `CURLOPT_RESOLVE` entry of a name pinned in ``Resolver/pinned`` (`host:port:addr1,[addr2]`), so
    /// libcurl, which resolves by itself, sees the same addresses as every other probe kind.
    private var resolveList: UnsafeMutablePointer<curl_slist>?
    private var resolveEntry: String?
    private var headerLines: [String] = []
    private let setup: Setup

    /// A handle configured with `setup`; nothing is opened until the first exchange.
    init(_ setup: Setup) {
        self.setup = setup
        sink = CurlSink(bodyLimit: setup.bodyLimit)
        let size = Int(touchline_curl_error_size())
        errorBuffer = .allocate(capacity: size)
        errorBuffer.initialize(repeating: 0, count: size)
    }

    /// The easy handle with every fixed option set, created on first use and after ``close()``.
    private func open() -> UnsafeMutableRawPointer? {
        if let handle { return handle }
        guard Self.globalInit, let handle = curl_easy_init() else { return nil }
        self.handle = handle
        sink.handle = handle
        headerLines = []
        long(handle, CURLOPT_NOSIGNAL, 1)
        _ = touchline_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        long(handle, CURLOPT_HTTP_VERSION, touchline_curl_http_version_2tls())
        string(handle, CURLOPT_USERAGENT, "touchline/1")
        long(handle, CURLOPT_FOLLOWLOCATION, setup.followRedirects ? 1 : 0)
        long(handle, CURLOPT_MAXREDIRS, 10)
        if let proxy = setup.proxy { string(handle, CURLOPT_PROXY, proxy) }
        let loopback = "localhost,127.0.0.0/8,::1"  // libcurl reads CIDR (7.86+): all of 127/8 is loopback
        let userNoProxy = setup.noProxy ?? (getenv("NO_PROXY") ?? getenv("no_proxy")).map { String(cString: $0) } ?? ""
        // libcurl reads `*` (no proxy at all) only as the whole list: after loopback's it would be a host name.
        string(handle, CURLOPT_NOPROXY, userNoProxy.isEmpty ? loopback : userNoProxy == "*" ? "*" : "\(loopback),\(userNoProxy)")
        if let caFile = setup.tls.caFile { string(handle, CURLOPT_CAINFO, caFile) }
        if let cert = setup.tls.clientCert { string(handle, CURLOPT_SSLCERT, cert) }
        if let key = setup.tls.clientKey { string(handle, CURLOPT_SSLKEY, key) }
        if setup.tls.insecure {
            long(handle, CURLOPT_SSL_VERIFYPEER, 0)
            long(handle, CURLOPT_SSL_VERIFYHOST, 0)
        }
        if setup.readCertificates { long(handle, CURLOPT_CERTINFO, 1) }
        let context = Unmanaged.passUnretained(sink).toOpaque()
        _ = touchline_curl_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION) { data, size, count, userdata in
            guard let userdata else { return 0 }
            let sink = Unmanaged<CurlSink>.fromOpaque(userdata).takeUnretainedValue()
            let length = size * count
            return sink.append(body: UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
        }
        _ = touchline_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
        _ = touchline_curl_setopt_write_callback(handle, CURLOPT_HEADERFUNCTION) { data, size, count, userdata in
            guard let userdata else { return 0 }
            let sink = Unmanaged<CurlSink>.fromOpaque(userdata).takeUnretainedValue()
            let length = size * count
            sink.append(headerLine: UnsafeRawBufferPointer(start: data, count: length))
            return length
        }
        _ = touchline_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, context)
        return handle
    }

    deinit {
        if let handle { curl_easy_cleanup(handle) }
        curl_slist_free_all(headerList)
        curl_slist_free_all(resolveList)
        errorBuffer.deallocate()
    }

    /// Runs libcurl's connect path once, before any clock starts: a connect-only attempt (no request is
    /// sent) to a loopback port that is almost certainly closed. In a fresh process (`touchline check`) the
    /// first connect pays the dynamic linker's lazy binding of every libc and libcurl symbol on the path,
    /// across the 54 libraries touchline maps (measured here: +0.3 to 0.7 ms on `time_connect`),
    /// which is no part of the service's latency; the curl command, with few libraries, pays far less.
    static let warmUp: Void = {
        guard globalInit, let handle = curl_easy_init() else { return }
        defer { curl_easy_cleanup(handle) }
        _ = touchline_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = touchline_curl_setopt_long(handle, CURLOPT_CONNECT_ONLY, 1)
        _ = touchline_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, 50)
        _ = touchline_curl_setopt_string(handle, CURLOPT_URL, "http://127.0.0.1:1/")
        _ = touchline_curl_setopt_string(handle, CURLOPT_NOPROXY, "*")
        _ = curl_easy_perform(handle)
    }()

    /// Closes the kept connection and frees the handle (the next exchange opens both again).
    func close() {
        if let handle { curl_easy_cleanup(handle) }
        handle = nil
        sink.handle = nil
    }

    /// Runs one exchange; blocks for at most `request.timeout` seconds (plus libcurl's few milliseconds).
    func perform(_ request: CurlRequest) -> CurlExchange {
        let zero = HTTPTimings(namelookup: 0, connect: 0, appconnect: 0, starttransfer: 0, total: 0)
        guard let handle = open() else {
            return CurlExchange(failure: ProbeFailure("libcurl could not be initialised"), timings: zero, newConnection: false)
        }
        sink.reset()
        errorBuffer[0] = 0
        configure(handle, request)
        let code = curl_easy_perform(handle)
        var exchange = CurlExchange(timings: timings(handle), newConnection: info(handle, CURLINFO_NUM_CONNECTS) > 0)
        if exchange.newConnection && setup.readCertificates {
            exchange.certificate = CertificateInfoReader.leaf(of: handle)
        }
        let status = info(handle, CURLINFO_RESPONSE_CODE)
        exchange.httpVersion = Self.versionName(info(handle, CURLINFO_HTTP_VERSION))
        exchange.tlsVersion = sink.tlsVersion
        exchange.capture = sink.statusLine.map { HTTPResponseCapture(statusLine: $0, headerLines: sink.headerLines, body: sink.body) }
        guard code == CURLE_OK else {
            if setup.readCertificates, setup.tls.clientCert == nil, exchange.timings.appconnect > 0, exchange.timings.starttransfer == 0,
               [CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_SSL_CONNECT_ERROR].contains(code) {
                // TLS 1.3 servers check a client certificate after the client's side of the handshake is done,
                // then drop the connection (often without an alert the client can read).
                exchange.failure = ProbeFailure("connection closed by the server right after the TLS handshake: "
                                                + "it likely requires a client certificate (set client_cert and client_key)")
                return exchange
            }
            exchange.failure = sink.overflowed ? ProbeFailure("response body larger than \(Self.limitText(setup.bodyLimit))")
                : CurlFailure.describe(code, detail: String(cString: errorBuffer), verifyResult: info(handle, CURLINFO_SSL_VERIFYRESULT),
                                       osErrno: Int32(truncatingIfNeeded: info(handle, CURLINFO_OS_ERRNO)),
                                       certificate: exchange.certificate, host: request.address.host, port: request.address.port,
                                       timeout: request.timeout, redirected: info(handle, CURLINFO_REDIRECT_COUNT) > 0)
            return exchange
        }
        exchange.response = HTTPResponse(status: status, headers: sink.headers, body: sink.body)
        if (300..<400).contains(status) { exchange.location = sink.headers["location"] }
        return exchange
    }

    private func configure(_ handle: UnsafeMutableRawPointer, _ request: CurlRequest) {
        pinAddresses(handle, request)
        string(handle, CURLOPT_URL, request.url)
        let milliseconds = max(1, Int(clampingFinite: (request.timeout * 1000).rounded()))
        long(handle, CURLOPT_TIMEOUT_MS, milliseconds)
        long(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds)
        _ = touchline_curl_setopt_pointer(handle, CURLOPT_CUSTOMREQUEST, nil)
        long(handle, CURLOPT_NOBODY, 0)
        long(handle, CURLOPT_HTTPGET, 1)
        if request.method == "HEAD" {
            long(handle, CURLOPT_NOBODY, 1)
        } else if request.body != nil || ["POST", "PUT", "PATCH"].contains(request.method) {
            let body = request.body ?? []
            _ = touchline_curl_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            body.withUnsafeBytes { buffer in
                // An empty body still needs a non-NULL pointer, or libcurl would read the body from stdin.
                let bytes = buffer.baseAddress ?? UnsafeRawPointer(Self.emptyBody.utf8Start)
                _ = touchline_curl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes))
            }
            if request.method != "POST" { string(handle, CURLOPT_CUSTOMREQUEST, request.method) }
        } else if request.method != "GET" {
            string(handle, CURLOPT_CUSTOMREQUEST, request.method)
        }
        var lines = request.headers
        if !lines.contains(where: { $0.lowercased().hasPrefix("accept:") }) { lines.append("Accept: application/json, */*") }
        lines.append("Expect:")
        if lines != headerLines {
            curl_slist_free_all(headerList)
            headerList = nil
            for line in lines { headerList = curl_slist_append(headerList, line) }
            _ = touchline_curl_setopt_pointer(handle, CURLOPT_HTTPHEADER, headerList)
            headerLines = lines
        }
    }

    /// Hands libcurl the literals of a pinned name (every one of them, in order: libcurl tries each address,
    /// as the other probe kinds do), or clears a pin that went away.
    private func pinAddresses(_ handle: UnsafeMutableRawPointer, _ request: CurlRequest) {
        let host = request.address.host
        let entry = Resolver.pinned.literals(for: host).map { literals in
            "\(host):\(request.address.port):" + literals.map { $0.contains(":") ? "[\($0)]" : $0 }.joined(separator: ",")
        }
        guard entry != resolveEntry else { return }
        curl_slist_free_all(resolveList)
        resolveList = entry.map { curl_slist_append(nil, $0) } ?? nil
        _ = touchline_curl_setopt_pointer(handle, CURLOPT_RESOLVE, resolveList)
        resolveEntry = entry
    }

    private func timings(_ handle: UnsafeMutableRawPointer) -> HTTPTimings {
        func seconds(_ key: CURLINFO) -> Double {
            var value: curl_off_t = 0
            _ = touchline_curl_getinfo_off(handle, key, &value)
            return Double(value) / 1_000_000
        }
        return HTTPTimings(namelookup: seconds(CURLINFO_NAMELOOKUP_TIME_T), connect: seconds(CURLINFO_CONNECT_TIME_T),
                           appconnect: seconds(CURLINFO_APPCONNECT_TIME_T),
                           starttransfer: seconds(CURLINFO_STARTTRANSFER_TIME_T), total: seconds(CURLINFO_TOTAL_TIME_T))
    }

    private func info(_ handle: UnsafeMutableRawPointer, _ key: CURLINFO) -> Int {
        var value = 0
        _ = touchline_curl_getinfo_long(handle, key, &value)
        return value
    }

    private func long(_ handle: UnsafeMutableRawPointer, _ option: CURLoption, _ value: Int) {
        _ = touchline_curl_setopt_long(handle, option, value)
    }

    private func string(_ handle: UnsafeMutableRawPointer, _ option: CURLoption, _ value: String) {
        _ = touchline_curl_setopt_string(handle, option, value)
    }

    /// `CURLINFO_HTTP_VERSION` in words.
    static func versionName(_ value: Int) -> String? {
        switch value {
        case 1: return "HTTP/1.0" // CURL_HTTP_VERSION_1_0
        case 2: return "HTTP/1.1" // CURL_HTTP_VERSION_1_1
        case 3: return "HTTP/2" // CURL_HTTP_VERSION_2_0
        case 30: return "HTTP/3" // CURL_HTTP_VERSION_3
        default: return nil
        }
    }

    /// `1 MiB`, or bytes when under a MiB.
    static func limitText(_ bytes: Int) -> String {
        bytes >= 1024 * 1024 ? "\(bytes / 1024 / 1024) MiB" : "\(bytes) bytes"
    }
}
