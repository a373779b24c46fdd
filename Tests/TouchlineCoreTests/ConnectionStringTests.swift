import Foundation
import Testing
@testable import TouchlineCore

/// Every spelling of a password libpq accepts, and strings it refuses, through libpq's own parse.
@Suite("Connection strings as libpq parses them")
struct ConnectionStringTests {
    /// A DSN spelling and the password libpq reads from it.
    struct Spelling: CustomTestStringConvertible, Sendable {
        var dsn: String
        var password: String
        var testDescription: String { dsn }
    }

    /// Every way of writing a password libpq accepts, each with the value libpq will use.
    static let spellings: [Spelling] = [
        Spelling(dsn: "host=db port=5432 dbname=app user=app password=Hunter2x", password: "Hunter2x"),
        Spelling(dsn: "host=db dbname=app user=app password = Hunter2x", password: "Hunter2x"),
        Spelling(dsn: "host=db dbname=app user=app password= Hunter2x", password: "Hunter2x"),
        Spelling(dsn: "host=db dbname=app user=app password =Hunter2x", password: "Hunter2x"),
        Spelling(dsn: "host=db\tdbname=app\tuser=app\tpassword\t=\tHunter2x", password: "Hunter2x"),
        Spelling(dsn: "host=db\ndbname=app user=app\n password=Hunter2x\n", password: "Hunter2x"),
        Spelling(dsn: "password=Hunter2x host=db dbname=app", password: "Hunter2x"),
        Spelling(dsn: "host=db password='pa ss word' dbname=app", password: "pa ss word"),
        Spelling(dsn: "host=db password = 'it\\'s secret' dbname=app", password: "it's secret"),
        Spelling(dsn: "host=db password='back\\\\slash' dbname=app", password: "back\\slash"),
        Spelling(dsn: "host=db password=bare\\ spaced dbname=app", password: "bare spaced"),
        Spelling(dsn: "host=db password='' dbname=app", password: ""),
        Spelling(dsn: "host=db password=decoy1 dbname=app password=Hunter2x", password: "Hunter2x"),
        Spelling(dsn: "postgresql://app:Hunter2x@db:5432/app", password: "Hunter2x"),
        Spelling(dsn: "postgres://app:Hunter2x@db/app", password: "Hunter2x"),
        Spelling(dsn: "postgresql://app@db/app?password=Hunter2x", password: "Hunter2x"),
        Spelling(dsn: "postgresql://app:decoy1@db/app?password=Hunter2x", password: "Hunter2x"),
        Spelling(dsn: "postgresql://app:p%40ss%20w%27rd@db/app", password: "p@ss w'rd"),
        Spelling(dsn: "postgresql://app@db/app?password=%48unter2x&sslmode=disable", password: "Hunter2x"),
        Spelling(dsn: "postgresql://app:Hunter2x@db1:5432,db2:5433/app?target_session_attrs=read-write", password: "Hunter2x"),
        Spelling(dsn: "postgresql://app:Hunter2x@[::1]:5432/app", password: "Hunter2x"),
        Spelling(dsn: "postgresql://app:Hunter2x@%2Fvar%2Frun%2Fpostgresql/app", password: "Hunter2x"),
        Spelling(dsn: "host=db1,db2 port=5432,5433 dbname=app password=Hunter2x passfile=/dev/null", password: "Hunter2x"),
    ]

    @Test("libpq reads the password; the redacted and command-line forms hold none of it and parse back the same",
          arguments: spellings)
    func everySpelling(_ spelling: Spelling) throws {
        let parsed = try ConnectionString(parsing: spelling.dsn)
        #expect(parsed.secrets == [spelling.password])
        #expect(parsed.secretKeywords == ["password"])
        let shown = [parsed.redacted, parsed.withoutSecrets, ConnectionString.display(spelling.dsn),
                     SecretRedactor.redactDSN(spelling.dsn)]
        for text in shown where !spelling.password.isEmpty {
            #expect(!text.contains(spelling.password), "\(text)")
            #expect(!text.contains("decoy1"), "\(text)")
        }
        #expect(parsed.redacted.contains("password=***"))
        let reparsed = try ConnectionString(parsing: parsed.redacted)
        #expect(reparsed.options.filter { !$0.isSecret } == parsed.options.filter { !$0.isSecret })
        #expect(reparsed.secrets == ["***"])
        let bare = try ConnectionString(parsing: parsed.withoutSecrets)
        #expect(bare.secrets.isEmpty)
        #expect(bare.options == parsed.options.filter { !$0.isSecret })
    }

    @Test("sslpassword is a secret too (libpq marks it as a password field)")
    func sslPassword() throws {
        let parsed = try ConnectionString(parsing: "host=db sslkey=/k sslpassword='key pass' dbname=app")
        #expect(parsed.secretKeywords == ["sslpassword"])
        #expect(parsed.redacted == "host=db sslkey=/k sslpassword=*** dbname=app")
    }

    @Test("keyword/value strings keep the order written; URIs read user, password, host, port, dbname, then parameters")
    func order() throws {
        #expect(try ConnectionString(parsing: "dbname=app host=db port=5433 user=u").redacted == "dbname=app host=db port=5433 user=u")
        #expect(try ConnectionString(parsing: "postgresql://u:pw@db:5433/app?sslmode=disable&application_name=x y").redacted
                == "user=u password=*** host=db port=5433 dbname=app application_name='x y' sslmode=disable")
        #expect(try ConnectionString(parsing: "host=db options='-c search_path=a\\'b'").redacted == "host=db options='-c search_path=a\\'b'")
        #expect(try ConnectionString(parsing: "").options.isEmpty)
    }

    /// Strings libpq refuses, each with the fragment that must not appear in the error.
    static let refused: [(dsn: String, secret: String)] = [
        ("host=db password=pa ssw0rdX dbname=app", "ssw0rdX"),
        ("host=db password=pa sword=x", "sword"),
        ("host=db password='Hunter2x", "Hunter2x"),
        ("POSTGRESQL://app:Hunter2x@db/app", "Hunter2x"),
        ("Postgres://app:Hunter2x@db/app", "Hunter2x"),
        ("postgresql://app:Hunter2x@[::1/app", "Hunter2x"),
        ("postgresql://app@db/app?password=%zzHunter2x", "Hunter2x"),
        ("postgresql://app@db/app?password=Hunter2x=y", "Hunter2x"),
        ("postgresql://app:Hunter2x@db/app?nonsense=1", "Hunter2x"),
        ("host=db Hunter2x", "Hunter2x"),
    ]

    @Test("a string libpq refuses: libpq's message, nothing of the text in it")
    func refusedStrings() {
        for (dsn, secret) in Self.refused {
            do {
                _ = try ConnectionString(parsing: dsn)
                Issue.record("libpq accepted \(dsn)")
            } catch {
                #expect(!error.message.contains(secret), "\(error.message)")
                #expect(!error.message.isEmpty)
                #expect(!ConnectionString.display(dsn).contains(secret))
                #expect(!SecretRedactor.redactDSN(dsn).contains(secret) || !dsn.hasPrefix("postgres"), "\(dsn)")
            }
        }
        let spaced = #expect(throws: ConnectionStringError.self) { try ConnectionString(parsing: "host=db password=pa ss") }
        #expect(spaced?.message == "missing \"=\" after \"…\" in connection info string")
        let bare = #expect(throws: ConnectionStringError.self) { try ConnectionString(parsing: "postgres://db/app?password") }
        #expect(bare?.message == "missing key/value separator \"=\" in URI query parameter: \"password\"", "libpq's keywords are kept")
        let upper = #expect(throws: ConnectionStringError.self) { try ConnectionString(parsing: "POSTGRESQL://app:x1y2z3@db/app") }
        #expect(upper?.message.contains("in lower case") == true)
    }

    @Test("a dsn libpq cannot parse is a config error at the dsn key, with libpq's message and no secret")
    func configError() throws {
        let text = """
            [environments.staging]
            [[environments.staging.probes]]
            name = "postgres"
            kind = "postgres"
            dsn = "host=db password=pa ss"
            """
        do {
            _ = try ConfigLoader.parse(text, file: "c.toml", baseDirectory: "/tmp", environment: [:])
            Issue.record("loaded")
        } catch let error as ConfigError {
            #expect(error.description == "c.toml:5: environments.staging.probes[0].dsn: libpq cannot parse this connection string: "
                    + "missing \"=\" after \"…\" in connection info string")
        }
    }

    @Test("the backup guard refuses every spelling, one line at the backup's probe key, naming no secret",
          arguments: spellings.filter { !$0.password.isEmpty })
    func backupGuard(_ spelling: Spelling) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dsn-guard-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("config.toml").path
        let probes = """
            [environments.staging]
            [[environments.staging.probes]]
            name = "postgres"
            kind = "postgres"
            dsn = \(Self.toml(spelling.dsn))
            """
        // The probe alone loads (the dsn's password is the probe's business); its backup table fails the load.
        let environment = try ConfigLoader.parse(probes, file: path, baseDirectory: folder.path, environment: [:]).environments[0]
        #expect(!environment.probes[0].target.displayTarget.contains(spelling.password))
        #expect(environment.secretValues(in: [:]) == [spelling.password])
        try """
            \(probes)

            [environments.staging.backup]
            probe = "postgres"
            """.write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try ConfigLoader.load(path: path, environment: [:])
            Issue.record("not refused")
        } catch let error as ConfigError {
            #expect(error.description == "\(path):8: environments.staging.backup.probe: the dsn of probe 'postgres' holds a password "
                    + "(password), which pg_dump would get on its command line; remove it and name an environment variable in password_env")
        }
    }

    @Test("a backup's dsn is libpq's parse, rendered: what pg_dump and psql get on their command line")
    func backupDSN() throws {
        let environment = EnvironmentConfig(name: "staging", label: "STAGING", interval: 1, protected: false, stateDirectory: "/tmp/x",
                                            probes: [ProbeConfig(name: "postgres", interval: 1, timeout: 2, latencyWarn: nil,
                                                                 target: .postgres(dsn: "postgres://app@db:5433/app?sslmode=disable",
                                                                                   passwordEnv: "PW"))],
                                            actionTables: ["backup": .table(["probe": .string("postgres"), "directory": .string("/tmp/b")])])
        let config = try BackupConfigParser.parse(environment: environment, configFile: "/tmp/c.toml")
        #expect(config.dsn == "user=app host=db port=5433 dbname=app sslmode=disable")
        #expect(BackupCommandLine.dump(dsn: config.dsn, snapshot: nil)[1] == "--dbname=user=app host=db port=5433 dbname=app sslmode=disable")
    }

    @Test("error texts: quoted connection strings and URI words lose their passwords; known secrets are scrubbed")
    func errorTexts() {
        #expect(SecretRedactor.redactDSN("could not use \"host=db password = 'a b'\" here") == "could not use \"host=db password=***\" here")
        #expect(SecretRedactor.redactDSN("bad postgresql://u:Hunter2x@db/x and more") == "bad user=u password=*** host=db dbname=x and more")
        #expect(SecretRedactor.redactDSN("bad postgresql://u:Hunter2x@[db/x") == "bad (a connection string libpq cannot parse)")
        #expect(SecretRedactor.redactDSN("permission denied for table zz_private") == "permission denied for table zz_private")
        #expect(SecretRedactor.scrub("auth failed for Hunter2x and Hunter2xy", secrets: ["Hunter2x", "ab"]) == "auth failed for *** and ***y")
    }

    @Test("connection failures put libpq's reason first")
    func reasonFirst() {
        let refused = "connection to server at \"127.0.0.1\", port 5999 failed: Connection refused\n"
            + "\tIs the server running on that host and accepting TCP/IP connections?\n"
        #expect(LibpqErrorText.connectionFailure(refused)
                == "Connection refused (connecting to 127.0.0.1 port 5999; Is the server running on that host and accepting TCP/IP connections?)")
        #expect(LibpqErrorText.connectionFailure("connection to server at \"db\" (10.0.0.5), port 5432 failed: fe_sendauth: no password supplied\n")
                == "no password supplied (connecting to db (10.0.0.5) port 5432)")
        #expect(LibpqErrorText.connectionFailure("psql: error: connection to server on socket \"/tmp/.s.PGSQL.5432\" failed: "
                                                 + "FATAL:  password authentication failed for user \"u\"\n")
                == "password authentication failed for user \"u\" (connecting to socket /tmp/.s.PGSQL.5432)")
        #expect(LibpqErrorText.connectionFailure("could not translate host name \"nohost\" to address: Name or service not known\n")
                == "cannot connect to the database: could not translate host name \"nohost\" to address: Name or service not known")
        #expect(LibpqErrorText.firstError("psql:<stdin>:12: ERROR:  division by zero\nLINE 1: SELECT 1/0\n          ^\n")
                == "psql:<stdin>:12: ERROR:  division by zero")
        #expect(LibpqErrorText.firstError("pg_dump: error: query failed: ERROR:  permission denied for table t\n"
                                          + "pg_dump: detail: Query was: LOCK TABLE public.t IN ACCESS SHARE MODE\n")
                == "pg_dump: error: query failed: ERROR:  permission denied for table t; "
                + "pg_dump: detail: Query was: LOCK TABLE public.t IN ACCESS SHARE MODE")
        #expect(LibpqErrorText.firstError("just noise\n") == nil)
    }

    @Test("a probe's connection failure puts libpq's reason first, as the Redis and TCP probes do")
    func probeReasonFirst() {
        let refused = "connection to server at \"127.0.0.1\", port 5999 failed: Connection refused\n"
            + "\tIs the server running on that host and accepting TCP/IP connections?\n"
        #expect(LibpqErrorText.reasonFirst(refused) == "Connection refused (127.0.0.1 port 5999)")
        #expect(String(LibpqErrorText.reasonFirst(refused).prefix(18)) == "Connection refused", "survives a narrow row")
        let both = "connection to server at \"localhost\" (::1), port 5999 failed: Connection refused\n"
            + "\tIs the server running on that host and accepting TCP/IP connections?\n"
            + "connection to server at \"localhost\" (127.0.0.1), port 5999 failed: Connection refused\n"
            + "\tIs the server running on that host and accepting TCP/IP connections?\n"
        #expect(LibpqErrorText.reasonFirst(both) == "Connection refused (localhost (::1) port 5999, localhost (127.0.0.1) port 5999)")
        #expect(LibpqErrorText.reasonFirst("connection to server on socket \"/tmp/.s.PGSQL.5432\" failed: "
                                           + "FATAL:  password authentication failed for user \"u\"\n")
                == "password authentication failed for user \"u\" (socket /tmp/.s.PGSQL.5432)")
        #expect(LibpqErrorText.reasonFirst("connection to server at \"db\" (10.0.0.5), port 5432 failed: fe_sendauth: no password supplied\n")
                == "no password supplied (db (10.0.0.5) port 5432)")
        #expect(LibpqErrorText.reasonFirst("connection to server at \"127.0.0.1\", port 5432 failed: FATAL:  sorry, too many clients already\n")
                == "sorry, too many clients already (127.0.0.1 port 5432)")
        #expect(LibpqErrorText.reasonFirst("could not translate host name \"nohost\" to address: Name or service not known\n")
                == "could not translate host name \"nohost\" to address: Name or service not known")
        #expect(LibpqErrorText.reasonFirst("invalid connection option \"x\"\n") == "invalid connection option \"x\"")
        #expect(LibpqErrorText.reasonFirst("") == "")
    }

    @Test("an action's end line never repeats its own prefix")
    func summaryLine() {
        #expect(ActionSummary.line(action: "backup", ok: false, message: "backup failed: cannot connect") == "backup failed: cannot connect")
        #expect(ActionSummary.line(action: "backup", ok: false, message: "backup cancelled: by the operator") == "backup cancelled: by the operator")
        #expect(ActionSummary.line(action: "backup", ok: false, message: "pg_dump exited 1") == "backup failed: pg_dump exited 1")
        #expect(ActionSummary.line(action: "restart api", ok: false, message: "api: cancelled: by the operator; api left down")
                == "restart api cancelled: by the operator; api left down")
        #expect(ActionSummary.line(action: "restart redis", ok: false, message: "redis: cancelled by the operator (c); redis is up")
                == "restart redis cancelled by the operator (c); redis is up")
        #expect(ActionSummary.ended(action: "restart redis", ok: false, message: "redis: cancelled by the operator (c); redis is up").outcome
                == "cancelled")
        #expect(ActionSummary.ended(action: "backup", ok: false, message: "backup cancelled by the operator (c)")
                == ("backup cancelled by the operator (c)", "cancelled"), "CancelText's form of the whole message")
        #expect(ActionSummary.line(action: "restart api", ok: false, message: "api: refused: staging is locked by a@b (backup, 2 s ago)")
                == "restart api refused: staging is locked by a@b (backup, 2 s ago)")
        #expect(ActionSummary.line(action: "restart api", ok: false, message: "api: command exited 1") == "restart api failed: command exited 1")
        #expect(ActionSummary.line(action: "restart api", ok: true, message: "api healthy 1.2 s after the restart began")
                == "restart api done: api healthy 1.2 s after the restart began")
        #expect(ActionSummary.line(action: "backup", ok: true, message: "backup written and verified: /b/x.sql.gz")
                == "backup done: backup written and verified: /b/x.sql.gz")
        #expect(ActionSummary.line(action: "restore x.sql.gz", ok: false, message: "restore refused: the database is unreachable: y")
                == "restore refused: the database is unreachable: y")
        #expect(ActionSummary.line(action: "restart api", ok: false, message: "refused: staging is locked by alice@ops-1 (rollback to 1.4.2, 12 s ago)")
                == "restart api refused: staging is locked by alice@ops-1 (rollback to 1.4.2, 12 s ago)")
        #expect(ActionSummary.line(action: "rollback 1.4.2", ok: false, message: "refused: staging is locked by alice@ops-1 (restart api, 3 s ago)")
                == "rollback 1.4.2 refused: staging is locked by alice@ops-1 (restart api, 3 s ago)")
        #expect(ActionSummary.line(action: "rehearsal", ok: false, message: "rehearsal of staging FAILED at step 2")
                == "rehearsal failed: rehearsal of staging FAILED at step 2")
    }

    /// `text` as a TOML basic string.
    static func toml(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\t", with: "\\t").replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}
