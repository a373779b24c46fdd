import FoundationEssentials
import Glibc
import TouchlineCore

/// The file operations of the configuration rollback, over POSIX calls: read a file with its mode, owner and
/// group; write one exclusively `0600`; replace one atomically with given bytes, mode, owner and group (a
/// temporary file beside it, fsync, rename, fsync of the folder).
enum ConfigFileSystem {
    /// A file as read: its bytes and metadata.
    struct Read {
        var bytes: [UInt8]
        var mode: UInt32
        var uid: UInt32
        var gid: UInt32
    }

    /// The file at `path`, nil when it does not exist; throws when it exists but cannot be read (or is not a
    /// regular file).
    static func read(_ path: String) throws(ActionFailure) -> Read? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw ActionFailure(SystemError.text("cannot read \(path)"))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ActionFailure(SystemError.text("cannot stat \(path)")) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw ActionFailure("\(path) is not a regular file") }
        guard Int(info.st_size) <= BoundedFile.stateFileLimit else {
            throw ActionFailure("\(path): is \(BoundedFile.megabytes(Int(info.st_size))); at most \(BoundedFile.mebibytes(BoundedFile.stateFileLimit)) is read")
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ActionFailure(SystemError.text("cannot read \(path)"))
            }
            if count == 0 { break }
            bytes += chunk[0..<count]
            guard bytes.count <= BoundedFile.stateFileLimit else {
                throw ActionFailure("\(path): is larger than \(BoundedFile.mebibytes(BoundedFile.stateFileLimit)); at most that is read")
            }
        }
        return Read(bytes: bytes, mode: UInt32(info.st_mode & 0o7777), uid: info.st_uid, gid: info.st_gid)
    }

    /// The bytes of `path` as a diff side (missing when it does not exist).
    static func side(_ path: String) throws(ActionFailure) -> ConfigDiff.Side {
        try read(path).map { .bytes($0.bytes) } ?? .missing
    }

    /// Creates `path` exclusively, mode `0600`, with `bytes`, flushed to disk.
    static func writeNew(_ path: String, _ bytes: [UInt8]) throws(ActionFailure) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ActionFailure(SystemError.text("cannot create \(path)")) }
        defer { close(fd) }
        try DurableFile.writeAll(Data(bytes), to: fd)
        guard fsync(fd) == 0 else { throw ActionFailure(SystemError.text("fsync \(path)")) }
    }

    /// Creates the folder `path` with mode `0700` (its parents as needed); an existing one is set to `0700`.
    static func makePrivateFolder(_ path: String) throws(ActionFailure) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw ActionFailure("cannot create \(path): \(SystemError.text(of: error))")
        }
        guard chmod(path, 0o700) == 0 else { throw ActionFailure(SystemError.text("cannot set \(path) to 0700")) }
    }

    /// Replaces `path` with `bytes`, `mode`, `uid` and `gid` atomically: the temporary file
    /// `.NAME.touchline-PID` beside it is written, fsynced, given the mode and owner, then renamed over `path`
    /// and the folder fsynced. On any failure the temporary file is removed and `path` is as it was. A symbolic
    /// link is followed: the file it points to is replaced, the link stays.
    static func replace(_ path: String, bytes: [UInt8], mode: UInt32, uid: UInt32, gid: UInt32) throws(ActionFailure) {
        let path = resolved(path)
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).touchline-\(getpid())").path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw ActionFailure(SystemError.text("cannot create \(temporary)")) }
        var failure: ActionFailure?
        do throws(ActionFailure) { try DurableFile.writeAll(Data(bytes), to: fd) } catch { failure = error }
        if failure == nil, fchown(fd, uid, gid) != 0 { failure = ActionFailure(SystemError.text("cannot set the owner of \(temporary)")) }
        if failure == nil, fchmod(fd, mode_t(mode)) != 0 { failure = ActionFailure(SystemError.text("cannot set the mode of \(temporary)")) }
        if failure == nil, fsync(fd) != 0 { failure = ActionFailure(SystemError.text("fsync \(temporary)")) }
        close(fd)
        if failure == nil, rename(temporary, path) != 0 {
            failure = ActionFailure(SystemError.text("cannot rename \(temporary) to \(path)"))
        }
        if let failure {
            unlink(temporary)
            throw failure
        }
        DurableFile.syncDirectory(containing: path)
    }

    /// The file a symbolic link at `path` points to (its real path), or `path` itself.
    static func resolved(_ path: String) -> String {
        guard let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
    }

    /// Removes `path` (a file a restore created that the safety snapshot recorded as missing).
    static func remove(_ path: String) throws(ActionFailure) {
        guard unlink(path) == 0 || errno == ENOENT else { throw ActionFailure(SystemError.text("cannot remove \(path)")) }
        DurableFile.syncDirectory(containing: path)
    }

    /// The user name of `uid`, or its number.
    static func userName(_ uid: UInt32) -> String {
        guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return String(uid) }
        return String(cString: name)
    }

    /// The group name of `gid`, or its number.
    static func groupName(_ gid: UInt32) -> String {
        guard let entry = getgrgid(gid), let name = entry.pointee.gr_name else { return String(gid) }
        return String(cString: name)
    }
}
