#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Numbers as fixed-point text, with C's `printf` rounding (`%.*f`, round half to even on the binary value)
/// and zero padding. Replaces Foundation's `String(format:)`, which needs the full Foundation.
public enum DecimalText {
    /// `value` with `digits` digits after the point (`fixed(2.345, digits: 1)` is `2.3`); `nan`, `inf`
    /// and `-inf` as C prints them.
    public static func fixed(_ value: Double, digits: Int) -> String {
        formatted(value, digits: digits, conversion: "%.*f")
    }

    /// `value` with at most `digits` significant digits, C's `%.*g` (`significant(0.000123456, digits: 4)` is
    /// `0.0001235`, `significant(1234567, digits: 4)` is `1.235e+06`).
    public static func significant(_ value: Double, digits: Int) -> String {
        formatted(value, digits: digits, conversion: "%.*g")
    }

    /// `value` in e-notation with `digits` digits after the point, C's `%.*e` (`scientific(1e21, digits: 1)`
    /// is `1.0e+21`): the one form for numbers beyond the largest unit a formatter has.
    public static func scientific(_ value: Double, digits: Int) -> String {
        formatted(value, digits: digits, conversion: "%.*e")
    }

    private static func formatted(_ value: Double, digits: Int, conversion: String) -> String {
        var buffer = [CChar](repeating: 0, count: 512)
        let precision = Int32(max(0, min(digits, 40)))
        let written = withVaList([precision, value]) { arguments in
            buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, $0.count, conversion, arguments) }
        }
        if written >= Int32(buffer.count) {
            // Past 1e300 or so: as many bytes as C asks for.
            buffer = [CChar](repeating: 0, count: Int(written) + 1)
            _ = withVaList([precision, value]) { arguments in
                buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, $0.count, conversion, arguments) }
            }
        }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `value` in decimal, left-padded with zeros to `width` characters, the sign included, as C's `%0*d`
    /// (`zeroPadded(7, width: 2)` is `07`; `zeroPadded(-7, width: 2)` is `-7`, `width: 3` gives `-07`).
    public static func zeroPadded(_ value: Int, width: Int) -> String {
        let digits = String(value.magnitude)
        let padding = String(repeating: "0", count: max(0, width - digits.count - (value < 0 ? 1 : 0)))
        return (value < 0 ? "-" : "") + padding + digits
    }
}
