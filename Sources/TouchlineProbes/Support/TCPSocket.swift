import Glibc

/// A non-blocking TCP connection whose every operation honours a deadline.
final class TCPSocket {
    private(set) var fd: Int32

    private init(fd: Int32) {
        self.fd = fd
    }

    deinit { close() }

    /// Connects to `host`:`port` before `deadline`, trying each resolved address in turn, each within its
    /// share of the time left (``Deadline/share(among:)``).
    static func connect(host: String, port: Int, deadline: Deadline) throws(ProbeFailure) -> TCPSocket {
        SocketWait.ignoreBrokenPipes()
        let addresses = try Resolver.resolve(host: host, port: port, deadline: deadline)
        var lastError = ProbeFailure("cannot connect to \(host):\(port)")
        var tried: [Resolver.Address] = []
        for (index, address) in addresses.enumerated() {
            tried.append(address)
            do {
                return try connect(to: address, deadline: deadline.share(among: addresses.count - index), label: "\(host):\(port)")
            } catch {
                lastError = error
                if deadline.hasPassed { break }
            }
        }
        throw tried.count > 1 ? ProbeFailure(lastError.message + " " + triedText(tried)) : lastError
    }

    /// `(tried ::1, 127.0.0.1)`: the addresses a name resolved to, for a failure that went through them all.
    static func triedText(_ addresses: [Resolver.Address]) -> String {
        "(tried " + addresses.map(\.numericHost).joined(separator: ", ") + ")"
    }

    private static func connect(to address: Resolver.Address, deadline: Deadline, label: String) throws(ProbeFailure) -> TCPSocket {
        let fd = socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ProbeFailure("socket: \(String(cString: strerror(errno)))") }
        let socket = TCPSocket(fd: fd)
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var storage = address.storage
        let result = withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, address.length) }
        }
        if result != 0 {
            guard errno == EINPROGRESS else { throw ProbeFailure(connectMessage(errno, label: label)) }
            try SocketWait.wait(fd, events: Int16(POLLOUT), deadline: deadline)
            var error: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
            if error != 0 { throw ProbeFailure(connectMessage(error, label: label)) }
        }
        return socket
    }

    private static func connectMessage(_ code: Int32, label: String) -> String {
        code == ECONNREFUSED ? "connection refused (\(label))" : "cannot connect to \(label): \(String(cString: strerror(code)))"
    }

    /// Sends all of `bytes` before `deadline`.
    func send(_ bytes: [UInt8], deadline: Deadline) throws(ProbeFailure) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { buffer in
                Glibc.send(fd, buffer.baseAddress.map { $0 + offset }, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent > 0 {
                offset += sent
            } else if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
                try SocketWait.wait(fd, events: Int16(POLLOUT), deadline: deadline)
            } else {
                throw ProbeFailure("connection lost while sending: \(String(cString: strerror(errno)))", connectionLost: true)
            }
        }
    }

    /// Receives up to `limit` bytes before `deadline`; an empty result means the peer closed the connection.
    func receive(limit: Int = 65536, deadline: Deadline) throws(ProbeFailure) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: limit)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, limit, 0) }
            if count >= 0 { return Array(buffer.prefix(count)) }
            if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
                try SocketWait.wait(fd, events: Int16(POLLIN), deadline: deadline)
            } else {
                throw ProbeFailure("connection lost: \(String(cString: strerror(errno)))", connectionLost: true)
            }
        }
    }

    /// Whether the idle connection was closed by the peer (readable with EOF or error).
    var peerHasClosed: Bool {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) > 0 else { return false }
        var byte: UInt8 = 0
        let count = recv(fd, &byte, 1, Int32(MSG_PEEK) | Int32(MSG_DONTWAIT))
        return count <= 0
    }

    /// Closes the socket; safe to call twice.
    func close() {
        if fd >= 0 {
            Glibc.close(fd)
            fd = -1
        }
    }
}
