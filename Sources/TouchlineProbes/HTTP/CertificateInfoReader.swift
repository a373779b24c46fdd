import CCurl
import FoundationEssentials
import TouchlineCore

/// Reads the leaf certificate out of libcurl's `CURLINFO_CERTINFO` (OpenSSL backend): lines such as
/// `Subject:CN = api.example`, `Issuer:CN = touchline test CA`, `Expire date:Dec  9 12:00:00 2026 GMT`,
/// `X509v3 Subject Alternative Name:DNS:api.example, IP Address:127.0.0.1`.
enum CertificateInfoReader {
    /// The leaf certificate of `handle`'s last handshake, nil when there is none.
    static func leaf(of handle: UnsafeMutableRawPointer) -> CertificateSummary? {
        var info: UnsafeMutablePointer<curl_certinfo>?
        guard touchline_curl_getinfo_certinfo(handle, &info) == CURLE_OK, let info,
              info.pointee.num_of_certs > 0, let chain = info.pointee.certinfo else { return nil }
        var fields: [String: String] = [:]
        var node = chain[0]
        while let current = node {
            if let data = current.pointee.data {
                let line = String(cString: data)
                if let colon = line.firstIndex(of: ":") {
                    fields[String(line[..<colon])] = String(line[line.index(after: colon)...])
                }
            }
            node = current.pointee.next
        }
        return summary(fields)
    }

    /// A summary of one certificate's fields; nil when its expiry cannot be read.
    static func summary(_ fields: [String: String]) -> CertificateSummary? {
        guard let expiry = fields["Expire date"].flatMap(date) else { return nil }
        let subject = fields["Subject"] ?? ""
        return CertificateSummary(subject: subject, issuer: fields["Issuer"] ?? "", notAfter: expiry,
                                  names: names(alternative: fields["X509v3 Subject Alternative Name"], subject: subject))
    }

    /// The names a certificate covers: its subjectAltName entries (`DNS:a, IP Address:1.2.3.4`), else the
    /// subject's CN.
    static func names(alternative: String?, subject: String) -> [String] {
        if let alternative, !alternative.isEmpty {
            return alternative.split(separator: ",").map { entry in
                let text = entry.trimmingCharacters(in: " ")
                guard let colon = text.firstIndex(of: ":") else { return text }
                return Substring(text[text.index(after: colon)...]).trimmingCharacters(in: " ")
            }
        }
        for part in subject.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: " ") }
            if pair.count == 2, pair[0] == "CN" { return [pair[1]] }
        }
        return []
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Parses OpenSSL's `ASN1_TIME_print` form, `Dec  9 12:00:00 2026 GMT` (or ISO 8601 `2026-12-09 12:00:00 GMT`
    /// as newer OpenSSL prints it), as UTC.
    static func date(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        var year = 0, month = 0, day = 0
        var clock: Substring = ""
        if parts.count >= 4, let index = months.firstIndex(of: String(parts[0])), let d = Int(parts[1]), let y = Int(parts[3]) {
            (year, month, day, clock) = (y, index + 1, d, parts[2])
        } else if parts.count >= 2 {
            let ymd = parts[0].split(separator: "-").compactMap { Int($0) }
            guard ymd.count == 3 else { return nil }
            (year, month, day, clock) = (ymd[0], ymd[1], ymd[2], parts[1])
        } else {
            return nil
        }
        let hms = clock.split(separator: ":").compactMap { Int($0) }
        guard hms.count == 3, (1...12).contains(month), (1...31).contains(day) else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Double(days) * 86400 + Double(hms[0] * 3600 + hms[1] * 60 + hms[2])
        return Date(timeIntervalSince1970: seconds)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }
}
