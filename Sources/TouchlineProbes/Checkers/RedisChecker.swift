import CHiredis
import Foundation
import Glibc
import TouchlineCore

/// Checks Redis with hiredis: `INFO` parsed into memory, clients, hit ratio and persistence figures,
/// and judged by ``RedisSnapshot/condition`` (loading, refusing writes, memory full, stale replica).
///
/// `CONFIG GET` is sent only for values a rule needs and INFO lacks (``RedisSnapshot/settingsNeeded``),
/// e.g. `maxmemory` on a Redis older than 3.2.
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
            try ReconnectOnce.poll(reused: context != nil, deadline: deadline, close: close) { reused throws(ProbeFailure) in
                try poll(deadline: deadline, reused: reused)
            }
        }
    }

    private func poll(deadline: Deadline, reused: Bool) throws(ProbeFailure) -> CheckOutcome {
        if !reused {
            close()
            let fresh = try connect(deadline: deadline)
            context = fresh
            let auth = username.map { ["AUTH", $0, password ?? ""] } ?? password.map { ["AUTH", $0] }
            if let auth, case .error(let message) = try command(auth, on: fresh, deadline: deadline) {
                close()
                throw ProbeFailure(RedisRefusal.describe(command: "AUTH", reply: message, username: username))
            }
        }
        guard let context else { throw ProbeFailure("no connection") }
        let start = ContinuousClock.now
        let reply = try command(["INFO"], on: context, deadline: deadline)
        let now = ContinuousClock.now
        let text: String
        switch reply {
        case .text(let body): text = body
        case .error(let message) where RedisRefusal.isAccessRefusal(message):
            throw ProbeFailure(RedisRefusal.describe(command: "INFO", reply: message, username: username))
        case .error(let message): throw ProbeFailure(RedisCondition.errorReply(message, command: "INFO").reason)
        case .array, .null: throw ProbeFailure("unexpected answer to INFO")
        }
        guard var snapshot = RedisSnapshot(info: RedisInfo(text: text)) else {
            throw ProbeFailure("unexpected answer to INFO")
        }
        if !snapshot.loading {
            if snapshot.clusterEnabled, case .text(let cluster) = try command(["CLUSTER", "INFO"], on: context, deadline: deadline) {
                snapshot.clusterState = RedisInfo(text: cluster)["cluster_state"]
            }
            snapshot.apply(try settings(snapshot.settingsNeeded, on: context, deadline: deadline))
        }
        if let previous {
            snapshot.computeRates(since: previous.snapshot, seconds: previous.at.duration(to: now).seconds)
        }
        previous = (snapshot, now)
        var outcome = CheckOutcome(includesSetup: !reused, metrics: .redis(snapshot))
        outcome.latency = reused ? start.duration(to: now).seconds : nil
        if let condition = snapshot.condition {
            outcome.status = condition.status
            outcome.error = condition.reason
        }
        return outcome
    }

    /// Reads `parameters` with `CONFIG GET`, each under its current name and then its old one; values
    /// CONFIG will not give (renamed away, refused by an ACL) stay unknown.
    private func settings(_ parameters: [RedisSettings.Parameter], on context: UnsafeMutablePointer<redisContext>,
                          deadline: Deadline) throws(ProbeFailure) -> RedisSettings {
        var settings = RedisSettings()
        for parameter in parameters {
            for name in parameter.names {
                let reply = try command(["CONFIG", "GET", name], on: context, deadline: deadline)
                if case .error = reply { return settings }
                if let value = reply.configValue {
                    settings.set(parameter, value)
                    break
                }
            }
        }
        return settings
    }

    /// Connects to each address the host resolves to, in order, within the one deadline: a name may
    /// resolve to `::1` first while Redis listens on `127.0.0.1` only. Each address gets its share of the
    /// time left, so one that never answers cannot starve the others.
    private func connect(deadline: Deadline) throws(ProbeFailure) -> UnsafeMutablePointer<redisContext> {
        SocketWait.ignoreBrokenPipes()
        let addresses = try Resolver.resolve(host: address.host, port: address.port, deadline: deadline)
        var lastError = ProbeFailure("cannot connect to \(address)")
        var tried: [Resolver.Address] = []
        for (index, candidate) in addresses.enumerated() {
            tried.append(candidate)
            do throws(ProbeFailure) {
                return try connect(to: candidate.numericHost, deadline: deadline.share(among: addresses.count - index))
            } catch {
                lastError = error
                if deadline.hasPassed { break }
            }
        }
        throw tried.count > 1 ? ProbeFailure(lastError.message + " " + TCPSocket.triedText(tried)) : lastError
    }

    private func connect(to ip: String, deadline: Deadline) throws(ProbeFailure) -> UnsafeMutablePointer<redisContext> {
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

    /// Sends one command and waits for its reply. An error reply is returned, not thrown; a broken
    /// connection or the deadline throws and drops the connection.
    private func command(_ arguments: [String], on context: UnsafeMutablePointer<redisContext>,
                         deadline: Deadline) throws(ProbeFailure) -> RedisReply {
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
                    return RedisReply(reply.assumingMemoryBound(to: redisReply.self).pointee)
                }
                try SocketWait.wait(touchline_redis_fd(context), events: Int16(POLLIN), deadline: deadline)
                guard redisBufferRead(context) == REDIS_OK else { throw Self.failure(context, lost: true) }
            }
        } catch {
            close()
            throw error
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
