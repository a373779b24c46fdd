import TouchlineCore

/// The `touchline` schema of the coordination database: created on first use (idempotent, in one
/// transaction under a transaction-level advisory lock, so twenty touchlines starting at once create it once),
/// versioned by `touchline.schema_version`. `touchline coordination init` prints ``statements`` and runs them.
///
/// Tables: `audit` (the same records as the JSONL, append-only: a trigger refuses UPDATE, DELETE and
/// TRUNCATE; unique by record id and phase, so a late upload never duplicates), `holders` (who holds the
/// shared lock, for others to read; the advisory lock is what excludes) and `acknowledgements` (`on it:`).
public enum CoordinationSchema {
    /// The schema version this binary writes and reads.
    public static let version = 1

    /// The DDL, one statement per element, in the order it runs (inside one transaction).
    public static let statements: [String] = [
        "SELECT pg_advisory_xact_lock(hashtext('touchline'), hashtext('schema'))",
        "CREATE SCHEMA IF NOT EXISTS touchline",
        """
        CREATE TABLE IF NOT EXISTS touchline.schema_version (
            version integer PRIMARY KEY,
            installed_at timestamptz NOT NULL DEFAULT now()
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS touchline.audit (
            seq bigserial PRIMARY KEY,
            id text NOT NULL,
            phase text NOT NULL CHECK (phase IN ('start', 'end')),
            time timestamptz NOT NULL,
            environment text NOT NULL,
            action text NOT NULL,
            target text,
            argv jsonb NOT NULL DEFAULT '[]',
            who text NOT NULL,
            username text NOT NULL,
            host text NOT NULL,
            pid integer NOT NULL,
            outcome text,
            exit_status integer,
            duration_seconds double precision,
            error text,
            details jsonb NOT NULL DEFAULT '{}',
            output jsonb,
            late boolean NOT NULL DEFAULT false,
            recorded_at timestamptz NOT NULL DEFAULT now(),
            UNIQUE (id, phase)
        )
        """,
        "CREATE INDEX IF NOT EXISTS audit_environment_time ON touchline.audit (environment, time DESC)",
        """
        CREATE OR REPLACE FUNCTION touchline.audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'touchline.audit is append-only: % refused', TG_OP;
        END
        $$
        """,
        """
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'audit_is_append_only'
                           AND tgrelid = 'touchline.audit'::regclass) THEN
                CREATE TRIGGER audit_is_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON touchline.audit
                    FOR EACH STATEMENT EXECUTE FUNCTION touchline.audit_is_append_only();
            END IF;
        END
        $$
        """,
        """
        CREATE TABLE IF NOT EXISTS touchline.holders (
            environment text PRIMARY KEY,
            who text NOT NULL,
            username text NOT NULL,
            host text NOT NULL,
            pid integer NOT NULL,
            backend_pid integer NOT NULL,
            action text NOT NULL,
            target text,
            since timestamptz NOT NULL DEFAULT clock_timestamp()
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS touchline.acknowledgements (
            environment text NOT NULL,
            probe text NOT NULL,
            who text NOT NULL,
            since timestamptz NOT NULL DEFAULT clock_timestamp(),
            expires_at timestamptz NOT NULL,
            PRIMARY KEY (environment, probe)
        )
        """,
        "INSERT INTO touchline.schema_version (version) VALUES (\(version)) ON CONFLICT DO NOTHING",
    ]

    /// The script `touchline coordination init` prints: the statements in one transaction.
    public static var script: String {
        (["BEGIN"] + statements + ["COMMIT"]).map { $0 + ";" }.joined(separator: "\n")
    }

    /// The installed version: 0 when the schema or its version table is missing.
    public static func installedVersion(on connection: CoordinationConnection) throws(CoordinationError) -> Int {
        let exists = try connection.query("SELECT to_regclass('touchline.schema_version') IS NOT NULL")
        guard exists.first?.first == "t" else { return 0 }
        let rows = try connection.query("SELECT coalesce(max(version), 0) FROM touchline.schema_version")
        return rows.first?.first.flatMap { $0.flatMap { Int($0) } } ?? 0
    }

    /// Makes sure the schema is there and not newer than this binary: creates it when missing (throws
    /// ``CoordinationError/failed(_:)`` naming `coordination init` when the role may not), throws
    /// ``CoordinationError/schemaTooNew(found:supported:)`` when it is newer.
    public static func ensure(on connection: CoordinationConnection, environment: String) throws(CoordinationError) {
        let found = try installedVersion(on: connection)
        if found > version { throw .schemaTooNew(found: found, supported: version) }
        if found == version { return }
        do {
            try install(on: connection)
        } catch .failed(let reason) {
            throw .failed("cannot create the touchline schema (\(reason)); run `touchline coordination init --env "
                          + "\(environment) --confirm` as a role that may")
        }
        let now = try installedVersion(on: connection)
        if now > version { throw .schemaTooNew(found: now, supported: version) }
    }

    /// Runs the statements in one transaction (rolled back on failure).
    public static func install(on connection: CoordinationConnection) throws(CoordinationError) {
        try connection.query("BEGIN")
        do {
            for statement in statements { try connection.query(statement) }
            try connection.query("COMMIT")
        } catch {
            _ = try? connection.query("ROLLBACK")
            throw error
        }
    }
}
