#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CPosixShims

/// Starts a detached POSIX thread running a closure: the work that blocks (libpq, hiredis, libcurl, waitpid,
/// reads of a pipe) runs here, off Swift's cooperative pool. Replaces Foundation's `Thread`.
public enum WorkerThread {
    /// Starts `body` on a new detached thread named `name` (cut to the 15 bytes Linux keeps), with a stack of
    /// `stackSize` bytes when given (the system's default, 8 MiB of address space, otherwise); when the
    /// system refuses a thread (`pthread_create` fails, e.g. EAGAIN at the process's limit), `body` runs
    /// on the calling thread instead, so the work is never lost.
    public static func start(name: String, stackSize: Int? = nil, _ body: @escaping @Sendable () -> Void) {
        let box = Unmanaged.passRetained(Box(name: name, body: body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        if let stackSize { pthread_attr_setstacksize(&attributes, max(stackSize, 64 * 1024)) }
        defer { pthread_attr_destroy(&attributes) }
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let result = pthread_create(&thread, &attributes, { raw in
            guard let raw else { return nil }
            let box = Unmanaged<Box>.fromOpaque(raw).takeRetainedValue()
            box.nameCurrentThread()
            box.body()
            return nil
        }, box)
        if result != 0 {
            let box = Unmanaged<Box>.fromOpaque(box).takeRetainedValue()
            box.body()
        }
    }

    /// The closure and name handed to the new thread.
    private final class Box: @unchecked Sendable {
        // @unchecked Sendable: immutable after init, handed over once through pthread_create.
        let name: String
        let body: @Sendable () -> Void

        init(name: String, body: @escaping @Sendable () -> Void) {
            self.name = name
            self.body = body
        }

        func nameCurrentThread() {
            #if canImport(Glibc)
            var bytes = Array(name.utf8.prefix(15))
            bytes.append(0)
            bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress.map { pointer in
                    pointer.withMemoryRebound(to: CChar.self, capacity: buffer.count) { _ = touchline_name_current_thread($0) }
                }
            }
            #endif
        }
    }
}
