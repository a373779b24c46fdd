import CHiredis
import Glibc
import TouchlineCore

/// One hiredis connection as touchline opens it: connected to every address the host resolves to within a
/// deadline, authenticated (`AUTH [username] password`), and named with `CLIENT SETNAME touchline-…` so
/// that `CLIENT LIST` and `SLOWLOG` tell touchline's own connections apart.
///
/// The context is non-blocking and every wait is a `poll()` bounded by the caller's ``Deadline``:
/// hiredis 0.14 has no read timeout of its own, and a server that accepts and never answers must not
/// hold the caller. After a lost connection or a passed deadline the context is freed; ``open(deadline:)``
/// makes a new one. Not thread-safe: one thread uses a connection.
final class RedisConnection {
    /// Where the server is.
    let address: HostPort
    /// The ACL user (`AUTH username password`); nil: the default user (`AUTH password`).
    let username: String?
    /// The name sent with `CLIENT SETNAME`; it starts with ``namePrefix``.
    let clientName: String
    private let password: String?
    private var context: UnsafeMutablePointer<redisContext>?

    /// What every touchline connection's client name starts with.
    static let namePrefix = "touchline"

    /// The client name for a connection of `role` (e.g. `probe`, `diagnostics`): `touchline-ROLE-PID`.
    static func clientName(role: String) -> String { "\(namePrefix)-\(role)-\(getpid())" }

    /// Creates a closed connection to `address`; nothing is sent until ``open(deadline:)``.
    init(address: HostPort, password: String?, username: String?, clientName: String) {
        self.address = address
        self.password = password
        self.username = username
        self.clientName = clientName
    }

    deinit { close() }

    /// Whether a context is held (it may still turn out to be stale on the next command).
    var isOpen: Bool { context != nil }

    /// The local `host:port` of the socket (as `CLIENT LIST`'s `addr` and SLOWLOG's client field show a
    /// client from the server's side), or nil when closed.
    var localAddress: String? {
        guard let context else { return nil }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let fd = touchline_redis_fd(context)
        let got = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard got == 0 else { return nil }
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        var service = [CChar](repeating: 0, count: Int(NI_MAXSERV))
        let named = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getnameinfo($0, length, &host, socklen_t(host.count), &service, socklen_t(service.count), NI_NUMERICHOST | NI_NUMERICSERV)
            }
        }
        guard named == 0 else { return nil }
        let hostText = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let serviceText = String(decoding: service.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return "\(hostText):\(serviceText)"
    }

    /// Frees the context (a no-op when closed).
    func close() {
        if let context { redisFree(context) }
        context = nil
    }

    /// Connects, authenticates and names the connection, all within `deadline`. A refused `AUTH` throws its
    /// refusal in words (``RedisRefusal``); a refused `CLIENT SETNAME` (an ACL without `+client`, a renamed
    /// command, a server loading or busy) is ignored: the name is a courtesy, not a condition of the connection.
    /// The errors Redis writes as it accepts and then closes a connection (`ERR max number of clients reached`,
    /// `DENIED` in protected mode) arrive as the first reply and throw in words (``RedisCondition``).
    func open(deadline: Deadline) throws(ProbeFailure) {
        close()
        context = try connect(deadline: deadline)
        let auth = username.map { ["AUTH", $0, password ?? ""] } ?? password.map { ["AUTH", $0] }
        if let auth, case .error(let message) = try command(auth, deadline: deadline) {
            close()
            throw ProbeFailure(RedisRefusal.describe(command: "AUTH", reply: message, username: username))
        }
        if case .error(let message) = try command(["CLIENT", "SETNAME", clientName], deadline: deadline),
           message.contains("max number of clients reached") || message.hasPrefix("DENIED") {
            close()
            throw ProbeFailure(RedisCondition.errorReply(message, command: "CLIENT SETNAME").reason)
        }
    }

    /// Sends one command and waits for its reply. An error reply is returned, not thrown; a broken
    /// connection or the deadline throws and closes the connection.
    func command(_ arguments: [String], deadline: Deadline) throws(ProbeFailure) -> RedisReply {
        guard let context else { throw ProbeFailure("no connection", connectionLost: true) }
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
            if touchline_redis_err(context) != 0 { throw Self.failure(context, lost: false) }
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

    private static func failure(_ context: UnsafeMutablePointer<redisContext>, lost: Bool) -> ProbeFailure {
        let text = String(cString: touchline_redis_errstr(context))
        let message = text.isEmpty || text == "Server closed the connection" ? "connection closed by the server" : text
        return ProbeFailure(message, connectionLost: lost)
    }
}
