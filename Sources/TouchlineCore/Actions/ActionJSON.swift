import FoundationEssentials

/// The JSON coding shared by the audit log, the lock note and the backup manifest.
///
/// Dates are ISO 8601 in UTC with milliseconds (`2025-03-01T02:14:07.123Z`); keys are sorted so that
/// files diff cleanly. Decoding also accepts dates without fractional seconds.
public enum ActionJSON {
    /// An encoder for one-line records (`pretty == false`) or for files people read (`pretty == true`).
    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONOutput.encoder(pretty: pretty)
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(format(date))
        }
        return encoder
    }

    /// A decoder matching ``encoder(pretty:)``.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 date: \(text)")
            }
            return date
        }
        return decoder
    }

    /// Formats `date` as ISO 8601 UTC with milliseconds (rounded to the nearest).
    public static func format(_ date: Date) -> String {
        UTCTimestamp.format(date, milliseconds: true)
    }

    /// Parses an ISO 8601 date with or without fractional seconds; the result is ``wholeMilliseconds(_:)``-exact.
    public static func parse(_ text: String) -> Date? {
        var base = text
        var milliseconds = 0.0
        if let dot = text.lastIndex(of: "."), text.hasSuffix("Z") {
            let digits = text[text.index(after: dot)..<text.index(before: text.endIndex)]
            guard !digits.isEmpty, digits.allSatisfy(\.isNumber), let value = Double("0." + digits) else { return nil }
            milliseconds = (value * 1000).rounded()
            base = String(text[..<dot]) + "Z"
        }
        guard let date = try? Date.ISO8601FormatStyle().parse(base) else { return nil }
        return Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000 + milliseconds) / 1000)
    }

    /// `date` rounded to whole milliseconds, the precision the files keep: such a date survives a round trip.
    public static func wholeMilliseconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000)
    }
}
