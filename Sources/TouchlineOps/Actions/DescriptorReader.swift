import FoundationEssentials
import Glibc
import TouchlineCore

/// Reads a descriptor to its end on a thread of its own, handing each chunk to a closure, then closes it.
enum DescriptorReader {
    /// Bytes asked for per `read`.
    static let chunkSize = 65_536

    /// Starts the reader thread; `deliver` gets the chunks in order, `done` runs after the descriptor is closed.
    static func start(_ fd: Int32, _ deliver: @escaping @Sendable (Data) -> Void, done: @escaping @Sendable () -> Void) {
        WorkerThread.start(name: "touchline-read", stackSize: 256 * 1024) {
            var buffer = [UInt8](repeating: 0, count: chunkSize)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, chunkSize) }
                if count > 0 {
                    deliver(Data(buffer[0..<count]))
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    break
                }
            }
            close(fd)
            done()
        }
    }
}
