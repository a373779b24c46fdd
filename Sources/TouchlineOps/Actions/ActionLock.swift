import FoundationEssentials
import Glibc
import Synchronization
import TouchlineCore

/// One action at a time per environment: an exclusive `flock` on `<stateDirectory>/actions.lock`.
///
/// The file holds a JSON note of the holder (``LockHolder``). The kernel drops a `flock` when its process
/// dies, however it dies, so a lock is never held by a dead process; the note such a process leaves
/// behind is reported as ``tookOverFrom`` by the next taker (a clean release empties the note).
/// The descriptor is close-on-exec, so child processes never inherit the lock. The file is never
/// deleted (deleting a flock file lets two processes lock two different files).
public final class ActionLock: Sendable {
    /// The lock file's name inside the state directory.
    public static let fileName = "actions.lock"

    /// The lock file.
    public let path: String
    /// The note written for this holder.
    public let holder: LockHolder
    /// The note of an earlier holder that died without releasing, found when this lock was taken.
    public let tookOverFrom: LockHolder?

    /// The lock file's descriptor, -1 once released.
    private let descriptor: Mutex<Int32>

    private init(path: String, holder: LockHolder, tookOverFrom: LockHolder?, descriptor: Int32) {
        self.path = path
        self.holder = holder
        self.tookOverFrom = tookOverFrom
        self.descriptor = Mutex(descriptor)
    }

    deinit { release() }

    /// Takes the lock of `environment` in `stateDirectory` for `action`, without waiting: throws
    /// ``ActionLockError/held(by:environment:lockFile:)`` naming the holder when someone has it.
    public static func acquire(stateDirectory: String, environment: String, action: String,
                               identity: OperatorIdentity = .current(), now: Date = Date()) throws(ActionLockError) -> ActionLock {
        let path = URL(fileURLWithPath: stateDirectory).appendingPathComponent(fileName).path
        do {
            try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
        } catch {
            throw .unavailable("cannot create the state directory \(stateDirectory): \(SystemError.text(of: error))")
        }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0o644)
        guard fd >= 0 else { throw .unavailable(SystemError.text("cannot open \(path)")) }
        if let problem = BoundedFile.regularFileProblem(fd) {
            close(fd)
            throw .unavailable(problem.message(for: path))
        }
        guard lockWithoutWaiting(fd) else {
            let code = errno
            close(fd)
            guard code == EWOULDBLOCK else { throw .unavailable(SystemError.text("cannot lock \(path)", code: code)) }
            throw .held(by: currentHolder(path: path), environment: environment, lockFile: path)
        }
        let leftover = readNote(fd)
        let startedAt = ActionJSON.wholeMilliseconds(now)
        let holder = LockHolder(action: action, environment: environment, pid: identity.pid, user: identity.user,
                                host: identity.host, startedAt: startedAt)
        do {
            try writeNote(holder, to: fd)
        } catch {
            close(fd)
            throw .unavailable("cannot write the lock note to \(path): \(error)")
        }
        return ActionLock(path: path, holder: holder, tookOverFrom: leftover.flatMap(decodeNote), descriptor: fd)
    }

    /// Whether this lock is still held (not yet released).
    public var isHeld: Bool { descriptor.withLock { $0 >= 0 } }

    /// Takes the lock for `action` as ``acquire(stateDirectory:environment:action:identity:now:)`` does, unless
    /// `held` is a live lock of the same file that the caller already holds for a larger operation (a rehearsal
    /// running its backup, rollback and restore): then the action runs under that lock and nil is returned.
    /// A lock taken here is returned, for the caller to release.
    public static func acquire(unlessHeld held: ActionLock?, stateDirectory: String, environment: String, action: String,
                               identity: OperatorIdentity = .current()) throws(ActionLockError) -> ActionLock? {
        let path = URL(fileURLWithPath: stateDirectory).appendingPathComponent(fileName).path
        if let held, held.isHeld, held.path == path { return nil }
        return try acquire(stateDirectory: stateDirectory, environment: environment, action: action, identity: identity)
    }

    /// Releases the lock and empties the note. Safe to call more than once.
    public func release() {
        let fd: Int32 = descriptor.withLock { current in
            defer { current = -1 }
            return current
        }
        guard fd >= 0 else { return }
        _ = ftruncate(fd, 0)
        _ = fsync(fd)
        _ = flock(fd, LOCK_UN)
        close(fd)
    }

    /// The note of whoever holds the lock at `stateDirectory` now, or nil when nobody does.
    public static func holder(stateDirectory: String) -> LockHolder? {
        let path = URL(fileURLWithPath: stateDirectory).appendingPathComponent(fileName).path
        guard let fd = try? BoundedFile.openChecked(path, source: .regularFile) else { return nil }
        defer { close(fd) }
        guard let note = readNote(fd).flatMap(decodeNote) else { return nil }
        // A note left by a dead holder: a shared lock succeeds only when nobody holds the exclusive one.
        if flock(fd, LOCK_SH | LOCK_NB) == 0 {
            _ = flock(fd, LOCK_UN)
            return nil
        }
        return note
    }

    /// Tries the exclusive lock a few times over 100 ms (``holder(stateDirectory:)`` may hold a shared
    /// lock for an instant), never blocking longer.
    private static func lockWithoutWaiting(_ fd: Int32) -> Bool {
        var attempts = 0
        while true {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { return true }
            if errno == EINTR { continue }
            guard errno == EWOULDBLOCK, attempts < 5 else { return false }
            attempts += 1
            usleep(20_000)
        }
    }

    /// Reads the holder's note; a holder writes it right after locking, so an empty note is retried briefly.
    private static func currentHolder(path: String) -> LockHolder? {
        for attempt in 0..<10 {
            guard let fd = try? BoundedFile.openChecked(path, source: .regularFile) else { return nil }
            let note = readNote(fd)
            close(fd)
            if let holder = note.flatMap(decodeNote) { return holder }
            if attempt < 9 { usleep(20_000) }
        }
        return nil
    }

    private static func readNote(_ fd: Int32) -> Data? {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        var offset: off_t = 0
        while data.count < 65_536 {
            let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 4096, offset) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            data.append(contentsOf: buffer[0..<count])
            offset += off_t(count)
        }
        let trimmed = String(decoding: data, as: UTF8.self).trimmingWhitespace()
        return trimmed.isEmpty ? nil : Data(trimmed.utf8)
    }

    private static func decodeNote(_ data: Data) -> LockHolder? {
        try? ActionJSON.decoder().decode(LockHolder.self, from: data)
    }

    private static func writeNote(_ holder: LockHolder, to fd: Int32) throws {
        var data = try ActionJSON.encoder().encode(holder)
        data.append(0x0A)
        guard ftruncate(fd, 0) == 0 else { throw ActionFailure(SystemError.text("ftruncate")) }
        try DurableFile.writeAll(data, to: fd, at: 0)
        guard fsync(fd) == 0 else { throw ActionFailure(SystemError.text("fsync")) }
    }
}
