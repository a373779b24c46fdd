import Foundation
import Testing
@testable import TouchlineTestSupport

/// `touchline check` on a prometheus probe whose value is far beyond any unit (the tester's `query = "1e30"`,
/// `unit = "seconds"`, which trapped with "Illegal instruction"): a local listener answers the Prometheus API,
/// and both the table and `--json` exit normally with the value shown.
@Suite("touchline check: a Prometheus value of 1e30 and beyond", .serialized)
struct PrometheusHugeValueCheckTests {
    private let binary = TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path

    /// A config with one prometheus probe on `port` in `unit`, written to a fresh folder; returns its path.
    private func config(port: Int, unit: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("touchline-huge-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let text = """
        default_environment = "staging"
        [environments.staging]
        label = "STAGING"
        state_dir = "\(folder)/state"
        [[environments.staging.probes]]
        name = "huge"
        kind = "prometheus"
        url = "http://127.0.0.1:\(port)"
        query = "1e30"
        unit = "\(unit)"
        timeout = "2s"

        """
        let path = folder + "/config.toml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A listener answering every request with a Prometheus scalar result of `value`.
    private func prometheus(_ value: String) throws -> SwitchableHTTPListener {
        try SwitchableHTTPListener(.answer(SwitchableHTTPListener.response(200,
            #"{"status":"success","data":{"resultType":"scalar","result":[1712345678.1,"\#(value)"]}}"#)))
    }

    @Test("1e30 seconds and its kind: the table and --json exit normally (no trap) and show the value", arguments: [
        ("1e30", "seconds", "1.0e+30 s"), ("1e30", "bytes", "1.0e+30 B"), ("1e21", "count", "1.0e+21"),
        ("1e300", "per_second", "1.0e+300/s"), ("1.2e-7", "seconds", "120 ns"), ("NaN", "seconds", "no data"),
        ("+Inf", "ratio", "+Inf"), ("-1e30", "percent", "-1.0e+30 %"),
    ])
    func hugeValue(value: String, unit: String, shown: String) throws {
        let listener = try prometheus(value)
        defer { listener.stop() }
        let path = try config(port: listener.port, unit: unit)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let environment = ProcessInfo.processInfo.environment
        let table = ProcessRunner.runSeparately(binary, ["check", "--config", path], environment: environment, timeout: 20)
        #expect([0, 1].contains(table.code), "exit \(table.code) (132 is the trap): \(table.stderr)")
        #expect(table.stdout.contains(shown), "\(value) \(unit): \(table.stdout) \(table.stderr)")
        let json = ProcessRunner.runSeparately(binary, ["check", "--config", path, "--json"], environment: environment, timeout: 20)
        #expect(json.code == table.code, "--json exit \(json.code): \(json.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(document != nil, "--json is not a JSON object: \(json.stdout)")
        let probe = (document?["probes"] as? [[String: Any]])?.first
        #expect(probe?["name"] as? String == "huge", "\(json.stdout)")
        if let number = Double(value), number.isFinite {
            #expect(probe?["value"] as? Double == number, "\(value) \(unit): \(json.stdout)")
        } else {
            #expect(probe?["value"] is NSNull, "a value JSON cannot carry is null: \(json.stdout)")
        }
    }
}
