import Foundation
import Glibc

/// A TCP listener on 127.0.0.1 that serves each connection with a script, for probe edge cases.
///
/// Behaviours: never answer (accept and hold), answer fixed bytes then close or keep the connection,
/// or trickle bytes forever.
final class LocalListener: @unchecked Sendable {
    enum Behaviour: Sendable {
        /// Accept and never send a byte.
        case silent
        /// Read the request, send `bytes`, then close (or keep the connection open when `keepOpen`).
        case respond([UInt8], keepOpen: Bool)
        /// Read the request, send `head`, then `chunk` every `every` seconds until the client goes away.
        case trickle(head: [UInt8], chunk: [UInt8], every: Double)
        /// Speak RESP: read each command (an array of bulk strings) and send what `answer` gives for its
        /// arguments, until the client goes away.
        case resp(@Sendable ([String]) -> [UInt8])
        /// Speak RESP for one command per connection (after its `CLIENT SETNAME`), then close it (a server
        /// restarting between polls).
        case respOnce(@Sendable ([String]) -> [UInt8])
        /// Answer every request on the connection with `bytes` (a kept-alive server).
        case respondEach([UInt8])
        /// Answer every request on the connection with the bytes for its path (the request line's second
        /// word, absolute or not), or a 404.
        case routes([String: [UInt8]])
    }

    let port: Int
    private let fd: Int32
    private let behaviour: Behaviour
    private let lock = NSLock()
    private var clients: [Int32] = []
    private var stopped = false
    private let stoppedSignal = DispatchSemaphore(value: 0)
    private var acceptedCount = 0
    private var requestTexts: [String] = []

    /// How many connections were accepted.
    var accepted: Int {
        lock.lock()
        defer { lock.unlock() }
        return acceptedCount
    }

    /// The request heads received so far, as text.
    var requests: [String] {
        lock.lock()
        defer { lock.unlock() }
        return requestTexts
    }

    /// A listener on `address` (127.0.0.1 unless given; any of 127.0.0.0/8 answers on Linux), or on ::1 when `ipv6`.
    init(_ behaviour: Behaviour, ipv6: Bool = false, address ipv4Address: String = "127.0.0.1") throws {
        self.behaviour = behaviour
        let fd = socket(ipv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        if ipv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_addr = in6addr_loopback
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
            guard bound == 0, listen(fd, 64) == 0 else {
                port = 0
                throw POSIXError(.EADDRINUSE)
            }
            var length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(fd, $0, &length) }
            }
            port = Int(UInt16(bigEndian: address.sin6_port))
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr(ipv4Address)
            address.sin_port = 0
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0, listen(fd, 64) == 0 else {
                port = 0
                throw POSIXError(.EADDRINUSE)
            }
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(fd, $0, &length) }
            }
            port = Int(UInt16(bigEndian: address.sin_port))
        }
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// Stops accepting and ends every connection.
    ///
    /// Sockets are only shut down here, which wakes any thread blocked on them; each thread closes its
    /// own descriptor when it is done, so a closed number can never be reused under a running thread.
    func stop() {
        lock.lock()
        if stopped {
            lock.unlock()
            return
        }
        stopped = true
        let open = clients
        lock.unlock()
        shutdown(fd, Int32(SHUT_RDWR))
        for client in open { shutdown(client, Int32(SHUT_RDWR)) }
        stoppedSignal.signal()
    }

    deinit { stop() }

    private func acceptLoop() {
        defer { close(fd) }
        while true {
            let client = accept(fd, nil, nil)
            guard client >= 0 else { return }
            lock.lock()
            if stopped {
                lock.unlock()
                close(client)
                return
            }
            clients.append(client)
            acceptedCount += 1
            lock.unlock()
            let behaviour = behaviour
            Thread { [self] in serve(client, behaviour) }.start()
        }
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    private func serve(_ client: Int32, _ behaviour: Behaviour) {
        defer {
            // Hold the descriptor until the listener stops, then close it from this thread.
            stoppedSignal.wait()
            stoppedSignal.signal()
            close(client)
        }
        switch behaviour {
        case .silent:
            return
        case .respond(let bytes, let keepOpen):
            readRequest(client)
            write(client, bytes)
            if !keepOpen {
                shutdown(client, Int32(SHUT_RDWR))
            }
        case .resp(let answer), .respOnce(let answer):
            let once: Bool
            if case .respOnce = behaviour { once = true } else { once = false }
            var pending: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !isStopped {
                while let (command, used) = RESPCommand.parse(pending) {
                    pending.removeFirst(used)
                    guard write(client, answer(command)) else { return }
                    // The connection's setup (touchline names every Redis connection) is not the one command.
                    let setup = command.count >= 2 && command[0].uppercased() == "CLIENT" && command[1].uppercased() == "SETNAME"
                    if once && !setup {
                        shutdown(client, Int32(SHUT_RDWR))
                        return
                    }
                }
                let count = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress, 4096, 0) }
                if count <= 0 { return }
                pending.append(contentsOf: buffer.prefix(count))
            }
        case .respondEach(let bytes):
            while !isStopped, readRequest(client) {
                write(client, bytes)
            }
        case .routes(let routes):
            while !isStopped, readRequest(client) {
                let line = requests.last?.split(separator: "\r\n").first ?? ""
                let target = line.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
                // A proxied request names the absolute URL: match its path part.
                let bare = target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? target
                let path = routes.keys.first { target == $0 || bare == $0 || (target.contains("://") && target.hasSuffix($0)) }
                write(client, path.flatMap { routes[$0] } ?? Array("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".utf8))
            }
        case .trickle(let head, let chunk, let every):
            readRequest(client)
            write(client, head)
            while !isStopped, write(client, chunk) {
                Thread.sleep(forTimeInterval: every)
            }
        }
    }

    /// Reads one request head (byte by byte, so a kept connection's next request stays unread); false
    /// when the client went away first.
    @discardableResult
    private func readRequest(_ client: Int32) -> Bool {
        var received: [UInt8] = []
        var byte: UInt8 = 0
        while !received.suffix(4).elementsEqual([13, 10, 13, 10]) {
            let count = recv(client, &byte, 1, 0)
            if count <= 0 { return false }
            received.append(byte)
            if received.count > 1 << 20 { return false }
        }
        lock.lock()
        requestTexts.append(String(decoding: received, as: UTF8.self))
        lock.unlock()
        return true
    }

    @discardableResult
    private func write(_ client: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { send(client, $0.baseAddress, bytes.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }
}
