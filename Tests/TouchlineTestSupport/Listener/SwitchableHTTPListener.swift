import Foundation
import Glibc

/// An HTTP listener on 127.0.0.1 whose behaviour a test switches while a probe polls it: answer with given
/// bytes, hold the connection without a byte (slow past any timeout), or be stopped (the port refuses
/// connections) and started again on the same port. A misbehaving Prometheus, for the fault cases.
final class SwitchableHTTPListener: @unchecked Sendable {
    enum Mode: Sendable {
        /// Read the request head, send these bytes, close.
        case answer([UInt8])
        /// Accept and never answer.
        case silent
        /// Not listening: connections are refused.
        case stopped
    }

    let port: Int
    private let lock = NSLock()
    private var mode: Mode
    private var listener: Int32 = -1
    private var held: [Int32] = []
    private var finished = false

    /// Starts listening on a free port in `mode`.
    init(_ mode: Mode) throws {
        self.mode = mode
        let probe = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = Self.loopback(port: 0)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(probe, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(probe, $0, &length) } }
        port = Int(UInt16(bigEndian: address.sin_port))
        close(probe)
        if case .stopped = mode { return }
        try listen()
    }

    /// An HTTP response with `status` and a JSON (or any) `body`.
    static func response(_ status: Int, _ body: String, contentType: String = "application/json") -> [UInt8] {
        let bytes = Array(body.utf8)
        return Array("HTTP/1.1 \(status) X\r\nContent-Type: \(contentType)\r\nContent-Length: \(bytes.count)\r\nConnection: close\r\n\r\n".utf8) + bytes
    }

    /// Switches to `mode`: stopping closes the listening socket (and held connections); leaving `stopped`
    /// listens on the same port again.
    func set(_ mode: Mode) throws {
        lock.lock()
        let wasStopped: Bool
        if case .stopped = self.mode { wasStopped = true } else { wasStopped = false }
        self.mode = mode
        var toClose: [Int32] = []
        if case .stopped = mode {
            toClose = held + [listener]
            held = []
            listener = -1
        } else if case .answer = mode {
            toClose = held
            held = []
        }
        lock.unlock()
        for fd in toClose where fd >= 0 { shutdown(fd, Int32(SHUT_RDWR)); close(fd) }
        if wasStopped, !(mode.isStopped) { try listen() }
    }

    /// Stops for good.
    func stop() {
        lock.lock()
        finished = true
        lock.unlock()
        try? set(.stopped)
    }

    private func listen() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port: port)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0, Glibc.listen(fd, 64) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        lock.lock()
        listener = fd
        lock.unlock()
        let thread = Thread { [self] in acceptLoop(fd) }
        thread.start()
    }

    private func acceptLoop(_ fd: Int32) {
        while true {
            let client = accept(fd, nil, nil)
            guard client >= 0 else { return }
            lock.lock()
            let mode = self.mode
            lock.unlock()
            switch mode {
            case .answer(let bytes):
                Thread { Self.serve(client, bytes) }.start()
            case .silent:
                lock.lock()
                held.append(client)
                lock.unlock()
            case .stopped:
                close(client)
            }
        }
    }

    private static func serve(_ client: Int32, _ bytes: [UInt8]) {
        var head: [UInt8] = []
        var byte: UInt8 = 0
        while !head.suffix(4).elementsEqual([13, 10, 13, 10]) {
            guard recv(client, &byte, 1, 0) == 1 else { close(client); return }
            head.append(byte)
        }
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { break }
            sent += count
        }
        shutdown(client, Int32(SHUT_WR))
        // Drain until the client closes, so the close sends no RST over unread bytes.
        while recv(client, &byte, 1, 0) > 0 {}
        close(client)
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return address
    }
}

extension SwitchableHTTPListener.Mode {
    var isStopped: Bool {
        if case .stopped = self { return true }
        return false
    }
}
