#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes whole texts to a file descriptor with `write(2)`, retrying short writes and EINTR. Replaces
/// Foundation's `FileHandle` for standard output, standard error and append-only files.
public enum FileDescriptorWriter {
    /// Standard output's descriptor.
    public static let standardOutput: Int32 = 1
    /// Standard error's descriptor.
    public static let standardError: Int32 = 2

    /// Writes every byte of `text` to `descriptor`; false when a write failed (a closed pipe, a full disk),
    /// which callers that only report may ignore.
    @discardableResult
    public static func write(_ text: String, to descriptor: Int32) -> Bool {
        var bytes = Array(text.utf8)
        return write(&bytes, to: descriptor)
    }

    /// Writes every byte of `bytes` to `descriptor`; false when a write failed.
    @discardableResult
    public static func write(_ bytes: inout [UInt8], to descriptor: Int32) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                guard let base = buffer.baseAddress else { return false }
                #if canImport(Glibc)
                let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
                #else
                let written = Darwin.write(descriptor, base + offset, buffer.count - offset)
                #endif
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }

    /// Opens `path` for appending (created `mode` when missing, close-on-exec); nil when it cannot be opened.
    public static func openForAppending(_ path: String, mode: mode_t = 0o600) -> Int32? {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, mode)
        return descriptor >= 0 ? descriptor : nil
    }
}
