import Testing
@testable import TouchlineUI

@Suite("Colour parsing and downgrade to 256 and 8 colours")
struct ColorDowngradeTests {
    @Test("#RRGGBB parses; anything else does not")
    func parsing() {
        #expect(RGB(hex: "#5fd75f") == RGB(red: 0x5F, green: 0xD7, blue: 0x5F))
        #expect(RGB(hex: "#FFAF00") == RGB(0xFFAF00))
        #expect(RGB(hex: "#12345") == nil)
        #expect(RGB(hex: "#1234567") == nil)
        #expect(RGB(hex: "123456") == nil)
        #expect(RGB(hex: "#12345g") == nil)
        #expect(RGB(hex: "red") == nil)
        #expect(RGB(0xABCDEF).hex == "#abcdef")
    }

    @Test("nearest xterm-256 index", arguments: [
        (0x000000, 16), (0xFFFFFF, 231), (0xFF0000, 196), (0x00FF00, 46), (0x0000FF, 21),
        (0x5FD75F, 77), (0xFFAF00, 214), (0x808080, 244), (0xEEEEEE, 255), (0x121212, 233),
        (0x0A0A0A, 232), (0xD70000, 160), (0x56B4E9, 74),
    ])
    func xterm256(color: UInt32, index: Int) {
        #expect(ColorDowngrade.xterm256Index(RGB(color)) == index)
    }

    @Test("every palette colour of 16-255 maps back to itself")
    func roundTrip() {
        for index in 16...255 {
            #expect(ColorDowngrade.xterm256Index(ColorDowngrade.rgb(xterm256: index)) == index)
        }
        #expect(ColorDowngrade.rgb(xterm256: 196) == RGB(0xFF0000))
        #expect(ColorDowngrade.rgb(xterm256: 244) == RGB(0x808080))
        #expect(ColorDowngrade.rgb(xterm256: 1) == RGB(0xCD0000))
    }

    @Test("nearest of the 8 basic colours", arguments: [
        (0x000000, 0), (0xFF0000, 1), (0x00FF00, 2), (0xFFFF00, 3), (0x0000FF, 4), (0xFF00FF, 5), (0x00FFFF, 6),
        (0xFFFFFF, 7), (0xD70000, 1), (0x870000, 1), (0xFFAF00, 3), (0x5FD75F, 2), (0x808080, 7), (0x3A3A3A, 0),
        (0x262626, 0), (0xD55E00, 1), (0x56B4E9, 6), (0xCC79A7, 5), (0x005F87, 6),
    ])
    func basic(color: UInt32, index: Int) {
        #expect(ColorDowngrade.basicIndex(RGB(color)) == index)
    }

    @Test("the basic palette maps onto itself")
    func basicPalette() {
        for (index, color) in ColorDowngrade.basicPalette.enumerated() {
            #expect(ColorDowngrade.basicIndex(color) == index)
        }
    }
}
