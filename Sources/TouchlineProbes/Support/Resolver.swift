import TouchlineCore

import Dispatch
import FoundationEssentials
import Synchronization
import Glibc

/// Resolves host names with a deadline (getaddrinfo itself has none).
enum Resolver {
    /// A resolved socket address.
    struct Address: @unchecked Sendable {
        // @unchecked Sendable: a value copy of C structs (sockaddr_storage is not marked Sendable), never shared mutably.
        var storage: sockaddr_storage
        var length: socklen_t
        var family: Int32

        /// The numeric form of the IP, e.g. `127.0.0.1`.
        var numericHost: String {
            var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            var copy = storage
            let status = withUnsafePointer(to: &copy) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    getnameinfo($0, length, &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST)
                }
            }
            guard status == 0 else { return "" }
            return String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    private final class Box: Sendable {
        /// The lookup's result, shared with the getaddrinfo thread.
        let result = Mutex<Result<[Address], ProbeFailure>?>(nil)
    }

    /// Names answered in-process before the system resolver, like lines of a hosts file: name → IP
    /// literals in the order a lookup returns them. Tests pin a name to `::1` then `127.0.0.1` here, which
    /// no hosts file of the machine need provide.
    static let pinned = PinnedNames()

    /// A lock-guarded table of pinned names.
    final class PinnedNames: Sendable {
        private let table = Mutex<[String: [String]]>([:])

        /// Pins `name` to `literals` (IP literals, in order); an empty list removes the pin.
        func pin(_ name: String, to literals: [String]) {
            table.withLock { $0[name.lowercased()] = literals.isEmpty ? nil : literals }
        }

        /// The literals pinned for `name`, or nil.
        func literals(for name: String) -> [String]? {
            table.withLock { $0[name.lowercased()] }
        }
    }

    /// Resolves `host`:`port` to TCP addresses before `deadline`, in the order getaddrinfo gives them.
    ///
    /// Every caller tries each address in that order within its one deadline (a name may resolve to
    /// `::1` first while the server listens on `127.0.0.1` only).
    static func resolve(host: String, port: Int, deadline: Deadline) throws(ProbeFailure) -> [Address] {
        if let numeric = try? lookup(host: host, port: port, numericOnly: true) { return numeric }
        if let literals = pinned.literals(for: host) {
            var addresses: [Address] = []
            for literal in literals { addresses += try lookup(host: literal, port: port, numericOnly: true) }
            return addresses
        }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        WorkerThread.start(name: "touchline-resolve", stackSize: 256 * 1024) {
            let result = Result { () throws(ProbeFailure) -> [Address] in
                try lookup(host: host, port: port, numericOnly: false)
            }
            box.result.withLock { $0 = result }
            done.signal()
        }
        if done.wait(timeout: .now() + .milliseconds(Int(deadline.remainingMilliseconds))) == .timedOut {
            throw ProbeFailure("timeout after \(DurationText.format(deadline.timeout)) resolving \(host)", deadlineExceeded: true)
        }
        guard let result = box.result.withLock({ $0 }) else { throw deadline.timeoutError }
        return try result.get()
    }

    /// The addresses of a numeric `host` (an IP literal), with no lookup; throws for a name.
    static func numeric(host: String, port: Int) throws(ProbeFailure) -> [Address] {
        try lookup(host: host, port: port, numericOnly: true)
    }

    private static func lookup(host: String, port: Int, numericOnly: Bool) throws(ProbeFailure) -> [Address] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        hints.ai_flags = numericOnly ? AI_NUMERICHOST | AI_NUMERICSERV : AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw ProbeFailure("cannot resolve \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var addresses: [Address] = []
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let current = node {
            if let raw = current.pointee.ai_addr {
                var storage = sockaddr_storage()
                withUnsafeMutableBytes(of: &storage) { target in
                    target.copyMemory(from: UnsafeRawBufferPointer(start: raw, count: Int(current.pointee.ai_addrlen)))
                }
                addresses.append(Address(storage: storage, length: current.pointee.ai_addrlen, family: current.pointee.ai_family))
            }
            node = current.pointee.ai_next
        }
        guard !addresses.isEmpty else { throw ProbeFailure("cannot resolve \(host): no addresses") }
        return addresses
    }
}
