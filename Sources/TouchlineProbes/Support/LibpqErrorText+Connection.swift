import CLibpq
import FoundationEssentials
import TouchlineCore

extension LibpqErrorText {
    /// A connection's `PQerrorMessage` as one line: its lines trimmed and joined with `; `, any DSN in it
    /// redacted (`SecretRedactor.redactDSN`); `fallback` when libpq left it empty.
    public static func message(of connection: OpaquePointer, fallback: String) -> String {
        let text = String(cString: PQerrorMessage(connection))
            .split(separator: "\n").map { $0.trimming(charactersIn: " \t") }.filter { !$0.isEmpty }
            .joined(separator: "; ")
        return text.isEmpty ? fallback : SecretRedactor.redactDSN(text)
    }

    /// A failed connection attempt's `PQerrorMessage` as one line with libpq's reason first
    /// (``LibpqErrorText/reasonFirst(_:)``: `Connection refused (127.0.0.1 port 5432)`), any DSN in it redacted;
    /// `fallback` when libpq left it empty.
    public static func connectionMessage(of connection: OpaquePointer, fallback: String) -> String {
        let text = reasonFirst(String(cString: PQerrorMessage(connection)))
        return text.isEmpty ? fallback : SecretRedactor.redactDSN(text)
    }

    /// A failed statement's server message (`permission denied for table zz_private`, the `M` field) with its
    /// detail (`D`) in parentheses, without libpq's `ERROR:` prefix; libpq's whole `PQresultErrorMessage` when
    /// the fields are missing, and `query failed` when that is empty too.
    public static func serverMessage(of result: OpaquePointer) -> String {
        let field = { (code: Character) -> String? in
            guard let ascii = code.asciiValue, let value = PQresultErrorField(result, Int32(ascii)) else { return nil }
            let text = String(cString: value).trimmingWhitespace()
            return text.isEmpty ? nil : text
        }
        guard let primary = field("M") else {
            let text = String(cString: PQresultErrorMessage(result)).trimmingWhitespace()
            return text.isEmpty ? "query failed" : text
        }
        return field("D").map { "\(primary) (\($0))" } ?? primary
    }
}
