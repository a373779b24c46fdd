import CHiredis
import Foundation
import Glibc
import TouchlineCore

/// Checks Redis with hiredis: `INFO` parsed into memory, clients, hit ratio and persistence figures.
///
/// The context is non-blocking and every wait is a `poll()` bounded by the probe's deadline:
/// hiredis 0.14 has no read timeout of its own, and a server that accepts and never answers must
/// not hold the probe.
public final class RedisChecker: ProbeChecker {
    public let config: ProbeConfig
    private let address: HostPort
    private let password: String?
    private let username: String?
    private var context: UnsafeMutablePointer<redisContext>?
    private var previous: (snapshot: RedisSnapshot, at: ContinuousClock.Instant)?

    /// Creates a checker for the server at `address`, authenticating with `password` when given, as ACL
    /// user `username` when given (`AUTH username password`; a nopass user takes any password, so an
    /// unset password is sent empty).
    public init(config: ProbeConfig, address: HostPort, password: String?, username: String? = nil) {
        self.config = config
        self.address = address
        self.password = password
        self.username = username
    }

    deinit { close() }

    public func close() {
        if let context { redisFree(context) }
        context = nil
    }

    public func check() -> ProbeSample {
        CheckOutcome.measure(config) { deadline throws(ProbeFailure) in
            let reused = context != nil
            do throws(ProbeFailure) {
                return try poll(deadline: deadline, reused: reused)
            } catch where error.connectionLost && reused && !deadline.hasPassed {
                close()
                return try poll(deadline: deadline, reused: false)
            }
        }
    }

    private func poll(deadline: Deadline, reused: Bool) throws(ProbeFailure) -> CheckOutcome {
        if !reused {
            close()
            let fresh = try connect(deadline: deadline)
            context = fresh
            if let username {
                _ = try command(["AUTH", username, password ?? ""], on: fresh, deadline: deadline)
            } else if let password {
                _ = try command(["AUTH", password], on: fresh, deadline: deadline)
            }
        }
        guard let context else { throw ProbeFailure("no connection") }
        let start = ContinuousClock.now
        let text = try command(["INFO"], on: context, deadline: deadline)
        let now = ContinuousClock.now
        guard var snapshot = RedisSnapshot(info: RedisInfo(text: text)) else {
            throw ProbeFailure("unexpected answer to INFO")
        }
        if let previous {
            snapshot.computeRates(since: previous.snapshot, seconds: previous.at.duration(to: now).seconds)
        }
        previous = (snapshot, now)
        var outcome = CheckOutcome(includesSetup: !reused, metrics: .redis(snapshot))
        outcome.latency = reused ? start.duration(to: now).seconds : nil
        if snapshot.rdbLastBgsaveStatus == "err" || snapshot.aofLastWriteStatus == "err" {
            outcome.status = .degraded
            outcome.error = "persistence failing (rdb \(snapshot.rdbLastBgsaveStatus), aof \(snapshot.aofLastWriteStatus))"
        } else if snapshot.role == "slave", let link = snapshot.masterLinkStatus, link != "up" {
            outcome.status = .degraded
            outcome.error = "replica link to master is \(link)"
        } else if let pressure = snapshot.memoryPressure {
            outcome.status = .degraded
            outcome.error = pressure
        }
        return outcome
    }

    private func connect(deadline: Deadline) throws(ProbeFailure) -> UnsafeMutablePointer<redisContext> {
        SocketWait.ignoreBrokenPipes()
        let addresses = try Resolver.resolve(host: address.host, port: address.port, deadline: deadline)
        let ip = addresses[0].numericHost
        guard let context = redisConnectNonBlock(ip, Int32(address.port)) else {
            throw ProbeFailure("hiredis could not allocate a context")
        }
        do throws(ProbeFailure) {
            try Self.throwIfFailed(context)
            let fd = touchline_redis_fd(context)
            try SocketWait.wait(fd, events: Int16(POLLOUT), deadline: deadline)
            var error: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
            if error != 0 {
                throw ProbeFailure(error == ECONNREFUSED ? "connection refused (\(address))"
                                   : "cannot connect to \(address): \(String(cString: strerror(error)))")
            }
            return context
        } catch {
            redisFree(context)
            throw error
        }
    }

    /// Sends one command and waits for its reply; returns the reply as text (status, string or integer).
    private func command(_ arguments: [String], on context: UnsafeMutablePointer<redisContext>,
                         deadline: Deadline) throws(ProbeFailure) -> String {
        do throws(ProbeFailure) {
            let lengths = arguments.map { $0.utf8.count }
            let appended = withCStrings(arguments) { pointers in
                redisAppendCommandArgv(context, Int32(arguments.count), UnsafeMutablePointer(mutating: pointers), lengths)
            }
            guard appended == REDIS_OK else { throw Self.failure(context, lost: true) }
            var done: Int32 = 0
            while done == 0 {
                guard redisBufferWrite(context, &done) == REDIS_OK else { throw Self.failure(context, lost: true) }
                if done == 0 { try SocketWait.wait(touchline_redis_fd(context), events: Int16(POLLOUT), deadline: deadline) }
            }
            while true {
                var reply: UnsafeMutableRawPointer?
                guard redisGetReplyFromReader(context, &reply) == REDIS_OK else { throw Self.failure(context, lost: true) }
                if let reply {
                    defer { freeReplyObject(reply) }
                    return try Self.text(of: reply.assumingMemoryBound(to: redisReply.self).pointee, command: arguments[0],
                                         username: username)
                }
                try SocketWait.wait(touchline_redis_fd(context), events: Int16(POLLIN), deadline: deadline)
                guard redisBufferRead(context) == REDIS_OK else { throw Self.failure(context, lost: true) }
            }
        } catch {
            close()
            throw error
        }
    }

    private static func text(of reply: redisReply, command: String, username: String?) throws(ProbeFailure) -> String {
        let body = reply.str.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: reply.len), as: UTF8.self) } ?? ""
        switch reply.type {
        case REDIS_REPLY_ERROR:
            throw ProbeFailure(RedisRefusal.describe(command: command, reply: body, username: username))
        case REDIS_REPLY_INTEGER:
            return String(reply.integer)
        default:
            return body
        }
    }

    private static func throwIfFailed(_ context: UnsafeMutablePointer<redisContext>) throws(ProbeFailure) {
        if touchline_redis_err(context) != 0 { throw failure(context, lost: false) }
    }

    private static func failure(_ context: UnsafeMutablePointer<redisContext>, lost: Bool) -> ProbeFailure {
        let text = String(cString: touchline_redis_errstr(context))
        let message = text.isEmpty || text == "Server closed the connection" ? "connection closed by the server" : text
        return ProbeFailure(message, connectionLost: lost)
    }
}
