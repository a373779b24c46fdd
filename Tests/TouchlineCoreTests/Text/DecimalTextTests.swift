import Testing
import TouchlineCore

/// DecimalText prints what C's printf prints (the texts String(format:) gave before), and trims as
/// trimmingCharacters did.
@Suite("DecimalText and trimming: printf's texts without Foundation")
struct DecimalTextTests {
    @Test("fixed rounds the binary value half to even, as %.*f does")
    func fixed() {
        #expect(DecimalText.fixed(0.125, digits: 2) == "0.12")   // exactly representable: half to even
        #expect(DecimalText.fixed(0.375, digits: 2) == "0.38")
        #expect(DecimalText.fixed(2.5, digits: 0) == "2")
        #expect(DecimalText.fixed(3.5, digits: 0) == "4")
        #expect(DecimalText.fixed(2.345, digits: 2) == "2.35")  // 2.34500000000000019…
        #expect(DecimalText.fixed(1.005, digits: 2) == "1.00")  // 1.00499999999999989…
        #expect(DecimalText.fixed(99.95, digits: 1) == "100.0")
        #expect(DecimalText.fixed(-0.04, digits: 1) == "-0.0")
        #expect(DecimalText.fixed(1234.5678, digits: 3) == "1234.568")
        #expect(DecimalText.fixed(7, digits: 0) == "7")
        #expect(DecimalText.fixed(1e300, digits: 1).count == 303)
        #expect(DecimalText.fixed(.nan, digits: 1) == "nan")
        #expect(DecimalText.fixed(.infinity, digits: 2) == "inf")
        #expect(DecimalText.fixed(-.infinity, digits: 2) == "-inf")
    }

    @Test("significant is %.*g")
    func significant() {
        #expect(DecimalText.significant(1234567, digits: 4) == "1.235e+06")
        #expect(DecimalText.significant(0.000123456, digits: 4) == "0.0001235")
        #expect(DecimalText.significant(0.5, digits: 4) == "0.5")
        #expect(DecimalText.significant(12.25, digits: 4) == "12.25")
    }

    @Test("zeroPadded pads to the width, the sign included")
    func zeroPadded() {
        #expect(DecimalText.zeroPadded(7, width: 2) == "07")
        #expect(DecimalText.zeroPadded(59, width: 2) == "59")
        #expect(DecimalText.zeroPadded(123, width: 2) == "123")
        #expect(DecimalText.zeroPadded(-7, width: 3) == "-07")
        #expect(DecimalText.zeroPadded(-7, width: 2) == "-7")   // printf("%02d", -7)
        #expect(DecimalText.zeroPadded(0, width: 3) == "000")
        #expect(DecimalText.zeroPadded(Int.min, width: 1) == "-9223372036854775808")
    }

    @Test("trimmingWhitespace and trimming(charactersIn:) remove only the ends")
    func trimming() {
        #expect(" \t a b \r\n".trimmingWhitespace() == "a b")
        #expect("\u{00A0}x\u{2003}".trimmingWhitespace() == "x")
        #expect("   ".trimmingWhitespace() == "")
        #expect("".trimmingWhitespace() == "")
        #expect("\"'key'\"".trimming(charactersIn: "\"'") == "key")
        #expect(" \tkey = 1\n".trimming(charactersIn: " \t") == "key = 1\n")
        #expect("x".dropFirst().trimming(charactersIn: " ") == "")
    }
}
