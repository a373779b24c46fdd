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
    }

    let port: Int
    private let fd: Int32
    private let behaviour: Behaviour
    private let lock = NSLock()
    private var clients: [Int32] = []
    private var stopped = false
    private let stoppedSignal = DispatchSemaphore(value: 0)
    /// How many connections were accepted.
    private(set) var accepted = 0

    init(_ behaviour: Behaviour) throws {
        self.behaviour = behaviour
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
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
            accepted += 1
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
        case .resp(let answer):
            var pending: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !isStopped {
                while let (command, used) = RESPCommand.parse(pending) {
                    pending.removeFirst(used)
                    guard write(client, answer(command)) else { return }
                }
                let count = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress, 4096, 0) }
                if count <= 0 { return }
                pending.append(contentsOf: buffer.prefix(count))
            }
        case .trickle(let head, let chunk, let every):
            readRequest(client)
            write(client, head)
            while !isStopped, write(client, chunk) {
                Thread.sleep(forTimeInterval: every)
            }
        }
    }

    private func readRequest(_ client: Int32) {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !received.suffix(4).elementsEqual([13, 10, 13, 10]) {
            let count = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress, 4096, 0) }
            if count <= 0 { return }
            received.append(contentsOf: buffer.prefix(count))
            if received.count > 1 << 20 { return }
        }
    }

    @discardableResult
    private func write(_ client: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { send(client, $0.baseAddress, bytes.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }
}
