import Testing
import TouchlineCore

/// The one formatter of measured durations: each range's shape, and rounding to nearest at every boundary,
/// where a value that rounds up into the next range is written in that range's shape.
@Suite("Measured durations (SecondsText)")
struct SecondsTextTests {
    @Test("each range has its shape", arguments: [
        (0.000_345_6, "0.35 ms"), (0.004_24, "4.2 ms"), (0.0242, "24.2 ms"), (0.1436, "144 ms"), (0.42, "420 ms"),
        (1.2, "1.2 s"), (12.34, "12.3 s"), (77.4, "1m 17s"), (77.6, "1m 18s"), (7_500, "2h 05m"), (273_600, "3d 04h"),
        (0, "0.00 ms"),
    ])
    func shapes(seconds: Double, text: String) {
        #expect(SecondsText.format(seconds) == text)
    }

    @Test("time_to_healthy_seconds 0.1436 is 144 ms, not 100ms or 0.1 s")
    func timeToHealthy() {
        #expect(SecondsText.format(0.1436) == "144 ms")
    }

    @Test("boundaries round to nearest and move up a range when they reach it", arguments: [
        (0.000_994, "0.99 ms"), (0.000_995, "1.0 ms"), (0.009_94, "9.9 ms"), (0.009_95, "10.0 ms"), (0.099_94, "99.9 ms"),
        (0.099_95, "100 ms"), (0.9994, "999 ms"), (0.9995, "1.0 s"), (0.999_5 - 0.000_000_1, "999 ms"),
        (59.94, "59.9 s"), (59.95, "1m 00s"), (60, "1m 00s"), (3_599.4, "59m 59s"), (3_599.5, "1h 00m"),
        (86_369, "23h 59m"), (86_370, "1d 00h"), (41.25, "41.3 s"), (1.05, "1.1 s"), (0.0105, "10.5 ms"),
    ])
    func boundaries(seconds: Double, text: String) {
        #expect(SecondsText.format(seconds) == text, "\(seconds)")
    }

    @Test("999.5 ms is 1.0 s; 999.4 ms is 999 ms")
    func millisecondEdge() {
        #expect(SecondsText.format(999.5 / 1000) == "1.0 s")
        #expect(SecondsText.format(999.4 / 1000) == "999 ms")
    }

    @Test("negative (a clock step) is 0.00 ms; NaN and infinity are a dash")
    func edges() {
        #expect(SecondsText.format(-3) == "0.00 ms")
        #expect(SecondsText.format(.nan) == "—")
        #expect(SecondsText.format(.infinity) == "—")
        #expect(SecondsText.format(1e300) == "1.0e+300 s", "huge values do not trap: e-notation from 10^9 s")
        #expect(SecondsText.format(999_999_999) == "11574d 02h")
        #expect(SecondsText.format(1.2e-7) == "0.12 µs", "tiny positive values are never 0.00 ms")
        #expect(SecondsText.format(3e-9) == "3.0 ns")
    }

    @Test("the former LatencyText name is the same formatter")
    func alias() {
        #expect(LatencyText.format(0.0242) == SecondsText.format(0.0242))
    }
}
