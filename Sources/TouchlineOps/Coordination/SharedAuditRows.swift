import FoundationEssentials
import TouchlineCore

/// Writing and reading `touchline.audit` rows: one record per row (the same fields as the JSONL), every text
/// scrubbed of the environment's passwords first; writing notifies `touchline_feed` in the same statement, and
/// only when the row is new (a late upload of a record already there neither duplicates nor re-notifies).
public enum SharedAuditRows {
    /// The feed's channel.
    public static let channel = "touchline_feed"

    /// Inserts `record` (`late` when it was spooled while the store was unreachable) and notifies the feed.
    public static func insert(_ record: AuditRecord, late: Bool, secrets: [String],
                              on connection: CoordinationConnection) throws(CoordinationError) {
        func json<T: Encodable>(_ value: T) -> String {
            let text = (try? ActionJSON.encoder().encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
            return SecretRedactor.scrub(text, secrets: secrets)
        }
        var clean = record
        clean.error = record.error.map { SecretRedactor.scrub($0, secrets: secrets) }
        let parameters: [String?] = [
            clean.id, clean.phase.rawValue, String(clean.time.timeIntervalSince1970), clean.environment, clean.action,
            clean.target, json(clean.commands), "\(clean.user)@\(clean.host)", clean.user, clean.host, String(clean.pid),
            clean.outcome?.rawValue, clean.exitStatus.map(String.init), clean.durationSeconds.map { String($0) }, clean.error,
            json(clean.details), clean.output.map(json), late ? "true" : "false",
            SecretRedactor.scrub(FeedNotice.audit(clean, late: late).json(), secrets: secrets),
        ]
        try connection.query("""
            WITH written AS (
                INSERT INTO touchline.audit (id, phase, time, environment, action, target, argv, who, username, host, pid,
                                             outcome, exit_status, duration_seconds, error, details, output, late)
                VALUES ($1, $2, to_timestamp($3::float8), $4, $5, $6, $7::jsonb, $8, $9, $10, $11::integer,
                        $12, $13::integer, $14::float8, $15, $16::jsonb, $17::jsonb, $18::boolean)
                ON CONFLICT (id, phase) DO NOTHING
                RETURNING 1)
            SELECT pg_notify('\(channel)', $19) FROM written
            """, parameters)
    }

    /// The most recent rows of `environment`, newest first, at most `limit`, with whether each was uploaded late.
    public static func recent(environment: String, limit: Int,
                              on connection: CoordinationConnection) throws(CoordinationError) -> [(record: AuditRecord, late: Bool)] {
        let rows = try connection.query("""
            SELECT id, phase, extract(epoch FROM time)::float8, environment, action, target, argv::text, username, host, pid,
                   outcome, exit_status, duration_seconds, error, details::text, output::text, late
            FROM touchline.audit WHERE environment = $1 ORDER BY time DESC, seq DESC LIMIT $2::integer
            """, [environment, String(limit)])
        let decoder = ActionJSON.decoder()
        return rows.compactMap { row -> (AuditRecord, Bool)? in
            guard row.count == 17, let id = row[0], let phaseText = row[1], let phase = AuditRecord.Phase(rawValue: phaseText),
                  let epoch = row[2].flatMap(Double.init), let environment = row[3], let action = row[4],
                  let user = row[7], let host = row[8], let pid = row[9].flatMap(Int32.init) else { return nil }
            let commands = row[6].flatMap { try? decoder.decode([[String]].self, from: Data($0.utf8)) } ?? []
            let details = row[14].flatMap { try? decoder.decode([String: JSONValue].self, from: Data($0.utf8)) } ?? [:]
            let output = row[15].flatMap { try? decoder.decode(OutputDigest.self, from: Data($0.utf8)) }
            let record = AuditRecord(time: Date(timeIntervalSince1970: epoch), phase: phase, id: id, environment: environment,
                                     action: action, target: row[5], commands: commands, user: user, host: host, pid: pid,
                                     outcome: row[10].flatMap(AuditOutcome.init(rawValue:)), exitStatus: row[11].flatMap(Int32.init),
                                     durationSeconds: row[12].flatMap(Double.init), details: details, error: row[13], output: output)
            return (record, row[16] == "t")
        }
    }
}
