import Testing
@testable import TouchlineCore

@Suite("Durations")
struct DurationTextTests {
    @Test("parses the notations of config.toml", arguments: [
        ("500ms", 0.5), ("2s", 2.0), ("1m", 60.0), ("1m30s", 90.0), ("1.5s", 1.5), ("1h", 3600.0), ("250us", 0.00025),
    ])
    func parses(text: String, seconds: Double) {
        #expect(DurationText.seconds(text).map { abs($0 - seconds) < 1e-9 } == true)
    }

    @Test("rejects what is not a positive duration", arguments: ["", "2", "2x", "-1s", "0s", "s", "1.2.3s", "ms", "1 s s", "two seconds"])
    func rejects(text: String) {
        #expect(DurationText.seconds(text) == nil)
    }

    @Test("formats back in the same notation")
    func formats() {
        #expect(DurationText.format(2) == "2s")
        #expect(DurationText.format(0.5) == "500ms")
        #expect(DurationText.format(60) == "1m")
        #expect(DurationText.format(1.5) == "1.5s")
        #expect(DurationText.format(1) == "1s")
    }
}
