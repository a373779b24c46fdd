import Testing
import TouchlineCore
@testable import TouchlineUI

@Suite("Cell buffer: clipping, wide graphemes, boxes, overlays")
struct CellBufferTests {
    @Test("text is clipped at the width limit and the buffer edge")
    func clipping() {
        var buffer = CellBuffer(width: 8, height: 2)
        #expect(buffer.write("hello world", x: 0, y: 0, role: .text, maxWidth: 5) == 5)
        #expect(buffer.rowText(0) == "hello   ")
        buffer.write("overflowing", x: 4, y: 1, role: .warn)
        #expect(buffer.rowText(1) == "    over")
        #expect(buffer.styleRow(1) == "....wwww")
        buffer.write("outside", x: 0, y: 5, role: .text)
        buffer.write("left", x: -2, y: 0, role: .dim)
        #expect(buffer.rowText(0) == "ftllo   ")
    }

    @Test("wide graphemes take two cells and never straddle the limit")
    func wideCharacters() {
        var buffer = CellBuffer(width: 5, height: 1)
        #expect(buffer.write("日本語", x: 0, y: 0, role: .text) == 5)
        #expect(buffer.rowText(0) == "日本 ")
        #expect(buffer[0, 0].width == 2)
        #expect(buffer[1, 0].isContinuation)
        #expect(buffer.grapheme(x: 1, y: 0) == "")
        #expect(buffer.grapheme(x: 0, y: 0) == "日")
        var rect = CellBuffer(width: 6, height: 1)
        rect.write("日本", in: Rect(x: 1, y: 0, width: 3, height: 1), role: .text, ellipsis: false)
        #expect(rect.rowText(0) == " 日   ")
        #expect(DisplayWidth.of(rect.rowText(0)) == 6)
    }

    @Test("overwriting half of a wide grapheme blanks the other half")
    func overwritingHalves() {
        var buffer = CellBuffer(width: 6, height: 1)
        buffer.write("日本語", x: 0, y: 0, role: .text)
        buffer.put("x", x: 1, y: 0, role: .warn)
        #expect(buffer.rowText(0) == " x本語")
        buffer.put("y", x: 2, y: 0, role: .warn)
        #expect(buffer.rowText(0) == " xy 語")
        buffer.put("🔥", x: 3, y: 0, role: .ok)
        #expect(buffer.rowText(0) == " xy🔥 ")
        buffer.put("🔥", x: 5, y: 0, role: .ok)
        #expect(buffer.rowText(0) == " xy🔥 ")
        for x in 0..<buffer.width where buffer[x, 0].width == 2 {
            #expect(buffer[x + 1, 0].isContinuation)
        }
    }

    @Test("no string escapes its rectangle", arguments: [
        "plain ascii text that is far too long", "日本語のテキストはとても長い", "mixed 日本 and 🔥 emoji 🚀🚀",
        "box ╭─╮ and braille ⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿", "tabs\tand\nnewlines\u{7} and e\u{301}s", "",
    ])
    func neverOverflows(text: String) {
        for start in -3...6 {
            var buffer = CellBuffer(width: 12, height: 3, role: .dim)
            let rect = Rect(x: 2, y: 1, width: 7, height: 1)
            buffer.write(text, in: rect, role: .warn, ellipsis: start.isMultiple(of: 2))
            buffer.write(text, x: rect.x + start, y: 0, role: .ok, maxWidth: 5)
            for y in 0..<3 {
                #expect(DisplayWidth.of(buffer.rowText(y)) == 12)
                for x in 0..<12 where buffer[x, y].role == .warn {
                    #expect(x >= rect.x && x < rect.maxX && y == 1)
                }
            }
            for x in 0..<12 where buffer[x, 0].role == .ok {
                #expect(x >= max(0, rect.x + start) && x < rect.x + start + 5)
            }
        }
    }

    @Test("control characters are replaced, never written raw")
    func controls() {
        var buffer = CellBuffer(width: 6, height: 1)
        buffer.write("a\tb\u{1B}c", x: 0, y: 0, role: .text)
        #expect(buffer.rowText(0) == "a b\u{FFFD}c ")
    }

    @Test("boxes: rounded corners, a title inside the top border, shortened to fit")
    func boxes() {
        var buffer = CellBuffer(width: 20, height: 3)
        buffer.drawBox(buffer.bounds, style: .rounded, role: .border, title: "Services", titleRole: .title)
        #expect(buffer.rowText(0) == "╭─ Services ───────╮")
        #expect(buffer.rowText(1) == "│                  │")
        #expect(buffer.rowText(2) == "╰──────────────────╯")
        #expect(buffer.styleRow(0) == "bbbTTTTTTTTbbbbbbbbb")
        var small = CellBuffer(width: 14, height: 2)
        small.drawBox(small.bounds, style: .plain, title: "A very long title")
        #expect(small.rowText(0) == "┌─ A very… ──┐")
        #expect(small.rowText(1) == "└────────────┘")
        var wide = CellBuffer(width: 12, height: 2)
        wide.drawBox(wide.bounds, style: .heavy, role: .borderFocused, title: "日本語のタイトル")
        #expect(DisplayWidth.of(wide.rowText(0)) == 12)
        #expect(wide.rowText(0).hasPrefix("┏━ "))
        #expect(wide.rowText(0).hasSuffix("━┓"))
        #expect(wide.rowText(0).contains("日本…"))
    }

    @Test("a tag on the right of the top border")
    func borderTag() {
        var buffer = CellBuffer(width: 24, height: 2)
        buffer.drawBox(buffer.bounds, title: "Redis")
        buffer.writeOnBorder([Span("✔ redis", .ok)], of: buffer.bounds, bottom: false, alignment: .right, role: .border)
        #expect(buffer.rowText(0) == "╭─ Redis ──── ✔ redis ─╮")
        #expect(buffer.styleRow(0) == "bbbTTTTTbbbbbbooooooobbb")
    }

    @Test("fill, restyle, text and style overlay")
    func fillAndOverlay() {
        var buffer = CellBuffer(width: 4, height: 2)
        buffer.fill(Rect(x: 1, y: 0, width: 2, height: 2), with: "#", role: .critical)
        buffer.setRole(.selection, in: Rect(x: 0, y: 1, width: 4, height: 1))
        #expect(buffer.text == " ## \n ## ")
        #expect(buffer.styleOverlay == ".cc.\nSSSS")
        #expect(buffer.styleSlot(x: 1, y: 0) == StyleRole.critical.slot)
        #expect(buffer[9, 9] == .blank)
        #expect(buffer == buffer)
        var other = buffer
        other.put("x", x: 0, y: 0, role: .text)
        #expect(other != buffer)
    }
}
