import Foundation
import Testing
@testable import TouchlineCore

/// The rule for each JSON type a health document's status field can hold, decoded with its type kept.
@Suite("Health status field: every JSON type")
struct JSONValueTests {
    private func status(_ json: String, field: String = "status") throws -> (ProbeStatus, String?) {
        let document = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
        let value = try #require(document.value(at: field))
        let result = value.healthStatus(field: field)
        return (result.status, result.reason)
    }

    @Test("booleans stay booleans: true is up, false is down and shown as false")
    func booleans() throws {
        #expect(try status(#"{"healthy": true, "version": "9.9.9"}"#, field: "healthy") == (.up, nil))
        #expect(try status(#"{"healthy": false}"#, field: "healthy") == (.down, "healthy: false"))
        let document = try JSONDecoder().decode(JSONValue.self, from: Data(#"{"a": true, "b": 1}"#.utf8))
        #expect(document.value(at: "a") == .bool(true))
        #expect(document.value(at: "b") == .integer(1))
        #expect(document.value(at: "a")?.text == "true")
    }

    @Test("strings are health words, case-insensitive and trimmed", arguments: [
        ("ok", ProbeStatus.up), ("UP", .up), ("Healthy", .up), ("pass", .up), ("passing", .up), ("green", .up), (" ok ", .up), ("true", .up),
        ("warn", .degraded), ("WARNING", .degraded), ("degraded", .degraded), ("yellow", .degraded),
        ("fail", .down), ("DOWN", .down), ("red", .down), ("", .down), ("false", .down),
    ])
    func strings(word: String, expected: ProbeStatus) throws {
        let (got, reason) = try status(#"{"status": "\#(word)"}"#)
        #expect(got == expected)
        #expect(reason == (expected == .up ? nil : "status: \(word)"))
    }

    @Test("numbers: 1 is up, 0 is down, any other number is down as no status, shown as written")
    func numbers() throws {
        #expect(try status(#"{"status": 1}"#) == (.up, nil))
        #expect(try status(#"{"status": 1.0}"#) == (.up, nil))
        #expect(try status(#"{"status": 0}"#) == (.down, "status: 0"))
        #expect(try status(#"{"status": 200}"#) == (.down, "status: 200 is not a status (expected true/false, 1/0 or a word such as ok)"))
        #expect(try status(#"{"status": 0.5}"#).1 == "status: 0.5 is not a status (expected true/false, 1/0 or a word such as ok)")
    }

    @Test("null, objects and arrays are down with a reason saying the field holds no status")
    func containers() throws {
        #expect(try status(#"{"status": null}"#) == (.down, "status: null, no status given"))
        #expect(try status(#"{"status": {"indicator": "ok"}}"#)
                == (.down, "status is an object, not a status: point status_field at a field inside it, e.g. status.indicator"))
        #expect(try status(#"{"status": ["ok"]}"#) == (.down, "status is an array of 1 values, not a status"))
    }

    @Test("dotted paths reach into objects, and a number indexes an array")
    func paths() throws {
        #expect(try status(#"{"status": {"indicator": "ok"}}"#, field: "status.indicator") == (.up, nil))
        #expect(try status(#"{"checks": [{"status": "fail"}]}"#, field: "checks.0.status") == (.down, "checks.0.status: fail"))
        let document = try JSONDecoder().decode(JSONValue.self, from: Data(#"{"a": {"b": 1}}"#.utf8))
        #expect(document.value(at: "a.c") == nil)
        #expect(document.value(at: "a.b.c") == nil)
    }
}
