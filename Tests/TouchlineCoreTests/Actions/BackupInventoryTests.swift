import Foundation
import Testing
import TouchlineCore

@Suite("Backup inventory")
struct BackupInventoryTests {
    static let now = Date(timeIntervalSince1970: 1_750_000_000)

    static func record(_ name: String, hoursAgo: Double, size: Int64 = 100, verified: Bool = true) -> BackupRecord {
        BackupRecord(file: name, created: now.addingTimeInterval(-hoursAgo * 3600), size: size, sha256: "s", database: "db",
                     serverVersion: "15.18", tableRows: ["public.t": 1], verified: verified)
    }

    static func file(_ name: String, size: Int64 = 100, hoursAgo: Double = 0) -> BackupInventory.FileFact {
        BackupInventory.FileFact(name: name, size: size, modified: now.addingTimeInterval(-hoursAgo * 3600))
    }

    @Test("states: verified, unverified, missing, size mismatch, unlisted; newest first; partials and the manifest ignored")
    func states() {
        let manifest = BackupManifest(backups: [
            Self.record("a.sql.gz", hoursAgo: 50), Self.record("b.sql.gz", hoursAgo: 40, verified: false),
            Self.record("c.sql.gz", hoursAgo: 30), Self.record("d.sql.gz", hoursAgo: 20, size: 100),
        ])
        let files = [Self.file("a.sql.gz"), Self.file("b.sql.gz"), Self.file("d.sql.gz", size: 99),
                     Self.file("e.sql.gz", hoursAgo: 10), Self.file("f.sql.gz.partial"), Self.file("manifest.json")]
        let inventory = BackupInventory.build(directory: "/b", manifest: manifest, files: files, now: Self.now)
        #expect(inventory.entries.map(\.file) == ["e.sql.gz", "d.sql.gz", "c.sql.gz", "b.sql.gz", "a.sql.gz"])
        #expect(inventory.entries.map(\.state) == [.unlisted, .sizeMismatch, .missing, .unverified, .verified])
        #expect(inventory.entries[0].age == 36_000)
        #expect(inventory.entries[1].size == 99)
        #expect(inventory.newestVerified?.file == "a.sql.gz")
    }

    @Test("freshness: quiet under a day, a warning past it, and when nothing verified exists")
    func freshness() {
        func inventory(_ records: [BackupRecord]) -> BackupInventory {
            BackupInventory.build(directory: "/b", manifest: BackupManifest(backups: records),
                                  files: records.map { Self.file($0.file) }, now: Self.now)
        }
        #expect(inventory([Self.record("fresh", hoursAgo: 23.9)]).freshnessWarning() == nil)
        #expect(inventory([Self.record("old", hoursAgo: 30)]).freshnessWarning() == "newest verified backup is 1d 6h old (old)")
        #expect(inventory([Self.record("old", hoursAgo: 30), Self.record("new", hoursAgo: 2, verified: false)]).freshnessWarning()
                == "newest verified backup is 1d 6h old (old)")
        #expect(inventory([Self.record("u", hoursAgo: 1, verified: false)]).freshnessWarning() == "no verified backup (1 unverified or damaged)")
        #expect(inventory([]).freshnessWarning() == "no backups yet")
        #expect(inventory([Self.record("old", hoursAgo: 3)]).freshnessWarning(maxAge: 3600) == "newest verified backup is 3h old (old)")
    }

    @Test("load reads the manifest and the folder; a missing folder is empty; a broken manifest is reported")
    func loadsFromDisk() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("inventory-\(UUID().uuidString)").path
        #expect(BackupInventory.load(directory: folder).entries.isEmpty)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let record = Self.record("db_20250101_000000.sql.gz", hoursAgo: 1, size: 5)
        try BackupManifest(backups: [record]).encoded().write(to: URL(fileURLWithPath: folder + "/manifest.json"))
        try Data("12345".utf8).write(to: URL(fileURLWithPath: folder + "/" + record.file))
        let inventory = BackupInventory.load(directory: folder, now: Self.now)
        #expect(inventory.entries.map(\.state) == [.verified])
        #expect(inventory.entries.first?.record == record)
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: folder + "/manifest.json"))
        let broken = BackupInventory.load(directory: folder, now: Self.now)
        #expect(broken.manifestProblem != nil)
        #expect(broken.entries.map(\.state) == [.unlisted])
    }
}
