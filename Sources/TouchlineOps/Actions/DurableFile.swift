import TouchlineCore
import FoundationEssentials
import Glibc

/// Writes that survive a crash: whole writes, fsync, and replace-by-rename.
enum DurableFile {
    /// Writes all of `data` to `fd` at `offset` (nil: at the current position, or the end under `O_APPEND`).
    static func writeAll(_ data: Data, to fd: Int32, at offset: off_t? = nil) throws(ActionFailure) {
        var written = 0
        let failure: Int32? = data.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return nil }
            while written < bytes.count {
                let count = offset.map { pwrite(fd, base + written, bytes.count - written, $0 + off_t(written)) }
                    ?? write(fd, base + written, bytes.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                written += count
            }
            return nil
        }
        if let failure { throw ActionFailure(SystemError.text("write", code: failure)) }
    }

    /// Replaces `path` with `data` atomically: a temporary file in the same folder, fsync, rename, fsync of the folder.
    static func replace(_ path: String, with data: Data, mode: mode_t = 0o644) throws(ActionFailure) {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw ActionFailure(SystemError.text("cannot create \(temporary)")) }
        var failure: ActionFailure?
        do throws(ActionFailure) { try writeAll(data, to: fd) } catch { failure = error }
        if failure == nil && fsync(fd) != 0 { failure = ActionFailure(SystemError.text("fsync \(temporary)")) }
        close(fd)
        if failure == nil && rename(temporary, path) != 0 {
            failure = ActionFailure(SystemError.text("cannot rename \(temporary) to \(path)"))
        }
        if let failure {
            unlink(temporary)
            throw failure
        }
        syncDirectory(containing: path)
    }

    /// Makes a rename or unlink in the folder of `path` durable.
    static func syncDirectory(containing path: String) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}
