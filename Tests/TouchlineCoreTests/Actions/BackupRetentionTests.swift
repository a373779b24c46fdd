import Foundation
import Testing
import TouchlineCore

@Suite("Backup retention")
struct BackupRetentionTests {
    static let now = Date(timeIntervalSince1970: 1_750_000_000)

    static func record(_ name: String, daysAgo: Double, verified: Bool = true) -> BackupRecord {
        BackupRecord(file: name, created: now.addingTimeInterval(-daysAgo * 86_400), size: 10, sha256: "x",
                     database: "db", serverVersion: "15", tableRows: [:], verified: verified)
    }

    @Test("backups older than keep_days expire, newer ones stay")
    func expiresOld() {
        let records = [Self.record("a", daysAgo: 10), Self.record("b", daysAgo: 8), Self.record("c", daysAgo: 2), Self.record("d", daysAgo: 0.1)]
        let plan = BackupRetention.plan(records, keepDays: 7, now: Self.now)
        #expect(plan.expire.map(\.file) == ["a", "b"])
        #expect(plan.keep.map(\.file) == ["c", "d"])
    }

    @Test("when every backup is old, the newest verified one is kept")
    func keepsNewestVerifiedWhenAllOld() {
        let records = [Self.record("old", daysAgo: 30), Self.record("newer", daysAgo: 20), Self.record("newest-unverified", daysAgo: 15, verified: false)]
        let plan = BackupRetention.plan(records, keepDays: 7, now: Self.now)
        #expect(plan.keep.map(\.file) == ["newer"])
        #expect(plan.expire.map(\.file) == ["old", "newest-unverified"])
    }

    @Test("the newest verified backup is kept even when newer unverified ones exist and are kept too")
    func keepsNewestVerifiedBehindUnverified() {
        let records = [Self.record("verified", daysAgo: 9), Self.record("unverified", daysAgo: 1, verified: false)]
        let plan = BackupRetention.plan(records, keepDays: 7, now: Self.now)
        #expect(plan.keep.map(\.file) == ["verified", "unverified"])
        #expect(plan.expire.isEmpty)
    }

    @Test("the boundary: exactly keep_days old stays; a second older goes")
    func boundary() {
        let exact = BackupRecord(file: "exact", created: Self.now.addingTimeInterval(-7 * 86_400), size: 1, sha256: "", database: "",
                                 serverVersion: "", tableRows: [:], verified: false)
        var older = exact
        older.file = "older"
        older.created = exact.created.addingTimeInterval(-1)
        let plan = BackupRetention.plan([older, exact, Self.record("new", daysAgo: 0)], keepDays: 7, now: Self.now)
        #expect(plan.keep.map(\.file) == ["exact", "new"])
        #expect(plan.expire.map(\.file) == ["older"])
    }

    @Test("nothing to do on an empty list")
    func empty() {
        #expect(BackupRetention.plan([], keepDays: 1, now: Self.now) == BackupRetention.Plan(keep: [], expire: []))
    }
}
