import FoundationEssentials
import Glibc
import TouchlineCore

/// The rehearsal's load test run by wrk, the established HTTP load generator, when it is installed:
/// `wrk -t THREADS -c CONCURRENCY -d DURATION --timeout REQUEST_TIMEOUT -s SCRIPT URL`, closed loop over
/// kept-alive HTTP/1.1 connections like touchline's own ``LoadTest``, with ``WrkScript`` sending the
/// endpoints and printing the figures (requests, errors, p50/p95/p99 and the maximum from wrk's histogram).
///
/// wrk takes whole seconds: it is used when the duration is a whole number of seconds (the request
/// timeout is rounded up to one); otherwise, or when no `wrk` is on `PATH`, the rehearsal uses ``LoadTest``.
struct WrkLoadTest {
    /// The wrk executable.
    let executable: String
    let config: RehearsalLoadConfig
    let address: HostPort
    let processEnvironment: [String: String]

    /// The first executable `wrk` in the colon-separated `searchPath`.
    static func locate(searchPath: String?) -> String? {
        for folder in (searchPath ?? "").split(separator: ":") where !folder.isEmpty {
            let candidate = "\(folder)/wrk"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// wrk's thread count: the most threads, up to `processors`, that divide `concurrency` evenly (wrk gives
    /// every thread `connections / threads` connections, so an uneven split would open fewer).
    static func threads(concurrency: Int, processors: Int) -> Int {
        let limit = max(1, min(concurrency, processors))
        return (1...limit).last { concurrency % $0 == 0 } ?? 1
    }

    /// The command line for a script at `scriptPath`.
    func arguments(scriptPath: String) -> [String] {
        let host = address.host.contains(":") ? "[\(address.host)]" : address.host
        let path = config.endpoints.first?.path ?? "/"
        let threads = Self.threads(concurrency: config.concurrency, processors: ProcessInfo.processInfo.activeProcessorCount)
        return [executable, "-t", String(threads), "-c", String(config.concurrency), "-d", "\(Int(clampingFinite: config.duration))s",
                "--timeout", "\(Int(clampingFinite: config.requestTimeout.rounded(.up)))s", "-s", scriptPath, "http://\(host):\(address.port)\(path)"]
    }

    /// Runs wrk where it is called (blocking); flipping `cancellation` stops it. The figures, or why there are none.
    func run(cancellation: CancellationSwitch, progress: @escaping @Sendable (String) -> Void) -> Result<LoadTestResult, ActionFailure> {
        let scriptPath = "\(FileManager.default.temporaryDirectory.path)/touchline-wrk-\(getpid())-\(UUID().uuidString).lua"
        do {
            try Data(WrkScript.text(endpoints: config.endpoints).utf8).write(to: URL(fileURLWithPath: scriptPath))
        } catch {
            return .failure(ActionFailure("cannot write wrk's script \(scriptPath): \(error)"))
        }
        defer { unlink(scriptPath) }
        let argv = arguments(scriptPath: scriptPath)
        progress("load test: \(executable), \(config.concurrency) connections on \(argv[2]) threads for \(Int(clampingFinite: config.duration)) s")
        let limit = config.duration + config.requestTimeout + 30
        let outcome = ChildProcess.run(argv, environment: processEnvironment, timeout: limit, cancellation: cancellation)
        guard outcome.code == 0 else {
            return .failure(ActionFailure("wrk: \(outcome.failureReason(timeout: limit, cancellation: cancellation))"))
        }
        guard let result = WrkScript.result(of: outcome.output, config: config, generator: "wrk (\(executable))") else {
            let tail = outcome.errorOutput.split(whereSeparator: \.isNewline).last.map { ": \($0)" } ?? ""
            return .failure(ActionFailure("wrk printed no figures\(tail)"))
        }
        return .success(result)
    }
}

extension WrkLoadTest {
    /// A test of `config` against `address` with wrk from `processEnvironment`'s `PATH`; nil when there is
    /// no wrk there or the duration is not whole seconds.
    init?(config: RehearsalLoadConfig, address: HostPort, processEnvironment: [String: String]) {
        guard config.duration >= 1, config.duration.rounded() == config.duration,
              let executable = Self.locate(searchPath: processEnvironment["PATH"]) else { return nil }
        self.executable = executable
        self.config = config
        self.address = address
        self.processEnvironment = processEnvironment
    }

    /// What the load step runs for `config`'s `generator`: this test (wrk), nil for touchline's own client
    /// (`touchline`, or `auto` without a usable wrk), or why not (`wrk` when wrk cannot run).
    static func chosen(config: RehearsalLoadConfig, address: HostPort,
                       processEnvironment: [String: String]) -> Result<WrkLoadTest?, ActionFailure> {
        guard config.generator != .touchline else { return .success(nil) }
        let wrk = WrkLoadTest(config: config, address: address, processEnvironment: processEnvironment)
        if config.generator == .wrk && wrk == nil {
            return .failure(ActionFailure("generator = \"wrk\", but there is no wrk on PATH or the duration is not whole seconds"))
        }
        return .success(wrk)
    }
}
