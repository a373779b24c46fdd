import Testing
@testable import TouchlineCore

/// A cancel is said once: the operator's reason already reads `cancelled by the operator (c)`.
@Suite("Cancel text: cancelled said once")
struct CancelTextTests {
    @Test("backup cancelled by the operator (c), never `backup cancelled: cancelled by …`; other reasons keep the colon")
    func once() {
        #expect(BackupResult.cancelled(reason: "cancelled by the operator (c)").message == "backup cancelled by the operator (c)")
        #expect(BackupResult.cancelled(reason: "SIGTERM").message == "backup cancelled: SIGTERM")
        #expect(CancelText.phrase(nil, reason: "cancelled by the operator") == "cancelled by the operator")
        #expect(CancelText.phrase(nil, reason: "the rehearsal was cancelled") == "cancelled: the rehearsal was cancelled")
        #expect(CancelText.phrase("restart", reason: "cancelled") == "restart cancelled")
    }
}
