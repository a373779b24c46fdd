import Foundation
import Testing
@testable import TouchlineCore

/// The report's Markdown table and JSON keys, the verdict, the report paths and the check evaluation.
@Suite("Rehearsal report")
struct RehearsalReportTests {
    private func sample() -> RehearsalReport {
        var report = RehearsalReport(environment: "staging", label: "STAGING", startedAt: Date(timeIntervalSince1970: 1_700_000_000),
                                     duration: 41.25, originalRelease: "1.5.0", targetRelease: "1.6.0")
        for index in report.steps.indices {
            report.steps[index].state = .passed
            report.steps[index].startedAt = Date(timeIntervalSince1970: 1_700_000_000 + Double(index))
            report.steps[index].duration = 1.5
            report.steps[index].summary = "ok | fine"
        }
        report.steps[4].figures = [.seconds("p95_seconds", 0.223)]
        report.load = LoadTestResult(samples: (1...10).map { .init(seconds: Double($0) / 100, failed: false) }, wallSeconds: 2,
                                     concurrency: 2, maxP95: 1, maxErrorRate: 0.05)
        report.switches = [RollbackMeasurement(kind: "deploy", from: "1.5.0", to: "1.6.0", succeeded: true, downtime: 4.44, total: 4.8),
                           RollbackMeasurement(kind: "rollback", from: "1.6.0", to: "1.5.0", succeeded: true, downtime: 5.2, total: 5.4)]
        report.rowCounts = RowCountCheck.compare(expected: ["public.teams": 40], found: ["public.teams": 40])
        return report
    }

    @Test("Markdown: a table row per step with duration and result, pipes escaped; load and switch figures")
    func markdown() {
        let rendered = RehearsalMarkdown.render(sample())
        // Cells are padded to their column's display width; compare with the padding collapsed.
        let text = rendered.replacingOccurrences(of: " +", with: " ", options: .regularExpression)
        #expect(text.contains("**Result: PASSED**"))
        #expect(text.contains("| # | Step | Started | Duration | Result | Figures |"))
        #expect(text.contains("| 3 | Deploy | 22:13:22.000 | 1.5 s | passed | ok \\| fine |"))
        #expect(text.contains("| p95 latency | 100 ms | < 1.0 s |"))
        #expect(text.contains("| deploy | 1.5.0 | 1.6.0 | yes | 4.4 s | 4.8 s |"))
        #expect(text.contains("| public.teams | 40 | 40 | yes |"))
        #expect(text.contains("- p95: 223 ms"), "the Markdown names the figure without the JSON key's unit")
        #expect(!text.contains("p95_seconds"))
    }

    @Test("JSON: top-level keys, steps with figures as numbers, load percentiles in seconds")
    func json() throws {
        let data = Data(RehearsalJSON.render(sample()).utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["environment", "started_at", "duration_seconds", "passed", "verdict", "releases", "steps",
                                     "switches", "row_counts", "load", "backup"])
        #expect(object["passed"] as? Bool == true)
        let steps = try #require(object["steps"] as? [[String: Any]])
        #expect(steps.count == 9)
        #expect(steps[4]["step"] as? String == "load")
        #expect((steps[4]["figures"] as? [String: Any])?["p95_seconds"] as? Double == 0.223)
        let load = try #require(object["load"] as? [String: Any])
        #expect(load["p95_seconds"] as? Double == 0.1)
        #expect(load["requests"] as? Int == 10)
        #expect((object["releases"] as? [String: Any])?["target"] as? String == "1.6.0")
    }

    @Test("a failed step makes the verdict name it; a refusal says refused")
    func verdict() {
        var report = sample()
        report.steps[3].state = .failed
        report.steps[3].summary = "prediction: field 'prediction.nope' is missing"
        #expect(!report.passed)
        #expect(report.verdict.hasPrefix("rehearsal of staging FAILED at step 4 Functional checks after 41.3 s"), "41.25 s rounds half up")
        report.refusal = "staging is protected"
        #expect(report.verdict == "rehearsal of staging refused: staging is protected")
        #expect(RehearsalMarkdown.render(report).contains("**Result: REFUSED**"))
    }

    @Test("report paths: X.md gives X.json; a bare path gets both; the default is in the state folder")
    func paths() {
        #expect(RehearsalReport.paths(forReport: "/r/a.md") == ("/r/a.md", "/r/a.json"))
        #expect(RehearsalReport.paths(forReport: "/r/a") == ("/r/a.md", "/r/a.json"))
        #expect(RehearsalReport.defaultBase(stateDirectory: "/s", environment: "staging", at: Date(timeIntervalSince1970: 1_700_000_000))
                == "/s/rehearsals/rehearsal_staging_20231114_221320")
    }

    @Test("check evaluation: status, missing fields, and the sum within its tolerance")
    func evaluation() {
        let body = Array(#"{"prediction":{"home_win":0.5,"draw":0.3,"away_win":0.2004}}"#.utf8)
        let sum = RehearsalSumCheck(fields: ["prediction.home_win", "prediction.draw", "prediction.away_win"], equals: 1, tolerance: 0.001)
        let check = RehearsalCheck(name: "p", request: RehearsalRequest(method: "POST", path: "/p"),
                                   expectFields: ["prediction.home_win"], sum: sum)
        let passed = RehearsalCheckEvaluator.evaluate(check, status: 200, body: body)
        #expect(passed.problems.isEmpty)
        #expect(abs((passed.sum ?? 0) - 1.0004) < 1e-9)
        var strict = check
        strict.sum?.tolerance = 0.0001
        strict.expectFields.append("prediction.nope")
        let failed = RehearsalCheckEvaluator.evaluate(strict, status: 500, body: body)
        #expect(failed.problems.count == 3)
        #expect(failed.problems[0] == "HTTP 500, expected 200")
        #expect(failed.problems[1] == "field 'prediction.nope' is missing")
    }

    @Test("a figure's label for people drops the unit suffix of its JSON key and spaces its words")
    func figureLabels() {
        let cases: [(String, String)] = [("p50_seconds", "p50"), ("throughput_rps", "throughput"), ("error_rate", "error rate"),
                                         ("free_bytes", "free"), ("server_major_version", "server major version"),
                                         ("sha256", "sha256"), ("_seconds", " seconds")]
        for (key, label) in cases {
            #expect(RehearsalFigure(key, text: "", value: .null).label == label, "\(key)")
        }
    }
}
