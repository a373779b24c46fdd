import Glibc

/// Reads whole files with a size cap, and where a file is expected refuses what is not one (a FIFO, a
/// device, a socket), so that a state file swapped for `/dev/zero` or a pipe is one clear error rather than
/// an endless read.
public enum BoundedFile {
    /// What may be read.
    public enum Source: Sendable {
        /// Only a regular file (state files: audit logs, manifests, lock notes, spools).
        case regularFile
        /// A regular file, or a stream read until its end: a pipe, process substitution (`/dev/fd/63`), a FIFO,
        /// `/dev/null` (config and theme files given on the command line).
        case fileOrStream
    }

    /// Why a file was not read.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// Nothing at the path (`ENOENT`, or a dangling link).
        case missing
        /// A directory where a file was expected.
        case directory
        /// Something other than a regular file where one was expected: `a FIFO`, `a character device`, …
        case notRegularFile(kind: String)
        /// More than the limit: the size when known (a regular file), nil for a stream that went past it.
        case tooLarge(size: Int?, limit: Int)
        /// open or read failed: the system's words, first letter lowercased (`permission denied`).
        case system(String)

        /// The failure in words, without the file's name (`is a FIFO, not a regular file`).
        public var description: String {
            switch self {
            case .missing: return "no such file"
            case .directory: return "is a directory, not a file"
            case .notRegularFile(let kind): return "is \(kind), not a regular file"
            case .tooLarge(let size, let limit):
                let shown = size.map { "is \(BoundedFile.megabytes($0))" } ?? "is larger than \(BoundedFile.mebibytes(limit))"
                return "\(shown); at most \(BoundedFile.mebibytes(limit)) is read"
            case .system(let words): return "cannot read the file: \(words)"
            }
        }

        /// One line naming the file: `/srv/state/audit.jsonl: is a character device, not a regular file`.
        public func message(for path: String) -> String { "\(path): \(description)" }
    }

    /// The bytes of the file at `path`, at most `limit` of them.
    ///
    /// - Throws: ``Failure``: missing, a directory, not a regular file (for `.regularFile`), larger than
    ///   `limit`, or the errno of a failed open or read.
    public static func read(_ path: String, limit: Int, source: Source = .regularFile) throws(Failure) -> [UInt8] {
        let fd = try openChecked(path, source: source)
        defer { close(fd) }
        var info = stat()
        _ = fstat(fd, &info)
        if info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) > limit {
            throw .tooLarge(size: Int(info.st_size), limit: limit)
        }
        let bytes = try readUpTo(fd, count: limit + 1, from: nil)
        guard bytes.count <= limit else {
            throw .tooLarge(size: nil, limit: limit)
        }
        return bytes
    }

    /// The last `limit` bytes of the regular file at `path` (all of it when smaller) and whether its start
    /// was left off.
    public static func tail(_ path: String, limit: Int) throws(Failure) -> (bytes: [UInt8], cut: Bool) {
        let fd = try openChecked(path, source: .regularFile)
        defer { close(fd) }
        var info = stat()
        _ = fstat(fd, &info)
        let size = Int(info.st_size)
        let start = max(0, size - limit)
        return (try readUpTo(fd, count: limit, from: off_t(start)), start > 0)
    }

    /// How much of a state file (a manifest, a spool, a lock note) is read at most: 64 MiB.
    public static let stateFileLimit = 64 * 1_048_576

    /// nil when `fd` is a regular file, else why not (`is a FIFO, not a regular file`), for files opened to append.
    public static func regularFileProblem(_ fd: Int32) -> Failure? {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .system(SystemError.words(errno)) }
        let kind = info.st_mode & S_IFMT
        if kind == S_IFREG { return nil }
        return kind == S_IFDIR ? .directory : .notRegularFile(kind: kindName(kind))
    }

    /// `path` opened for reading, checked to be what `source` allows. Without blocking on a FIFO that is
    /// refused anyway (`O_NONBLOCK` for `.regularFile`).
    public static func openChecked(_ path: String, source: Source) throws(Failure) -> Int32 {
        var flags = O_RDONLY | O_CLOEXEC | O_NOCTTY
        if case .regularFile = source { flags |= O_NONBLOCK }
        let fd = open(path, flags)
        guard fd >= 0 else {
            let code = errno
            var info = stat()
            if code == ENXIO, stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFSOCK { throw .notRegularFile(kind: "a socket") }
            if code == ENOENT { throw .missing }
            throw .system(SystemError.words(code))
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw .system(SystemError.words(code))
        }
        let kind = info.st_mode & S_IFMT
        if kind == S_IFDIR {
            close(fd)
            throw .directory
        }
        if case .regularFile = source, kind != S_IFREG {
            close(fd)
            throw .notRegularFile(kind: kindName(kind))
        }
        return fd
    }

    /// Up to `count` bytes of `fd`, from `offset` (pread) or from its current position (read, for streams).
    private static func readUpTo(_ fd: Int32, count: Int, from offset: off_t?) throws(Failure) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        var position = offset ?? 0
        while bytes.count < count {
            let want = min(chunk.count, count - bytes.count)
            let got = chunk.withUnsafeMutableBytes { buffer in
                offset == nil ? Glibc.read(fd, buffer.baseAddress, want) : pread(fd, buffer.baseAddress, want, position)
            }
            if got < 0 {
                let code = errno
                if code == EINTR { continue }
                throw .system(SystemError.words(code))
            }
            if got == 0 { break }
            bytes += chunk[0..<got]
            position += off_t(got)
        }
        return bytes
    }

    /// The name of a file type for messages: `a FIFO`, `a character device`, `a block device`, `a socket`.
    public static func kindName(_ kind: mode_t) -> String {
        switch kind {
        case S_IFIFO: return "a FIFO"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFLNK: return "a symbolic link"
        default: return "an unknown kind of file"
        }
    }

    /// `24.0 MB` (decimal megabytes, one digit).
    public static func megabytes(_ bytes: Int) -> String {
        "\(DecimalText.fixed(Double(bytes) / 1_000_000, digits: 1)) MB"
    }

    /// `16 MiB` for a whole number of mebibytes, else `N bytes`.
    public static func mebibytes(_ bytes: Int) -> String {
        bytes % 1_048_576 == 0 ? "\(bytes / 1_048_576) MiB" : "\(bytes) bytes"
    }
}
