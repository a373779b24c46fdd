@testable import TouchlineTestSupport
import Foundation
import Testing
import TouchlineCore
@testable import TouchlineProbes
@testable import TouchlineOps

/// The load step's wrk driver without a server: when it is chosen, how its threads split the connections,
/// the Lua it writes and the figures line it parses.
@Suite("wrk load test: choice, script and parsing")
struct WrkLoadTestTests {
    private let address = HostPort(host: "127.0.0.1", port: 8001)
    private var wrkPath: String? { WrkLoadTest.locate(searchPath: ProcessInfo.processInfo.environment["PATH"]) }

    @Test("wrk is chosen only when it is on PATH and the duration is whole seconds")
    func choice() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-wrk-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        #expect(WrkLoadTest(config: RehearsalLoadConfig(duration: 10), address: address, processEnvironment: ["PATH": empty]) == nil)
        #expect(WrkLoadTest(config: RehearsalLoadConfig(duration: 10), address: address, processEnvironment: [:]) == nil)
        let fake = "\(empty)/wrk"
        _ = FileManager.default.createFile(atPath: fake, contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o755])
        let found = WrkLoadTest(config: RehearsalLoadConfig(duration: 10), address: address, processEnvironment: ["PATH": "/nonexistent:\(empty)"])
        #expect(found?.executable == fake)
        #expect(WrkLoadTest(config: RehearsalLoadConfig(duration: 2.5), address: address, processEnvironment: ["PATH": empty]) == nil)
        #expect(WrkLoadTest(config: RehearsalLoadConfig(duration: 0.5), address: address, processEnvironment: ["PATH": empty]) == nil)
    }

    @Test("generator: auto takes wrk when it can run, touchline never, wrk fails the step when it cannot")
    func generator() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wrk-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = FileManager.default.createFile(atPath: "\(folder)/wrk", contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o755])
        func choose(_ generator: LoadGenerator, duration: Double = 10, path: String = folder) -> Result<WrkLoadTest?, ActionFailure> {
            var config = RehearsalLoadConfig(duration: duration)
            config.generator = generator
            return WrkLoadTest.chosen(config: config, address: address, processEnvironment: ["PATH": path])
        }
        #expect(try choose(.auto).get()?.executable == "\(folder)/wrk")
        #expect(try choose(.wrk).get()?.executable == "\(folder)/wrk")
        #expect(try choose(.touchline).get() == nil)
        #expect(try choose(.auto, path: "/nonexistent").get() == nil)
        #expect(try choose(.auto, duration: 1.5).get() == nil)
        #expect(throws: ActionFailure.self) { try choose(.wrk, path: "/nonexistent").get() }
        #expect(throws: ActionFailure.self) { try choose(.wrk, duration: 1.5).get() }
    }

    @Test("threads divide the connections evenly, at most one per processor",
          arguments: [(10, 2, 2), (10, 4, 2), (7, 2, 1), (12, 8, 6), (1, 8, 1), (4, 1, 1), (9, 4, 3)])
    func threads(concurrency: Int, processors: Int, expected: Int) {
        #expect(WrkLoadTest.threads(concurrency: concurrency, processors: processors) == expected)
    }

    @Test("the command line: threads, connections, whole-second duration, timeout rounded up, bracketed IPv6 host")
    func arguments() throws {
        let config = RehearsalLoadConfig(concurrency: 10, duration: 30, endpoints: [RehearsalRequest(method: "GET", path: "/health")],
                                         requestTimeout: 2.5)
        let test = WrkLoadTest(executable: "/usr/bin/wrk", config: config, address: HostPort(host: "::1", port: 8001),
                               processEnvironment: [:])
        let argv = test.arguments(scriptPath: "/tmp/s.lua")
        #expect(Array(argv[3...]) == ["-c", "10", "-d", "30s", "--timeout", "3s", "-s", "/tmp/s.lua", "http://[::1]:8001/health"])
        #expect(argv[1] == "-t" && 10 % (Int(argv[2]) ?? 0) == 0)
    }

    @Test("Lua string literals escape quotes, backslashes and control bytes and keep UTF-8 as it is")
    func luaStrings() {
        #expect(WrkScript.luaString(#"{"a":"b\c"}"#) == #""{\"a\":\"b\\c\"}""#)
        #expect(WrkScript.luaString("a\nb\u{1}\u{7f}") == #""a\010b\001\127""#)
        #expect(WrkScript.luaString("Müller 東京") == "\"Müller 東京\"")
    }

    @Test("one endpoint is set once; several are sent in turn; bodies go as JSON, POST always with a length")
    func script() {
        let one = WrkScript.text(endpoints: [RehearsalRequest(method: "POST", path: "/p", body: #"{"x":1}"#)])
        #expect(one.contains(#"wrk.method = "POST""#) && one.contains(#"wrk.path = "/p""#))
        #expect(one.contains(#"wrk.body = "{\"x\":1}""#) && one.contains(#"wrk.headers["Content-Type"] = "application/json""#))
        #expect(!one.contains("function request()"))
        let bare = WrkScript.text(endpoints: [RehearsalRequest(method: "POST", path: "/p")])
        #expect(bare.contains(#"wrk.body = """#) && !bare.contains("Content-Type"))
        let two = WrkScript.text(endpoints: [RehearsalRequest(method: "GET", path: "/health"),
                                             RehearsalRequest(method: "POST", path: "/p", body: "{}")])
        #expect(two.contains(#"wrk.format("GET", "/health", {}, nil)"#))
        #expect(two.contains(#"wrk.format("POST", "/p", {["Content-Type"] = "application/json"}, "{}")"#))
        #expect(two.contains("function request()") && two.contains("function done(summary, latency, requests)"))
    }

    @Test("the figures line: requests, errors by kind, percentiles in seconds, throughput over wrk's duration")
    func parsing() throws {
        let config = RehearsalLoadConfig(concurrency: 4, maxP95: 0.05, maxErrorRate: 0.01)
        let output = """
            Running 2s test @ http://127.0.0.1:8001/health
              1000 requests in 2.00s, 300.00KB read
            touchline-wrk requests=1000 duration_us=2000000 connect=0 read=1 write=0 status=30 timeout=2 p50_us=1500 p95_us=60000 p99_us=90000 max_us=120000
            """
        let result = try #require(WrkScript.result(of: output, config: config, generator: "wrk (/usr/bin/wrk)"))
        #expect(result.requests == 1003 && result.errors == 33)
        #expect(result.throughput == 500 && result.wallSeconds == 2 && result.concurrency == 4)
        #expect(result.p50 == 0.0015 && result.p95 == 0.06 && result.p99 == 0.09 && result.max == 0.12)
        #expect(result.errorKinds == ["30× HTTP status 400 or more", "2× timeout", "1× read error"])
        #expect(result.generator == "wrk (/usr/bin/wrk)")
        #expect(result.breach?.contains("p95 60.0 ms is not under 50.0 ms") == true)
        #expect(result.breach?.contains("error rate 3.29 %") == true)
        #expect(WrkScript.result(of: "Running 2s test\n", config: config, generator: "wrk") == nil)
        #expect(WrkScript.result(of: "touchline-wrk requests=1 duration_us=x", config: config, generator: "wrk") == nil)
        let none = try #require(WrkScript.result(
            of: "touchline-wrk requests=0 duration_us=1000000 connect=4 read=0 write=0 status=0 timeout=0 p50_us=0 p95_us=0 p99_us=0 max_us=0",
            config: config, generator: "wrk"))
        #expect(none.p95 == nil && none.breach == "no request finished" && none.errors == 4)
    }
}

extension RealStackSuite {
/// The load step's wrk driver against the test stack's API, checked against the API's own request counter.
@Suite("wrk load test against the stack", .serialized)
struct WrkLoadTestStackTests {
    private static let wrkInstalled = WrkLoadTest.locate(searchPath: ProcessInfo.processInfo.environment["PATH"]) != nil

    /// The API's `http_requests_total` over every path and status (its Prometheus /metrics), asked with curl.
    private func served(_ stack: TestStack) -> Double? {
        let text = ProcessRunner.run("/usr/bin/curl", ["-fsS", "-m", "5", "http://127.0.0.1:\(stack.apiPort)/metrics"],
                                     environment: stack.environment, timeout: 10).1
        // Only the paths wrk sends: the stand-in's own liveness traffic (2 a second), Prometheus's scrapes of
        // /metrics (every second) and this function's own reads are not wrk's.
        let paths = RehearsalLoadConfig.defaultEndpoints.map { #"path="\#($0.path)""# }
        let counts = text.split(whereSeparator: \.isNewline)
            .filter { line in line.hasPrefix("http_requests_total{") && paths.contains { line.contains($0) } }
            .compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }
        return counts.isEmpty ? nil : counts.reduce(0, +)
    }

    private func run(_ stack: TestStack, _ config: RehearsalLoadConfig) throws -> LoadTestResult {
        let test = try #require(WrkLoadTest(config: config, address: HostPort(host: "127.0.0.1", port: stack.apiPort),
                                            processEnvironment: stack.environment))
        switch test.run(cancellation: CancellationSwitch(), progress: { _ in }) {
        case .success(let result): return result
        case .failure(let failure): throw failure
        }
    }

    @Test("wrk sends both endpoints; its count matches the API's, its percentiles are ordered", .enabled(if: wrkInstalled),
          .timeLimit(.minutes(1)))
    func realRun() throws {
        let stack = try TestStack.shared.get()
        #expect(stack.waitUntilAPISteady())
        let before = try #require(served(stack))
        let config = RehearsalLoadConfig(concurrency: 4, duration: 2, maxP95: 5)
        let result = try run(stack, config)
        let after = try #require(served(stack))
        #expect(result.generator?.hasPrefix("wrk (") == true)
        #expect(result.requests > 20 && result.errors == 0, "\(result.summary)")
        // every answer wrk counted was counted by the API too (requests cut off at the end: at most one per connection)
        #expect(after - before >= Double(result.requests) && after - before <= Double(result.requests + config.concurrency + 2),
                "API served \(after - before), wrk counted \(result.requests)")
        let p50 = try #require(result.p50), p95 = try #require(result.p95), p99 = try #require(result.p99), slowest = try #require(result.max)
        #expect(p50 > 0 && p50 <= p95 && p95 <= p99 && p99 <= slowest && slowest < 5)
        #expect(abs(result.throughput * result.wallSeconds - Double(result.requests)) < 1)
        #expect(result.breach == nil)
    }

    @Test("answers of 400 and more are errors of their own kind and breach the error rate", .enabled(if: wrkInstalled),
          .timeLimit(.minutes(1)))
    func notFound() throws {
        let stack = try TestStack.shared.get()
        let result = try run(stack, RehearsalLoadConfig(concurrency: 2, duration: 1,
                                                        endpoints: [RehearsalRequest(method: "GET", path: "/no-such-path")]))
        #expect(result.requests > 0 && result.errors == result.requests, "\(result.summary)")
        #expect(result.errorKinds == ["\(result.requests)× HTTP status 400 or more"])
        #expect(result.breach?.contains("error rate 100.00 %") == true)
    }

    @Test("a closed port fails the step with wrk's own reason", .enabled(if: wrkInstalled), .timeLimit(.minutes(1)))
    func closedPort() throws {
        let stack = try TestStack.shared.get()
        let port = TestStack.freePort()
        let test = try #require(WrkLoadTest(config: RehearsalLoadConfig(concurrency: 2, duration: 1),
                                            address: HostPort(host: "127.0.0.1", port: port), processEnvironment: stack.environment))
        guard case .failure(let failure) = test.run(cancellation: CancellationSwitch(), progress: { _ in }) else {
            Issue.record("wrk against a closed port succeeded")
            return
        }
        #expect(failure.message.hasPrefix("wrk"), "\(failure.message)")
    }
}
}
