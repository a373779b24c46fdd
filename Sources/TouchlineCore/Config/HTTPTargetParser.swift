import FoundationEssentials

/// Reads the keys of an `http` probe table into an ``HTTPProbeTarget``, refusing bad combinations at load.
enum HTTPTargetParser {
    /// The keys an http probe may set besides the common ones.
    static let keys = ["url", "expect_status", "status_field", "version_field", "method", "body", "headers",
                       "follow_redirects", "proxy", "ca_file", "client_cert", "client_key", "insecure", "cert_expiry_warn"]
    private static let tlsKeys = ["ca_file", "client_cert", "client_key", "insecure", "cert_expiry_warn"]

    /// Parses the target of probe `name`; relative file paths are taken from `baseDirectory`. A header
    /// referencing an unset environment variable is a warning (the header is then sent with an empty part).
    static func parse(_ reader: inout TableReader, name: String, baseDirectory: String,
                      environment: [String: String], warnings: inout [String]) throws -> HTTPProbeTarget {
        let url = try reader.requiredString("url", for: "for http probe '\(name)'")
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              var host = components.host, !host.isEmpty else {
            if url.split(separator: "/").dropFirst().first?.filter({ $0 == ":" }).count ?? 0 > 1 {
                throw reader.error("url", "an IPv6 address in a URL goes in brackets, e.g. http://[::1]:8001/health")
            }
            throw reader.error("url", "malformed URL \"\(url)\" (use e.g. http://127.0.0.1:8001/health)")
        }
        guard scheme == "http" || scheme == "https" else {
            throw reader.error("url", "unsupported scheme '\(scheme)' in \"\(url)\" (use http or https)")
        }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.contains(":") && !url.contains("[") {
            throw reader.error("url", "an IPv6 address in a URL goes in brackets, e.g. http://[::1]:8001/health")
        }
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        guard (1...65535).contains(port) else { throw reader.error("url", "port \(port) out of range in \"\(url)\"") }
        var path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        if let query = components.percentEncodedQuery { path += "?\(query)" }
        let expect = try reader.integers("expect_status") ?? []
        if let bad = expect.first(where: { !(100...599).contains($0) }) {
            throw reader.error("expect_status", "\(bad) is not an HTTP status code (100-599)")
        }
        var target = HTTPProbeTarget(url: url, address: HostPort(host: host, port: port), path: path, expectStatus: expect,
                                     statusField: try reader.string("status_field"),
                                     versionField: try reader.string("version_field"))
        if let method = try reader.string("method") {
            let upper = method.uppercased()
            guard !upper.isEmpty, upper.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-") }) else {
                throw reader.error("method", "bad method \"\(method)\" (use e.g. GET, HEAD or POST)")
            }
            target.method = upper
        }
        target.body = try reader.string("body")
        target.headers = try headers(&reader, environment: environment, warnings: &warnings)
        target.followRedirects = try reader.bool("follow_redirects") ?? false
        target.proxy = try reader.string("proxy")
        if scheme == "http", let key = tlsKeys.first(where: { reader.raw($0) != nil }) {
            throw reader.error(key, "'\(key)' applies to https:// URLs only; this probe's URL is \"\(url)\"")
        }
        target.tls = try tls(&reader, baseDirectory: baseDirectory, warnings: &warnings)
        return target
    }

    private static func tls(_ reader: inout TableReader, baseDirectory: String, warnings: inout [String]) throws -> HTTPTLSOptions {
        var options = HTTPTLSOptions()
        options.caFile = try file(&reader, "ca_file", baseDirectory: baseDirectory, warnings: &warnings)
        options.clientCert = try file(&reader, "client_cert", baseDirectory: baseDirectory, warnings: &warnings)
        options.clientKey = try file(&reader, "client_key", baseDirectory: baseDirectory, warnings: &warnings)
        if options.clientCert != nil && options.clientKey == nil {
            throw reader.error("client_cert", "client_cert needs client_key (the certificate's private key)")
        }
        if options.clientKey != nil && options.clientCert == nil {
            throw reader.error("client_key", "client_key needs client_cert (the certificate it belongs to)")
        }
        options.insecure = try reader.bool("insecure") ?? false
        options.expiryWarn = try reader.duration("cert_expiry_warn") ?? options.expiryWarn
        return options
    }

    /// A file key, made absolute. A file that is not there yet is a warning, as an unset `password_env` is: the
    /// probe reports it as down (`cannot use ca_file: …`) until it appears (the shipped config names the local
    /// stack's CA, which `scripts/stack up` creates), so every other command still runs; a directory or an
    /// unreadable file is an error.
    private static func file(_ reader: inout TableReader, _ key: String, baseDirectory: String,
                             warnings: inout [String]) throws -> String? {
        guard let text = try reader.string(key) else { return nil }
        let path = ConfigLoader.absolute(text, base: baseDirectory)
        var isDirectory = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            warnings.append(reader.error(key, "warning: no such file: \(path); the probe is down until it exists").description)
            return path
        }
        guard !isDirectory else { throw reader.error(key, "\(path) is a directory, not a file") }
        guard FileManager.default.isReadableFile(atPath: path) else { throw reader.error(key, "cannot read \(path)") }
        return path
    }

    private static func headers(_ reader: inout TableReader, environment: [String: String],
                                warnings: inout [String]) throws -> [HTTPHeaderTemplate] {
        guard var table = try reader.table("headers") else { return [] }
        var headers: [HTTPHeaderTemplate] = []
        for name in table.orderedKeys() {
            guard let value = try table.string(name) else { continue }
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_".contains($0)) }) else {
                throw table.error(name, "bad header name \"\(name)\" (letters, digits, - and _)")
            }
            guard !value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }) else {
                throw table.error(name, "a header value cannot contain a line break")
            }
            let header = HTTPHeaderTemplate(name: name, template: value)
            for variable in header.variables where environment[variable] == nil {
                let place = table.error(name, "warning: environment variable \(variable) is not set; sending the header without it")
                warnings.append(place.description)
            }
            headers.append(header)
        }
        try table.finish(allowed: table.orderedKeys())
        return headers
    }
}
