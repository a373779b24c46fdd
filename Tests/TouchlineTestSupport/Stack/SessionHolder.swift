import Foundation
@testable import TouchlineOps
@testable import TouchlineProbes

/// Real client sessions held open in a background python (psycopg) process: `count` connections to `database`
/// as `user` with `application`, and optionally `sql` run on the last one without committing, so its
/// transaction stays open (`idle in transaction`) holding what `sql` locked.
final class SessionHolder {
    private let process: BackgroundProcess

    private static let script = """
        import os, sys, time, psycopg
        port, db, user, count, app, sql = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6]
        conns, error = [], ""
        for _ in range(count):
            try:
                conns.append(psycopg.connect(host="127.0.0.1", port=port, dbname=db, user=user,
                                             password=os.environ["STAGING_DB_PASSWORD"], connect_timeout=5,
                                             application_name=app))
            except Exception as e:
                error = str(e).strip().splitlines()[-1]
                break
        if sql and conns:
            conns[-1].execute(sql)
            print(f"pid {conns[-1].info.backend_pid}", flush=True)
        print(f"opened {len(conns)}: {error}", flush=True)
        time.sleep(180)
        """

    init(_ stack: TestStack, count: Int, database: String = "football_prediction_staging",
         user: String = "football_staging_user", application: String, sql: String = "") throws {
        process = try BackgroundProcess([FaultSupport.python, "-c", Self.script, String(stack.postgresPort), database, user,
                                         String(count), application, sql], environment: stack.environment)
    }

    /// Waits until the sessions are open; returns how many and PostgreSQL's reason when it refused one.
    func opened(seconds: Double = 30) -> (count: Int, error: String)? {
        guard FaultSupport.waitUntil(seconds: seconds, { process.output.contains("opened ") }) else { return nil }
        let line = process.output.split(separator: "\n").first { $0.hasPrefix("opened ") } ?? ""
        let count = Int(line.dropFirst(7).prefix { $0.isNumber }) ?? 0
        let error = line.split(separator: ":", maxSplits: 1).dropFirst().first.map { $0.trimmingCharacters(in: .whitespaces) }
        return (count, error ?? "")
    }

    /// The backend pid of the session that ran `sql`.
    var pid: Int? {
        process.output.split(separator: "\n").first { $0.hasPrefix("pid ") }.flatMap { Int($0.dropFirst(4)) }
    }

    /// Everything it printed.
    var output: String { process.output }

    /// Kills the process (its sessions end with it).
    func stop() { process.stop() }
}
