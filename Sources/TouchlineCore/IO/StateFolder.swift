import FoundationEssentials
import Glibc

/// An environment's state folder (`state_dir`): where the log, the audit log, the lock and backups live.
public enum StateFolder {
    /// Creates `path` (and its parents) when missing and checks that it is a folder this process may write in.
    /// Returns nil when it is usable, else one line naming the folder and the system's reason, e.g.
    /// `state folder /srv/touchline: Permission denied`.
    public static func problem(at path: String) -> String? {
        var status = stat()
        if stat(path, &status) != 0 {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                return "state folder \(path): \(SystemError.text(of: error))"
            }
            guard stat(path, &status) == 0 else { return SystemError.text("state folder \(path)") }
        }
        guard status.st_mode & S_IFMT == S_IFDIR else { return "state folder \(path): \(String(cString: strerror(ENOTDIR)))" }
        guard access(path, W_OK | X_OK) == 0 else { return SystemError.text("state folder \(path)") }
        return nil
    }
}
