import Foundation
import Testing
import TouchlineApp
import TouchlineCore

/// `touchline audit`'s lines: the duration column of records that ran, never ran, or are starts.
@Suite("Audit line")
struct AuditLineTests {
    private func record(_ phase: AuditRecord.Phase, _ outcome: AuditOutcome?, _ seconds: Double?) -> AuditRecord {
        AuditRecord(time: Date(timeIntervalSince1970: 1_790_000_000), phase: phase, id: "a", environment: "staging",
                    action: "restore", commands: [], user: "ops", host: "box", pid: 1, outcome: outcome, durationSeconds: seconds)
    }

    @Test("cancelled in its dialog or refused (written with 0 s) shows — ; a real run its duration; a start none")
    func durations() {
        #expect(AuditLine.text(record(.end, .cancelled, 0)).contains("  cancelled  —  ops@box"))
        #expect(AuditLine.text(record(.end, .refused, 0)).contains("  refused  —  ops@box"))
        #expect(AuditLine.text(record(.end, .cancelled, 2.5)).contains("  cancelled  2.5 s  ops@box"), "a run cancelled midway took time")
        #expect(AuditLine.text(record(.end, .ok, 0.0123)).contains("  ok  12.3 ms  ops@box"))
        #expect(AuditLine.text(record(.end, .failed, nil)).contains("  failed  —  ops@box"))
        #expect(AuditLine.text(record(.end, .failed, 0)).contains("  failed  —  ops@box"), "failed before it began, not 0.00 ms")
        #expect(AuditLine.text(record(.start, nil, nil)).contains("restore  ops@box"))
    }
}
