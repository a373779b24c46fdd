/// The frame of an overlay box: cleared, bordered with a double line, titled, centred on the screen.
enum Dialog {
    /// Clears a centred box of `width` x `height` (clamped to the screen), draws its border and title;
    /// returns the content area (inside the border, one column of padding each side).
    static func frame(title: String, width: Int, height: Int, on screen: Rect, role: StyleRole = .dialog,
                      into buffer: inout CellBuffer) -> Rect {
        let box = screen.centered(width: width, height: height)
        buffer.fill(box, role: role)
        buffer.drawBox(box, style: .double, role: role, title: title, titleRole: .title)
        return box.inset(by: 1).inset(horizontal: 1, vertical: 0)
    }
}
