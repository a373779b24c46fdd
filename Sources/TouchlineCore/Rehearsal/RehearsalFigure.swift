/// One measured figure of a rehearsal step: a name, its text for people and its value for JSON.
public struct RehearsalFigure: Sendable, Equatable {
    /// The figure's key, e.g. `p95_seconds`.
    public var name: String
    /// How the report shows it, e.g. `12.3 ms`.
    public var text: String
    /// The value in the JSON report.
    public var value: JSONValue

    /// Creates a figure.
    public init(_ name: String, text: String, value: JSONValue) {
        self.name = name
        self.text = text
        self.value = value
    }

    /// The figure's name for people: the key without its unit suffix, with spaces, e.g. `p95` for
    /// `p95_seconds`, `throughput` for `throughput_rps`, `error rate` for `error_rate` (the text carries the unit).
    public var label: String {
        var key = Substring(name)
        for suffix in ["_seconds", "_bytes", "_rps"] where key.hasSuffix(suffix) && key.count > suffix.count {
            key = key.dropLast(suffix.count)
            break
        }
        return String(key.replacing("_", with: " "))
    }

    /// A duration figure in seconds, shown as milliseconds under a second.
    public static func seconds(_ name: String, _ seconds: Double) -> RehearsalFigure {
        RehearsalFigure(name, text: LatencyText.format(seconds), value: .number(seconds))
    }

    /// A count.
    public static func count(_ name: String, _ count: Int64) -> RehearsalFigure {
        RehearsalFigure(name, text: String(count), value: .integer(count))
    }

    /// A text.
    public static func text(_ name: String, _ text: String) -> RehearsalFigure {
        RehearsalFigure(name, text: text, value: .string(text))
    }
}
