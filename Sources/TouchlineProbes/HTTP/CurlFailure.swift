import CCurl
import Glibc
import TouchlineCore

/// Turns a failed libcurl transfer into words: the `CURLcode`, the handle's error buffer and, for a
/// certificate that failed verification, OpenSSL's X509 verify code (`CURLINFO_SSL_VERIFYRESULT`).
enum CurlFailure {
    /// ` (tried ::1, 127.0.0.1)` when `host` is a name with several addresses (libcurl tried each of them before
    /// giving up, as the other probe kinds do), else empty. Resolved again only on this failure path.
    private static func tried(host: String, port: Int) -> String {
        guard let addresses = try? Resolver.resolve(host: host, port: port, deadline: Deadline(seconds: 0.2)),
              addresses.count > 1 else { return "" }
        return " " + TCPSocket.triedText(addresses)
    }

    /// What went wrong with an exchange to `host`:`port` that ended with `code`.
    ///
    /// - Parameters:
    ///   - detail: the error buffer's text (`CURLOPT_ERRORBUFFER`), may be empty.
    ///   - verifyResult: the X509 verify result (0 when verification passed or did not run).
    ///   - osErrno: the `errno` of a failed connect (`CURLINFO_OS_ERRNO`), 0 when none.
    ///   - certificate: the server's leaf certificate when it was read before the failure.
    ///   - timeout: the exchange's deadline in seconds, for `timeout after 500ms`.
    ///   - redirected: a redirect was followed, so a connect may have failed to another host than `host`.
    static func describe(_ code: CURLcode, detail: String, verifyResult: Int, osErrno: Int32 = 0, certificate: CertificateSummary?,
                         host: String, port: Int, timeout: Double, redirected: Bool = false) -> ProbeFailure {
        let place = HostPort(host: host, port: port).description
        if detail.contains("certificate required") {
            return ProbeFailure("TLS refused: the server requires a client certificate (set client_cert and client_key)")
        }
        if detail.hasPrefix("CONNECT tunnel failed"), let response = detail.firstRange(of: "response ") {
            // libcurl 7.88: `CONNECT tunnel failed, response 403`, reported as a receive error.
            return ProbeFailure("proxy refused the CONNECT tunnel: HTTP \(detail[response.upperBound...])")
        }
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return ProbeFailure("timeout after \(DurationText.format(timeout))", deadlineExceeded: true)
        case CURLE_COULDNT_RESOLVE_HOST:
            return ProbeFailure("cannot resolve \(host)")
        case CURLE_COULDNT_RESOLVE_PROXY:
            return ProbeFailure("cannot resolve the proxy: \(detail)")
        case CURLE_COULDNT_CONNECT:
            if !redirected, let proxy = proxyPlace(in: detail, host: host, port: port) {
                if osErrno == ECONNREFUSED { return ProbeFailure("connection refused by the proxy (\(proxy))") }
                return ProbeFailure("cannot connect to the proxy \(proxy): " + (osErrno != 0 ? String(cString: strerror(osErrno)) : detail))
            }
            if osErrno == ECONNREFUSED || detail.contains("refused") {
                return ProbeFailure("connection refused (\(place))" + tried(host: host, port: port))
            }
            if osErrno != 0 { return ProbeFailure("cannot connect to \(place): \(String(cString: strerror(osErrno)))") }
            return ProbeFailure("cannot connect to \(place): \(detail)")
        case CURLE_PEER_FAILED_VERIFICATION:
            return ProbeFailure(verification(verifyResult, detail: detail, certificate: certificate, host: host))
        case CURLE_SSL_CACERT_BADFILE:
            return ProbeFailure("cannot use ca_file: \(detail)")
        case CURLE_SSL_CERTPROBLEM:
            return ProbeFailure("cannot use client_cert/client_key: \(detail)")
        case CURLE_SSL_CONNECT_ERROR:
            return ProbeFailure("TLS handshake failed: \(detail)")
        case CURLE_GOT_NOTHING:
            return ProbeFailure("server closed the connection without answering")
        case CURLE_PARTIAL_FILE:
            return ProbeFailure("connection closed before the body was complete")
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR:
            return ProbeFailure("connection lost: \(detail)")
        case CURLE_UNSUPPORTED_PROTOCOL where detail.contains("HTTP/0.9"):
            return ProbeFailure("invalid HTTP response: no HTTP status line")
        case CURLE_WEIRD_SERVER_REPLY:
            return ProbeFailure("invalid HTTP response: \(detail)")
        case CURLE_TOO_MANY_REDIRECTS:
            return ProbeFailure("too many redirects: \(detail)")
        default:
            let text = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
            return ProbeFailure(text)
        }
    }

    /// The `host:port` that libcurl's `Failed to connect to HOST port N after …` names when it is not the
    /// target's own: the connect that failed was to a proxy (libcurl 7.88 has no `CURLINFO_USED_PROXY`).
    static func proxyPlace(in detail: String, host: String, port: Int) -> String? {
        let prefix = "Failed to connect to "
        guard detail.hasPrefix(prefix) else { return nil }
        let words = detail.dropFirst(prefix.count).split(separator: " ", maxSplits: 3)
        guard words.count >= 3, words[1] == "port", let number = Int(words[2]) else { return nil }
        let named = String(words[0])
        guard named != host || number != port else { return nil }
        return HostPort(host: named, port: number).description
    }

    /// A certificate that failed verification, in words. Verify codes are OpenSSL's `X509_V_ERR_*`.
    static func verification(_ result: Int, detail: String, certificate: CertificateSummary?, host: String) -> String {
        switch result {
        case 10: // X509_V_ERR_CERT_HAS_EXPIRED
            let when = certificate.map { " (\($0.notAfterDay))" } ?? ""
            return "certificate has expired\(when)"
        case 9: // X509_V_ERR_CERT_NOT_YET_VALID
            return "certificate is not yet valid"
        case 18: // X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT
            return "self-signed certificate; set ca_file"
        case 19: // X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN
            return "self-signed certificate in the chain (private CA?); set ca_file"
        case 20, 21: // X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE
            return "certificate issuer not trusted (private CA?); set ca_file"
        case 23: // X509_V_ERR_CERT_REVOKED
            return "certificate has been revoked"
        case 62: // X509_V_ERR_HOSTNAME_MISMATCH
            return mismatch(certificate: certificate, host: host, detail: detail)
        default:
            if detail.contains("subject name") || detail.contains("does not match") || detail.contains("no alternative") {
                return mismatch(certificate: certificate, host: host, detail: detail)
            }
            return "certificate not trusted: \(detail)"
        }
    }

    private static func mismatch(certificate: CertificateSummary?, host: String, detail: String) -> String {
        guard let names = certificate?.names, !names.isEmpty else {
            return "hostname mismatch: certificate is not for \(host) (\(detail))"
        }
        return "hostname mismatch: certificate is for \(names.joined(separator: ", ")), not \(host)"
    }
}
