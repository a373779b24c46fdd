import TouchlineCore
import Glibc

/// A file being written under a temporary `.partial` name: it becomes the real file only through
/// ``publish(as:)``, and ``discard()`` (also run on deinit) removes it.
final class PartialFile {
    /// Its temporary path.
    let path: String
    /// The descriptor to write to (close-on-exec).
    private(set) var descriptor: Int32
    private var settled = false

    /// Creates `path` exclusively (it must not exist), readable by the owner only.
    init(path: String) throws(ActionFailure) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw ActionFailure(SystemError.text("cannot create \(path)")) }
    }

    deinit { discard() }

    /// Bytes written so far.
    var size: Int64 { descriptor >= 0 ? BackupDirectory.size(of: descriptor) : 0 }

    /// Flushes the data to disk and closes the descriptor; returns the final size.
    func finishWriting() throws(ActionFailure) -> Int64 {
        let bytes = size
        guard fsync(descriptor) == 0 else { throw ActionFailure(SystemError.text("fsync \(path)")) }
        close(descriptor)
        descriptor = -1
        return bytes
    }

    /// Renames the file to `finalPath` (after ``finishWriting()``) and makes the rename durable.
    func publish(as finalPath: String) throws(ActionFailure) {
        guard rename(path, finalPath) == 0 else { throw ActionFailure(SystemError.text("cannot rename \(path) to \(finalPath)")) }
        settled = true
        DurableFile.syncDirectory(containing: finalPath)
    }

    /// Closes and deletes the file unless it was published. Safe to call more than once.
    func discard() {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
        if !settled {
            unlink(path)
            settled = true
        }
    }
}
