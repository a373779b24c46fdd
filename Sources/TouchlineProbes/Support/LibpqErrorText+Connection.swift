import CLibpq
import FoundationEssentials
import TouchlineCore

extension LibpqErrorText {
    /// A connection's `PQerrorMessage` as one line: its lines trimmed and joined with `; `, any DSN in it
    /// redacted (`SecretRedactor.redactDSN`); `fallback` when libpq left it empty.
    public static func message(of connection: OpaquePointer, fallback: String) -> String {
        let text = String(cString: PQerrorMessage(connection))
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .joined(separator: "; ")
        return text.isEmpty ? fallback : SecretRedactor.redactDSN(text)
    }
}
