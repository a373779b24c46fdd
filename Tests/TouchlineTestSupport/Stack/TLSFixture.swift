import Foundation
import TouchlineProbes
import TouchlineOps

/// A private CA made with `openssl` in a temporary folder, issuing server and client certificates with
/// any validity period and names, for HTTPS tests against local servers.
final class TLSFixture: @unchecked Sendable {
    /// The folder holding every key and certificate.
    let directory: String
    /// The CA certificate (PEM), for `ca_file`.
    var caFile: String { directory + "/ca.crt" }
    private var serial = 0

    /// Creates the CA; throws when openssl fails.
    init() throws {
        directory = NSTemporaryDirectory() + "touchline-tls-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try "".write(toFile: directory + "/index.txt", atomically: true, encoding: .utf8)
        try "1000\n".write(toFile: directory + "/serial", atomically: true, encoding: .utf8)
        try """
        [ ca ]
        default_ca = local
        [ local ]
        database = \(directory)/index.txt
        new_certs_dir = \(directory)
        serial = \(directory)/serial
        default_md = sha256
        policy = any
        unique_subject = no
        [ any ]
        commonName = supplied
        """.write(toFile: directory + "/ca.cnf", atomically: true, encoding: .utf8)
        try openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                     "-keyout", directory + "/ca.key", "-out", caFile, "-days", "30", "-subj", "/CN=touchline test CA"])
    }

    /// Issues a certificate `name` (files `name.crt`, `name.key`) for `names` (DNS names or IP addresses),
    /// valid from `notBefore` to `notAfter`; `client` makes it a client certificate. Returns (cert, key).
    @discardableResult
    func issue(_ name: String, names: [String] = ["localhost", "127.0.0.1"], notBefore: Date = Date().addingTimeInterval(-3600),
               notAfter: Date = Date().addingTimeInterval(30 * 86400), client: Bool = false) throws -> (cert: String, key: String) {
        let cert = "\(directory)/\(name).crt", key = "\(directory)/\(name).key", request = "\(directory)/\(name).csr"
        let alternatives = names.map { $0.first?.isNumber == true || $0.contains(":") ? "IP:\($0)" : "DNS:\($0)" }
        try """
        [ v3 ]
        basicConstraints = CA:FALSE
        extendedKeyUsage = \(client ? "clientAuth" : "serverAuth")
        subjectAltName = \(alternatives.joined(separator: ","))
        """.write(toFile: "\(directory)/\(name).ext", atomically: true, encoding: .utf8)
        try openssl(["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                     "-keyout", key, "-out", request, "-subj", "/CN=\(names.first ?? name)"])
        try openssl(["ca", "-batch", "-config", directory + "/ca.cnf", "-cert", caFile, "-keyfile", directory + "/ca.key",
                     "-in", request, "-out", cert, "-startdate", Self.stamp(notBefore), "-enddate", Self.stamp(notAfter),
                     "-extfile", "\(directory)/\(name).ext", "-extensions", "v3", "-notext"])
        return (cert, key)
    }

    /// Removes the folder.
    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    /// `YYYYMMDDHHMMSSZ`, as `openssl ca -startdate` wants it.
    private static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMddHHmmss'Z'"
        return formatter.string(from: date)
    }

    private func openssl(_ arguments: [String]) throws {
        let outcome = ChildProcess.run(["/usr/bin/openssl"] + arguments, timeout: 30)
        guard outcome.code == 0 else {
            throw TLSFixtureError(message: "openssl \(arguments.first ?? ""): \(outcome.errorOutput)")
        }
    }
}

/// An openssl or server start-up failure in a TLS test.
struct TLSFixtureError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
