import Foundation
import Testing
import TouchlineCore

@Suite("Backup file names, dump trailer and ages")
struct BackupNamingTests {
    static let moment = Date(timeIntervalSince1970: 1_740_795_247) // 2025-03-01 02:14:07 UTC

    @Test("names are <database>_<YYYYmmdd_HHMMSS>.sql.gz in UTC, with a counter when taken")
    func names() {
        #expect(BackupFileName.make(database: "football_prediction_staging", at: Self.moment)
                == "football_prediction_staging_20250301_021407.sql.gz")
        let taken: Set = ["db_20250301_021407.sql.gz", "db_20250301_021407_2.sql.gz.partial"]
        #expect(BackupFileName.make(database: "db", at: Self.moment) { taken.contains($0) } == "db_20250301_021407_3.sql.gz")
        #expect(BackupFileName.make(database: "../etc/x", at: Self.moment) == "_._etc_x_20250301_021407.sql.gz")
        #expect(BackupFileName.isBackup("db_20250301_021407.sql.gz"))
        #expect(!BackupFileName.isBackup("db_20250301_021407.sql.gz.partial"))
        #expect(BackupFileName.isPartial("db_20250301_021407.sql.gz.partial"))
    }

    @Test("the completion trailer: found at the end, also followed by \\unrestrict; refused when anything follows")
    func trailer() {
        let complete = "ALTER TABLE x;\n\n--\n-- PostgreSQL database dump complete\n--\n\n"
        #expect(DumpTrailer.isComplete(tail: complete))
        #expect(DumpTrailer.isComplete(tail: complete + "\\unrestrict abc123\n\n"))
        #expect(!DumpTrailer.isComplete(tail: "COPY public.teams (id) FROM stdin;\n1\n2\n"))
        #expect(!DumpTrailer.isComplete(tail: complete + "INSERT INTO t VALUES (1);\n"))
        #expect(!DumpTrailer.isComplete(tail: ""))
    }

    @Test("ages show two units at most")
    func ages() {
        #expect(AgeText.format(45) == "45s")
        #expect(AgeText.format(720) == "12m")
        #expect(AgeText.format(3 * 3600 + 5 * 60 + 9) == "3h 5m")
        #expect(AgeText.format(2 * 86_400 + 4 * 3600 + 60) == "2d 4h")
        #expect(AgeText.format(86_400) == "1d")
        #expect(AgeText.format(-5) == "0s")
    }

    @Test("the command lines: password never on them, placeholders in the preview, shell-quoted display")
    func commandLines() {
        let config = BackupConfig(environment: "staging", probe: "postgres", dsn: "host=127.0.0.1 dbname=app user=u",
                                  passwordEnv: "PW", directory: "/srv/backups")
        #expect(BackupCommandLine.dump(dsn: config.dsn, snapshot: "00000003-1")
                == ["pg_dump", "--dbname=host=127.0.0.1 dbname=app user=u", "--no-password", "--format=plain", "--clean",
                    "--if-exists", "--snapshot=00000003-1"])
        #expect(BackupCommandLine.display(BackupCommandLine.preview(config), output: BackupCommandLine.previewOutput(config))
                == "pg_dump '--dbname=host=127.0.0.1 dbname=app user=u' --no-password --format=plain --clean --if-exists "
                + "'--snapshot=<snapshot>' | gzip -c > '/srv/backups/<database>_<YYYYmmdd_HHMMSS>.sql.gz'")
        #expect(BackupCommandLine.preview(config, compressor: .pigz).last == ["pigz", "-c"])
    }

    @Test("pigz compresses and verifies when PATH finds it, gzip otherwise")
    func compressorChoice() {
        let found = { (path: String) in path == "/opt/bin/pigz" }
        #expect(BackupCommandLine.Compressor.preferred(searchPath: "/usr/bin:/opt/bin", isExecutable: found) == .pigz)
        #expect(BackupCommandLine.Compressor.preferred(searchPath: "/usr/bin:/bin", isExecutable: found) == .gzip)
        #expect(BackupCommandLine.Compressor.preferred(searchPath: nil, isExecutable: found) == .gzip)
        #expect(BackupCommandLine.Compressor.pigz.decompress("/b/x.sql.gz") == ["pigz", "-dc", "--", "/b/x.sql.gz"])
        #expect(BackupCommandLine.Compressor.gzip.compress == BackupCommandLine.compress)
    }
}
