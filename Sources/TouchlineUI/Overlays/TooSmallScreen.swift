import TouchlineCore

/// The screen shown below 80x24: `terminal too small: need 80x24, have WxH`, centred and word-wrapped.
enum TooSmallScreen {
    /// The message for a screen of `width` x `height`.
    static func message(width: Int, height: Int) -> String {
        "terminal too small: need \(DashboardState.minimumWidth)x\(DashboardState.minimumHeight), have \(width)x\(height)"
    }

    /// Draws the message centred in `buffer`, wrapped between words when the screen is narrower than it.
    static func draw(into buffer: inout CellBuffer) {
        let screen = buffer.bounds
        guard !screen.isEmpty else { return }
        var lines = wrap(message(width: screen.width, height: screen.height), width: screen.width)
        let hint = "enlarge the window, or press q to quit"
        if DisplayWidth.of(hint) <= screen.width && lines.count + 2 <= screen.height { lines += ["", hint] }
        let top = max(0, (screen.height - lines.count) / 2)
        for (index, line) in lines.enumerated() where top + index < screen.height {
            buffer.write(line, in: screen.row(top + index), role: index == lines.count - 1 && line == hint ? .dim : .warn,
                         alignment: .center)
        }
    }

    /// Greedy word wrap to `width` columns; a word longer than the width is shortened.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if DisplayWidth.of(candidate) <= width {
                current = candidate
            } else {
                if !current.isEmpty { lines.append(current) }
                current = TextFit.truncate(String(word), to: width)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
