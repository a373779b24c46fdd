import Foundation

/// One real client session held by a background python (psycopg) process for the sessions tests: it prints its
/// backend pid, runs `sql` (in an open transaction left uncommitted when `hold`, else in autocommit), prints
/// `done` or `error: MESSAGE` when the statement returns, and stays connected for three minutes.
final class ScriptedSession {
    private let process: BackgroundProcess

    private static let script = """
        import os, sys, time, psycopg
        port, db, user, app, mode, sql = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6]
        conn = psycopg.connect(host="127.0.0.1", port=port, dbname=db, user=user, password=os.environ["SESSION_PASSWORD"],
                               connect_timeout=5, application_name=app, autocommit=(mode != "hold"))
        print(f"pid {conn.info.backend_pid}", flush=True)
        try:
            conn.execute(sql)
            print("done", flush=True)
        except Exception as e:
            print("error: " + str(e).strip().splitlines()[0], flush=True)
        time.sleep(180)
        """

    /// Starts the session as `user` (password `password`) named `application`.
    init(_ stack: TestStack, application: String, sql: String, hold: Bool = false, user: String = "football_staging_user",
         password: String? = nil) throws {
        var environment = stack.environment
        environment["SESSION_PASSWORD"] = password ?? stack.password
        process = try BackgroundProcess([FaultSupport.python, "-c", Self.script, String(stack.postgresPort),
                                         "football_prediction_staging", user, application, hold ? "hold" : "run", sql],
                                        environment: environment)
    }

    /// The backend pid, once connected (waits up to 15 s).
    func pid() -> Int? {
        _ = FaultSupport.waitUntil(seconds: 15) { process.output.contains("pid ") }
        return process.output.split(separator: "\n").first { $0.hasPrefix("pid ") }.flatMap { Int($0.dropFirst(4)) }
    }

    /// Whether its statement returned (successfully: `done`; or with an error), waiting up to `seconds`.
    func finished(within seconds: Double) -> Bool {
        FaultSupport.waitUntil(seconds: seconds) { process.output.contains("done") || process.output.contains("error: ") }
    }

    /// Everything it printed.
    var output: String { process.output }

    /// Kills the process (its session ends with it).
    func stop() { process.stop() }
}
