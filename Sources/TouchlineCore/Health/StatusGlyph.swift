/// The glyph shown next to a status word, so status is never told by colour alone.
public enum StatusGlyph {
    /// `✔` up, `▲` degraded, `✖` down, `?` unknown.
    public static func glyph(_ status: ProbeStatus) -> String {
        switch status {
        case .up: return "✔"
        case .degraded: return "▲"
        case .down: return "✖"
        case .unknown: return "?"
        }
    }
}
