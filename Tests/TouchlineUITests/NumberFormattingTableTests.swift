import Foundation
import Testing
@testable import TouchlineCore
@testable import TouchlineUI

/// Every formatter of a number that can come from outside (a Prometheus sample, a Redis INFO field, a JSON
/// number, a timing) against the same hostile values: none traps, every text stays short, and the
/// interesting ones read as expected.
@Suite("Number formatting at every magnitude")
struct NumberFormattingTableTests {
    static let values: [Double] = [0, -0.0, 1e-9, 1.2e-7, 0.5, 1, 59.9, 3600, 86400 * 400, 1e15, 1e20, 1e22, 1e30, 1e300,
                                   .greatestFiniteMagnitude, .infinity, -.infinity, .nan, -1, -1e30]

    /// Every formatter, by name, as one function of a Double.
    static let formatters: [(name: String, format: @Sendable (Double) -> String)] = MetricUnit.allCases.map { unit in
        (name: "MetricUnit.\(unit.rawValue)", format: { unit.format($0) })
    } + [
        ("MetricUnit.plain", { MetricUnit.format($0, unit: nil) }),
        ("Format.age", Format.age), ("Format.uptime", Format.uptime), ("Format.duration", Format.duration),
        ("Format.percent", { Format.percent($0) }), ("Format.rate", Format.rate), ("Format.latency", { Format.latency($0) }),
        ("Format.clock", { Format.clock(Date(timeIntervalSince1970: $0)) }),
        ("Format.count", { Format.count(Int64(clampingFinite: $0)) }),
        ("SecondsText", { SecondsText.format($0) }), ("SecondsText.atLeast", { SecondsText.format($0, atLeast: true, compact: true) }),
        ("AgeText", AgeText.format), ("ByteText", { ByteText.format(Int64(clampingFinite: $0)) }),
        ("DurationText", DurationText.format), ("SilenceSpec.text", SilenceSpec.text),
        ("PostgresSession.age", PostgresSession.age), ("StatusEpisode.duration", StatusEpisode.duration),
        ("HTTPTimings.summary", { HTTPTimings(namelookup: $0, connect: $0, appconnect: $0, starttransfer: $0, total: $0).summary }),
        ("UTCTimestamp", { UTCTimestamp.format(Date(timeIntervalSince1970: $0)) }),
        ("DecimalText.scientific", { DecimalText.scientific($0, digits: 1) }),
    ]

    @Test("no formatter traps on any value, and none writes a runaway number", arguments: values)
    func noTrap(value: Double) {
        for formatter in Self.formatters {
            let text = formatter.format(value)
            #expect(!text.isEmpty, "\(formatter.name)(\(value))")
            #expect(text.count <= 100, "\(formatter.name)(\(value)) is \(text.count) characters: \(text)")
        }
    }

    @Test("MetricUnit texts stay narrow enough for a table column at every magnitude", arguments: values)
    func metricUnitWidth(value: Double) {
        for unit in MetricUnit.allCases {
            #expect(unit.format(value).count <= 12, "\(unit)(\(value)) → \(unit.format(value))")
        }
        #expect(MetricUnit.plain(value).count <= 12, "plain(\(value)) → \(MetricUnit.plain(value))")
    }

    @Test("seconds: ns and µs under a millisecond, days past one, e-notation past 10^9 s, never a trap")
    func seconds() {
        let expected: [(Double, String)] = [
            (0, "0.00 ms"), (-0.0, "0.00 ms"), (1e-9, "1.00 ns"), (1.2e-7, "120 ns"), (4.2e-6, "4.20 µs"), (0.0005, "500 µs"),
            (0.0123, "12.3 ms"), (0.5, "500 ms"), (1, "1.00 s"), (59.9, "59.90 s"), (125, "2m 5s"), (3600, "1h 0m"),
            (86400 * 400, "400d 0h"), (1e15, "1.0e+15 s"), (1e20, "1.0e+20 s"), (1e22, "1.0e+22 s"), (1e30, "1.0e+30 s"),
            (1e300, "1.0e+300 s"), (.infinity, "+Inf"), (-.infinity, "-Inf"), (.nan, "NaN"), (-1, "-1.00 s"),
            (-1e30, "-1.0e+30 s"), (-7200, "-2h 0m"),
        ]
        for (value, text) in expected { #expect(MetricUnit.seconds.format(value) == text, "\(value)") }
    }

    @Test("count, per_second and plain: k M G T, then e-notation; tiny fractions in e-notation, not 0.000")
    func counts() {
        let expected: [(Double, String)] = [
            (0, "0"), (-0.0, "0"), (1e-9, "1.0e-09"), (1.2e-7, "1.2e-07"), (0.5, "0.500"), (1, "1"), (59.9, "59.90"),
            (3600, "3600"), (86400 * 400, "34.6M"), (999_999, "1.0M"), (1e15, "1.0e+15"), (1e20, "1.0e+20"), (1e21, "1.0e+21"),
            (1e300, "1.0e+300"), (.greatestFiniteMagnitude, "1.8e+308"), (.infinity, "+Inf"), (-.infinity, "-Inf"),
            (.nan, "NaN"), (-1, "-1"), (-1e30, "-1.0e+30"),
        ]
        for (value, text) in expected {
            #expect(MetricUnit.count.format(value) == text, "\(value)")
            #expect(MetricUnit.plain(value) == text, "\(value)")
            #expect(MetricUnit.perSecond.format(value) == (value.isFinite ? text + "/s" : text), "\(value)")
        }
    }

    @Test("bytes, ratio and percent: binary units up to EiB, then e-notation")
    func bytesAndShares() {
        #expect(MetricUnit.bytes.format(0.5) == "0 B")
        #expect(MetricUnit.bytes.format(86400 * 400) == "33.0 MiB")
        #expect(MetricUnit.bytes.format(1e15) == "909.5 TiB" && MetricUnit.bytes.format(1e18) == "888.2 PiB")
        #expect(MetricUnit.bytes.format(1e20) == "1.0e+20 B")
        #expect(MetricUnit.bytes.format(-1e30) == "-1.0e+30 B")
        #expect(MetricUnit.bytes.format(.nan) == "NaN")
        #expect(MetricUnit.ratio.format(0.5) == "50.0 %")
        #expect(MetricUnit.ratio.format(1e30) == "1.0e+32 %")
        #expect(MetricUnit.percent.format(59.9) == "59.9 %")
        #expect(MetricUnit.percent.format(1e15) == "1.0e+15 %")
        #expect(MetricUnit.percent.format(-.infinity) == "-Inf")
    }

    @Test("the pane formats: a dash for NaN and infinity, e-notation for ages past 10^9 s, µs for tiny durations")
    func paneFormats() {
        #expect(Format.age(.nan) == "—" && Format.age(.infinity) == "—" && Format.uptime(-.infinity) == "—")
        #expect(Format.age(86400 * 400) == "400d" && Format.uptime(86400 * 400) == "400d 0h")
        #expect(Format.age(1e30) == "1.0e+30 s" && Format.uptime(1e20) == "1.0e+20 s" && AgeText.format(1e22) == "1.0e+22 s")
        #expect(Format.age(-1) == "0s" && AgeText.format(.nan) == "—")
        #expect(Format.duration(1.2e-7) == "0.12 µs" && Format.duration(1e-9) == "1.0 ns" && Format.duration(0) == "0.00 ms")
        #expect(Format.duration(1e30) == "1.0e+30 s" && Format.duration(.nan) == "—")
        #expect(Format.rate(.nan) == "—" && Format.rate(1e300) == "1.0e+300" && Format.rate(.infinity) == "+Inf")
        #expect(Format.rate(12) == "12" && Format.rate(12_345) == "12.3k")
        #expect(Format.percent(.nan) == "—" && Format.percent(1e30) == "100%" && Format.percent(-.infinity) == "0%")
        #expect(DurationText.format(1e30) == "1.0e+30s" && DurationText.format(90) == "90s" && DurationText.format(120) == "2m")
        #expect(StatusEpisode.duration(1e30).hasSuffix("m"))
        #expect(Format.count(Int64.min) == "-9.2e+18" && Format.count(Int64.max) == "9.2e+18" && Format.count(999_999) == "1.0M")
        #expect(Format.count(12_345) == "12.3k" && Format.count(4_500_000) == "4.5M" && Format.count(7_200_000_000) == "7.2G")
    }

    @Test("sparkline, bar, line graph scale and grid steps take any value", arguments: values)
    func graphs(value: Double) {
        for maximum in [value, 1, .infinity, .nan, .greatestFiniteMagnitude] {
            _ = Sparkline.level(value, maximum: maximum)
            _ = Sparkline.render([value, nil, 1], width: 3, maximum: maximum)
        }
        _ = Bar.segments(fraction: value, width: 10)
        let scale = LineGraph.niceCeiling(value)
        #expect(scale.isFinite && scale > 0, "niceCeiling(\(value)) = \(scale)")
        #expect((1...5).contains(LatencyPane.gridSteps(scale: scale, rows: 12)))
        #expect((1...5).contains(LatencyPane.gridSteps(scale: value, rows: 12)))
        var buffer = CellBuffer(width: 20, height: 6)
        LineGraph.draw(points: [.latency(value), .latency(1), .failure, .gap], in: Rect(x: 0, y: 0, width: 20, height: 6),
                       maximum: scale, role: .text, failureRole: .critical, into: &buffer)
        LineGraph.draw(points: [.latency(value)], in: Rect(x: 0, y: 0, width: 20, height: 6),
                       maximum: .infinity, role: .text, failureRole: .critical, into: &buffer)
    }

    @Test("one conversion for outside values: clamps, NaN is 0, never traps")
    func clampingFinite() {
        #expect(Int(clampingFinite: .nan) == 0)
        #expect(Int(clampingFinite: .infinity) == .max && Int(clampingFinite: -.infinity) == .min)
        #expect(Int(clampingFinite: 1e30) == .max && Int64(clampingFinite: -1e30) == .min)
        #expect(Int(clampingFinite: 9.223372036854775807e18) == .max)
        #expect(Int32(clampingFinite: 3e9) == .max && UInt64(clampingFinite: -1) == 0)
        #expect(Int(clampingFinite: 59.9) == 59 && Int(clampingFinite: -59.9) == -59)
    }

    @Test("a count word after a number is singular for one")
    func countWords() {
        #expect(CountText.format(1, "client") == "1 client")
        #expect(CountText.format(0, "client") == "0 clients")
        #expect(CountText.format(Int64(2), "replica") == "2 replicas")
        #expect(CountText.noun(1, "series", plural: "series") == "series")
    }
}
