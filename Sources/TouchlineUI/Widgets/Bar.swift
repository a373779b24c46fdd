import TouchlineCore

/// A horizontal gauge `████▌░░░░` with eighth-cell resolution.
public enum Bar {
    /// Partial blocks for 1-7 eighths of a cell.
    public static let partials: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]
    /// The full block.
    public static let full: Character = "█"
    /// The character of the empty track.
    public static let track: Character = "░"

    /// The filled and empty parts of a bar `width` cells wide filled to `fraction` (clamped to 0...1);
    /// a fraction above 0 always shows at least a sliver, and only a full fraction fills every cell.
    public static func segments(fraction: Double, width: Int) -> (filled: String, empty: String) {
        guard width > 0 else { return ("", "") }
        let clamped = fraction.isFinite ? min(max(fraction, 0), 1) : 0
        var eighths = Int(clampingFinite: (clamped * Double(width * 8)).rounded())
        if clamped > 0 && eighths == 0 { eighths = 1 }
        if clamped < 1 && eighths == width * 8 { eighths -= 1 }
        let fullCells = eighths / 8, remainder = eighths % 8
        var filled = String(repeating: full, count: fullCells)
        if remainder > 0 { filled.append(partials[remainder - 1]) }
        let empty = String(repeating: track, count: width - fullCells - (remainder > 0 ? 1 : 0))
        return (filled, empty)
    }

    /// The bar as two spans: the filled part in `fillRole`, the track in `emptyRole`.
    public static func spans(fraction: Double, width: Int, fillRole: StyleRole = .barFill,
                             emptyRole: StyleRole = .barEmpty) -> [Span] {
        let parts = segments(fraction: fraction, width: width)
        return [Span(parts.filled, fillRole), Span(parts.empty, emptyRole)]
    }

    /// The role of a gauge's fill: `barFill` normally, `warn` from `warnAt`, `critical` from `criticalAt`.
    public static func fillRole(fraction: Double, warnAt: Double = 0.8, criticalAt: Double = 0.95) -> StyleRole {
        if fraction >= criticalAt { return .critical }
        if fraction >= warnAt { return .warn }
        return .barFill
    }
}
