import FoundationEssentials
import TouchlineCore

/// `touchline.acknowledgements`: `on it: NAME@HOST` marks on red probes, shared by every operator; each change
/// notifies the feed and is audited (action `acknowledge` / `acknowledge-clear`, target the probe).
public enum SharedAcknowledgements {
    /// Marks `probe` of `store`'s environment as taken by `store`'s operator for `acknowledge_for`.
    public static func acknowledge(_ probe: String, store: CoordinationStore,
                                   on connection: CoordinationConnection) throws(CoordinationError) -> Acknowledgement {
        let environment = store.environment.name
        let rows = try connection.query("""
            INSERT INTO touchline.acknowledgements (environment, probe, who, since, expires_at)
            VALUES ($1, $2, $3, clock_timestamp(), clock_timestamp() + make_interval(secs => $4::float8))
            ON CONFLICT (environment, probe) DO UPDATE SET who = EXCLUDED.who, since = EXCLUDED.since, expires_at = EXCLUDED.expires_at
            RETURNING extract(epoch FROM since)::float8, extract(epoch FROM expires_at)::float8
            """, [environment, probe, store.identity.who, String(store.config.acknowledgeFor)])
        let since = rows.first?[0].flatMap(Double.init) ?? Date().timeIntervalSince1970
        let expires = rows.first?[1].flatMap(Double.init) ?? since + store.config.acknowledgeFor
        let ack = Acknowledgement(environment: environment, probe: probe, who: store.identity.who,
                                  since: Date(timeIntervalSince1970: since), expires: Date(timeIntervalSince1970: expires))
        try notify(FeedNotice(kind: .acknowledged, environment: environment, acknowledgement: ack), on: connection)
        audit("acknowledge", probe: probe, store: store, connection: connection,
              details: ["expires": .string(ActionJSON.format(ack.expires))])
        return ack
    }

    /// Clears the mark on `probe` (it recovered); nothing when there is none.
    public static func clear(_ probe: String, store: CoordinationStore, on connection: CoordinationConnection) throws(CoordinationError) {
        let rows = try connection.query("""
            DELETE FROM touchline.acknowledgements WHERE environment = $1 AND probe = $2
            RETURNING who, extract(epoch FROM since)::float8, extract(epoch FROM expires_at)::float8
            """, [store.environment.name, probe])
        guard let row = rows.first, let who = row[0] else { return }
        let ack = Acknowledgement(environment: store.environment.name, probe: probe, who: who,
                                  since: Date(), expires: Date(timeIntervalSince1970: row[2].flatMap(Double.init) ?? 0))
        try notify(FeedNotice(kind: .cleared, environment: store.environment.name, acknowledgement: ack), on: connection)
        audit("acknowledge-clear", probe: probe, store: store, connection: connection,
              details: ["was": .string(who), "reason": .string("\(probe) is up again")])
    }

    /// The marks in force for `store`'s environment; expired ones are deleted first, announced as cleared and
    /// audited (`acknowledge-clear`, reason `expired`) by whichever watcher deleted them — once.
    public static func current(store: CoordinationStore, on connection: CoordinationConnection) throws(CoordinationError) -> [Acknowledgement] {
        let environment = store.environment.name
        let expired = try connection.query("""
            DELETE FROM touchline.acknowledgements WHERE environment = $1 AND expires_at <= clock_timestamp()
            RETURNING probe, who, extract(epoch FROM expires_at)::float8
            """, [environment])
        for row in expired {
            guard let probe = row[0], let who = row[1] else { continue }
            let ack = Acknowledgement(environment: environment, probe: probe, who: who, since: Date(),
                                      expires: Date(timeIntervalSince1970: row[2].flatMap(Double.init) ?? 0))
            try notify(FeedNotice(kind: .cleared, environment: environment, acknowledgement: ack), on: connection)
            audit("acknowledge-clear", probe: probe, store: store, connection: connection,
                  details: ["was": .string(who), "reason": .string("expired after \(DurationText.format(store.config.acknowledgeFor))")])
        }
        let rows = try connection.query("""
            SELECT probe, who, extract(epoch FROM since)::float8, extract(epoch FROM expires_at)::float8
            FROM touchline.acknowledgements WHERE environment = $1 ORDER BY probe
            """, [environment])
        return rows.compactMap { row in
            guard let probe = row[0], let who = row[1], let since = row[2].flatMap(Double.init),
                  let expires = row[3].flatMap(Double.init) else { return nil }
            return Acknowledgement(environment: environment, probe: probe, who: who, since: Date(timeIntervalSince1970: since),
                                   expires: Date(timeIntervalSince1970: expires))
        }
    }

    private static func notify(_ notice: FeedNotice, on connection: CoordinationConnection) throws(CoordinationError) {
        try connection.query("SELECT pg_notify('\(SharedAuditRows.channel)', $1)", [notice.json()])
    }

    /// One audit record (local JSONL and the shared table) of an acknowledgement change.
    private static func audit(_ action: String, probe: String, store: CoordinationStore, connection: CoordinationConnection,
                              details: [String: JSONValue]) {
        let log = AuditLog(environment: store.environment, connection: connection)
        if let trail = try? AuditTrail.begin(log, environment: store.environment.name, action: action, target: probe,
                                             commands: [], identity: store.identity) {
            try? trail.end(.ok, commands: [], details: details)
        }
    }
}
