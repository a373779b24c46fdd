/// The start of a body as one short line, for error messages: at most 60 characters, control characters
/// shown as spaces.
enum TextPreview {
    static func of(_ body: [UInt8], limit: Int = 60) -> String {
        let text = String(decoding: body.prefix(limit * 4), as: UTF8.self)
        var line = String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
        while line.hasSuffix(" ") { line.removeLast() }
        if line.count > limit { line = String(line.prefix(limit)) + "…" }
        return line
    }
}
