import Foundation
import Testing
@testable import TouchlineCore

@Suite("Incident snapshots")
struct IncidentSnapshotTests {
    private let now = Date(timeIntervalSince1970: 1_790_000_000)

    /// A PostgreSQL poll row with 42 connections.
    private var postgresMetrics: PostgresSnapshot? {
        PostgresSnapshot(row: ["15.4", "3600", "100", "42", "3", "38", "0", "0", "0", nil, nil, nil, nil, nil,
                               "1288490189", "998200", "3100", "5512345", "1234", "1750000000.0"])
    }

    /// A dashboard state with 15 minutes of api samples (one down minute) and a postgres probe.
    private func state(apiName: String = "api") -> DashboardState {
        let api = ProbeConfig(name: apiName, interval: 1, timeout: 2, latencyWarn: nil,
                              target: .http(HTTPProbeTarget(url: "http://127.0.0.1:8001/health", address: HostPort(host: "127.0.0.1", port: 8001),
                                                            path: "/health", expectStatus: [200], statusField: nil, versionField: "version")))
        let postgres = ProbeConfig(name: "postgres", interval: 1, timeout: 2, latencyWarn: nil,
                                   target: .postgres(dsn: "host=127.0.0.1 password=hunter22 dbname=x", passwordEnv: nil))
        let environment = EnvironmentConfig(name: "staging", label: "STAGING", interval: 1, protected: false,
                                            stateDirectory: "/tmp/x", probes: [api, postgres])
        var state = DashboardState(environments: [environment], environmentIndex: 0, theme: "default", themes: [],
                                   readOnly: false, now: now.addingTimeInterval(-900), width: 120, height: 40)
        for second in stride(from: 900, through: 0, by: -10) {
            let time = now.addingTimeInterval(Double(-second))
            let down = (100...160).contains(second)
            _ = DashboardReducer.reduce(&state, .sample(ProbeSample(probe: apiName, time: time, status: down ? .down : .up,
                                                                    latency: down ? nil : 0.020, error: down ? "connection refused" : nil,
                                                                    version: "1.5.0"), generation: 0))
        }
        _ = DashboardReducer.reduce(&state, .sample(ProbeSample(probe: "postgres", time: now, status: .up, latency: 0.002,
                                                                metrics: postgresMetrics.map(ProbeMetrics.postgres) ?? .none), generation: 0))
        return state
    }

    @Test("the JSON holds every probe's last 10 minutes of samples, stats, metrics, events and actions")
    func json() throws {
        let record = AuditRecord(time: now, phase: .end, id: "a", environment: "staging", action: "backup", commands: [],
                                 user: "ana", host: "ops1", pid: 1, outcome: .ok, durationSeconds: 0.3)
        let snapshot = IncidentSnapshot(state: state(), actions: [record], takenAt: now)
        let text = IncidentSnapshotJSON.text(snapshot)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["environment"] as? String == "staging")
        #expect(object["status"] as? String == "up")
        let probes = try #require(object["probes"] as? [[String: Any]])
        #expect(probes.map { $0["name"] as? String } == ["api", "postgres"])
        let samples = try #require(probes[0]["samples"] as? [[String: Any]])
        #expect(samples.count == 61, "one sample every 10 s for 600 s, both ends included")
        #expect(samples.filter { $0["status"] as? String == "down" }.count == 7)
        #expect(samples.first?["time"] as? String == ActionJSON.format(now.addingTimeInterval(-600)))
        let stats = try #require(probes[0]["stats"] as? [String: Any])
        #expect((stats["1m"] as? [String: Any])?["p50_ms"] as? Double == 20)
        #expect((probes[1]["latest"] as? [String: Any]).flatMap { $0["metrics"] as? [String: Any] }?["connections"] as? Int
                == 42)
        #expect(!text.contains("hunter22"), "the DSN's password is redacted")
        let events = try #require(object["events"] as? [[String: Any]])
        #expect(events.contains { ($0["message"] as? String)?.hasPrefix("api down") == true })
        #expect((object["actions"] as? [[String: Any]])?.first?["outcome"] as? String == "ok")
    }

    @Test("an https probe's certificate and timing phases stay in the snapshot's JSON and Markdown")
    func certificateKept() throws {
        var current = state()
        let notAfter = now.addingTimeInterval(9 * 86400)
        let http = HTTPSnapshot(statusCode: 200, httpVersion: "HTTP/2", tlsVersion: "TLSv1.3",
                                timings: HTTPTimings(namelookup: 0.0001, connect: 0.0003, appconnect: 0.004, starttransfer: 0.005, total: 0.0051),
                                certificate: CertificateSummary(subject: "CN = api.example", issuer: "CN = touchline test CA", notAfter: notAfter))
        _ = DashboardReducer.reduce(&current, .sample(ProbeSample(probe: "api", time: now, status: .degraded, latency: 0.0051,
                                                                  error: "certificate expires in 9d (2026-09-30)",
                                                                  metrics: .http(http)), generation: 0))
        let snapshot = IncidentSnapshot(state: current, actions: [], takenAt: now)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(IncidentSnapshotJSON.text(snapshot).utf8)) as? [String: Any])
        let api = try #require((object["probes"] as? [[String: Any]])?.first)
        let metrics = try #require((api["latest"] as? [String: Any])?["metrics"] as? [String: Any])
        let certificate = try #require(metrics["certificate"] as? [String: Any])
        #expect(certificate["subject"] as? String == "CN = api.example")
        #expect(certificate["days_left"] as? Int == 9)
        #expect(certificate["not_after"] as? String == UTCTimestamp.format(notAfter))
        #expect((metrics["timings_ms"] as? [String: Any])?["time_appconnect"] as? Double == 4)
        let markdown = IncidentSnapshotMarkdown.text(snapshot)
        #expect(markdown.contains("## Certificate: api"), "\(markdown)")
        #expect(markdown.contains("CN = touchline test CA"))
    }

    @Test("the Markdown summary has the services table, the events and the actions")
    func markdown() {
        let snapshot = IncidentSnapshot(state: state(), actions: [], takenAt: now)
        let text = IncidentSnapshotMarkdown.text(snapshot)
        let collapsed = text.replacingOccurrences(of: " +", with: " ", options: .regularExpression)
        #expect(text.hasPrefix("# Incident snapshot: STAGING (staging)"))
        #expect(collapsed.contains("| api | http | up | 20.0 ms |"))
        #expect(text.contains("## Database: postgres"))
        #expect(text.contains("## Events (newest first)"))
        #expect(text.contains("No actions recorded."))
        #expect(IncidentSnapshot.fileStem(environment: "staging", at: now) == "snapshot_staging_20260921_141320")
    }

    @Test("the Markdown tables align by display width: a probe named api-世蓮 shifts no column", arguments: ["api-世蓮", "cafe\u{301}", "api-🚀", "zw\u{200B}sp"])
    func markdownWideNames(name: String) throws {
        let snapshot = IncidentSnapshot(state: state(apiName: name), actions: [], takenAt: now)
        let text = IncidentSnapshotMarkdown.text(snapshot)
        let lines = text.split(separator: "\n").map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("| probe ") })
        let table = Array(lines[header..<(header + 4)])
        #expect(table[2].hasPrefix("| \(name) "), "\(table[2])")
        func pipes(_ line: String) -> [Int] {
            var columns: [Int] = []
            var column = 0
            var previous: Character = " "
            for character in line {
                if character == "|" && previous != "\\" { columns.append(column) }
                column += DisplayWidth.of(character)
                previous = character
            }
            return columns
        }
        for line in table { #expect(pipes(line) == pipes(table[0]), "\n\(table.joined(separator: "\n"))") }
    }

    @Test("another operator's start record with no end is marked interrupted in the JSON and the Markdown; the rest are not")
    func interruptedAction() throws {
        func start(_ id: String, _ user: String) -> AuditRecord {
            AuditRecord(time: now, phase: .start, id: id, environment: "staging", action: "restart", target: "api", commands: [],
                        user: user, host: "ops", pid: 9)
        }
        var snapshot = IncidentSnapshot(state: state(), actions: [start("k", "alice"), start("r", "bob")], takenAt: now)
        snapshot.interruptedActions = ["k"]
        let json = try #require(try JSONSerialization.jsonObject(with: Data(IncidentSnapshotJSON.text(snapshot).utf8)) as? [String: Any])
        let actions = try #require(json["actions"] as? [[String: Any]])
        #expect(actions.map { $0["interrupted"] as? Bool } == [true, nil])
        let markdown = IncidentSnapshotMarkdown.text(snapshot)
        let rows = markdown.split(separator: "\n").filter { $0.contains("restart api") }
        #expect(rows.count == 2 && rows[0].contains("interrupted") && rows[0].contains("alice@ops") && !rows[1].contains("interrupted"),
                "\(rows)")
    }

    @Test("audit details keep numbers and booleans as JSON numbers and booleans, in the record and the snapshot")
    func auditDetailTypes() throws {
        let record = AuditRecord(time: now, phase: .end, id: "a", environment: "staging", action: "rollback", commands: [],
                                 user: "u", host: "h", pid: 1, outcome: .ok, durationSeconds: 2.5,
                                 details: ["downtime_seconds": .number(1.0212351), "rows_verified": .integer(8040),
                                           "rollback_on_failure": .bool(true), "release": "1.6.0"])
        let line = try record.jsonLine()
        #expect(line.contains("\"downtime_seconds\":1.0212351"), "\(line)")
        #expect(line.contains("\"rows_verified\":8040") && line.contains("\"rollback_on_failure\":true"), "\(line)")
        #expect(line.contains("\"release\":\"1.6.0\""))
        #expect(AuditRecord.parseLines(line) == [record])
        let snapshot = IncidentSnapshot(state: state(), actions: [record], takenAt: now)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(IncidentSnapshotJSON.text(snapshot).utf8)) as? [String: Any])
        let details = try #require((json["actions"] as? [[String: Any]])?.first?["details"] as? [String: Any])
        #expect(details["downtime_seconds"] as? Double == 1.0212351)
        #expect(details["rollback_on_failure"] as? Bool == true)
        #expect(details["downtime_seconds"] as? String == nil)
    }

    @Test("S asks the runner to write a snapshot; the answer is a notice and an event")
    func key() {
        var state = state()
        #expect(DashboardReducer.reduce(&state, .key(.character("S"))) == [.writeSnapshot])
        _ = DashboardReducer.reduce(&state, .snapshotWritten(path: "/tmp/x/snapshots/s.md", error: nil))
        #expect(state.notice == "snapshot written: /tmp/x/snapshots/s.md")
        #expect(state.events.first?.message == "snapshot written: /tmp/x/snapshots/s.md")
    }
}

@Suite("UTC timestamps without a formatter")
struct UTCTimestampTests {
    @Test("agree with Foundation's ISO 8601 style across eras, leap days and negative times")
    func agreesWithFoundation() {
        var generator = SystemRandomNumberGenerator()
        let fixed: [Double] = [0, -1, -86_400.5, 951_782_400, 4_107_542_399.999, 1_790_000_000.0004, 1_790_000_000.9996]
        let random = (0..<500).map { _ in Double(Int64.random(in: -2_000_000_000_000...4_000_000_000_000, using: &generator)) / 1000 }
        for seconds in fixed + random {
            let date = Date(timeIntervalSince1970: seconds)
            let whole = Date(timeIntervalSince1970: (seconds * 1000).rounded() / 1000)
            let base = Date(timeIntervalSince1970: floor(whole.timeIntervalSince1970)).formatted(Date.ISO8601FormatStyle())
            #expect(UTCTimestamp.format(date) .prefix(19) == base.prefix(19), "\(seconds)")
            let milliseconds = Int(((whole.timeIntervalSince1970 - floor(whole.timeIntervalSince1970)) * 1000).rounded()) % 1000
            #expect(UTCTimestamp.format(date, milliseconds: true) == base.dropLast() + "." + String(format: "%03d", milliseconds) + "Z",
                    "\(seconds)")
        }
        #expect(UTCTimestamp.compact(Date(timeIntervalSince1970: 951_782_400)) == "20000229_000000")
    }
}
