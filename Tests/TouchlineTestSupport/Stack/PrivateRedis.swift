import Foundation
import Glibc
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineProbes

/// A redis-server of the test's own, on a free loopback port with its own folder, for states the shared
/// stack must not be put in (loading, a script running forever, a failed save, a full memory).
///
/// Started daemonized with a pid file; stopped with `redis-cli shutdown nosave` (a Redis with save points
/// refuses SIGTERM when its last save failed), then SIGKILL if it is still there.
final class PrivateRedis {
    let port: Int
    /// Its working folder (`dir`), removed when stopped.
    let directory: String
    private var extra: [String]
    private var pid: pid_t?

    /// Starts a server with `arguments` added to `--port P --dir D --save '' --bind 127.0.0.1`
    /// (later arguments override earlier ones); throws when it is not answering within 10 s.
    init(_ arguments: [String] = [], port: Int = TestStack.freePort(), directory: String? = nil) throws {
        self.port = port
        self.directory = directory ?? "/tmp/touchline-redis-\(getpid())-\(UUID().uuidString.prefix(8))"
        extra = arguments
        try FileManager.default.createDirectory(atPath: self.directory, withIntermediateDirectories: true)
        try start()
    }

    deinit { stop(removing: true) }

    private var pidFile: String { "\(directory)/redis.pid" }

    /// Starts the server (again) with the same port, folder and arguments.
    func start(waitingForPing: Bool = true) throws {
        let arguments = ["--port", String(port), "--bind", "127.0.0.1", "--dir", directory, "--save", "",
                         "--daemonize", "yes", "--pidfile", pidFile, "--logfile", "\(directory)/redis.log"] + extra
        let (code, output) = ProcessRunner.run("/usr/bin/redis-server", arguments, environment: [:], timeout: 20)
        guard code == 0 else { throw PrivateRedisError("redis-server exited \(code): \(output)") }
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: pidFile, encoding: .utf8), let number = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                pid = number
                // A stale replica answers PING with -MASTERDOWN: it is up, refusing.
                if !waitingForPing || ["PONG", "MASTERDOWN"].contains(where: cli(["PING"]).hasPrefix) { return }
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        throw PrivateRedisError("redis-server on port \(port) did not answer within 10 s: \(log)")
    }

    /// Whether the port accepts a TCP connection now (a loading Redis accepts before it answers PING).
    var accepting: Bool {
        (try? TCPSocket.connect(host: "127.0.0.1", port: port, deadline: Deadline(seconds: 0.5))) != nil
    }

    /// Its log so far.
    var log: String { (try? String(contentsOfFile: "\(directory)/redis.log", encoding: .utf8)) ?? "" }

    /// `redis-cli -p PORT ARGS`, output trimmed.
    @discardableResult
    func cli(_ arguments: [String], timeout: Double = 20) -> String {
        ProcessRunner.run("/usr/bin/redis-cli", ["-p", String(port)] + arguments, environment: [:], timeout: timeout).1
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// One INFO field, read with redis-cli.
    func info(_ field: String) -> String? {
        cli(["INFO"]).split(whereSeparator: \.isNewline).first { $0.hasPrefix(field + ":") }
            .map { String($0.dropFirst(field.count + 1)).trimmingCharacters(in: .whitespaces) }
    }

    /// A redis probe of this server at `host` (default 127.0.0.1).
    func probe(host: String = "127.0.0.1", timeout: Double = 1) -> ProbeConfig {
        ProbeConfig(name: "redis", interval: 1, timeout: timeout, latencyWarn: nil,
                    target: .redis(address: HostPort(host: host, port: port), passwordEnv: nil))
    }

    /// A config file with one environment `t` holding this server's probe, for `touchline check`.
    func writeConfig() throws -> String {
        let path = "\(directory)/touchline.toml"
        let text = """
            [environments.t]
            state_dir = "\(directory)/state"

            [[environments.t.probes]]
            name = "redis"
            kind = "redis"
            address = "127.0.0.1:\(port)"
            timeout = "1s"
            """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Stops the server without saving and starts it again in the same folder with `arguments` instead of
    /// the first ones; returns once the port accepts connections (a loading Redis answers only -LOADING).
    func restart(_ arguments: [String]) throws {
        stop()
        extra = arguments
        try start(waitingForPing: false)
        let deadline = Date().addingTimeInterval(10)
        while !accepting {
            guard Date() < deadline else { throw PrivateRedisError("redis-server on port \(port) is not accepting: \(log)") }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    /// Stops the server without saving; the folder stays unless `removing`.
    func stop(removing: Bool = false) {
        if let pid {
            _ = cli(["SHUTDOWN", "NOSAVE"], timeout: 10)
            let deadline = Date().addingTimeInterval(5)
            while kill(pid, 0) == 0, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
            if kill(pid, 0) == 0 { kill(pid, SIGKILL) }
            self.pid = nil
        }
        if removing { try? FileManager.default.removeItem(atPath: directory) }
    }
}

/// Why a private Redis could not start.
struct PrivateRedisError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
