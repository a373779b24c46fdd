import TouchlineCore

/// How a probe status is shown: its role, and glyph plus word so it never relies on colour.
public enum StatusStyle {
    /// `ok` for up, `warn` for degraded, `critical` for down, `unknown` before the first sample.
    public static func role(_ status: ProbeStatus) -> StyleRole {
        switch status {
        case .up: return .ok
        case .degraded: return .warn
        case .down: return .critical
        case .unknown: return .unknown
        }
    }

    /// `✔ up`, `▲ degraded`, `✖ down`, `? unknown`.
    public static func label(_ status: ProbeStatus) -> String {
        StatusGlyph.glyph(status) + " " + status.rawValue
    }

    /// The role of a value measured against a limit: `ok` under `warn`, `warn` under `critical`, else `critical`.
    public static func role(value: Double, warn: Double, critical: Double) -> StyleRole {
        if value >= critical { return .critical }
        if value >= warn { return .warn }
        return .ok
    }
}
