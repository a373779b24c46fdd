import FoundationEssentials
import Glibc
import TouchlineCore

/// File-system chores of a backup folder: creating it, naming files, removing what crashed runs left.
enum BackupDirectory {
    /// Creates `directory` (and its parents) when missing.
    /// Returns the folders it created, deepest first, for ``removeCreated(_:)`` when the action fails.
    @discardableResult
    static func prepare(_ directory: String) throws(ActionFailure) -> [String] {
        var missing: [String] = []
        var folder = URL(fileURLWithPath: directory).standardizedFileURL
        while folder.path != "/", !FileManager.default.fileExists(atPath: folder.path) {
            missing.append(folder.path)
            folder = folder.deletingLastPathComponent()
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o750])
        } catch {
            throw ActionFailure("cannot create the backup directory \(directory): \(SystemError.text(of: error))")
        }
        return missing
    }

    /// Removes the folders a failed action created (deepest first, as ``prepare(_:)`` lists them), each
    /// only while empty (`rmdir`): a folder something else wrote into meanwhile stays.
    static func removeCreated(_ folders: [String]) {
        for folder in folders where rmdir(folder) != 0 { return }
    }

    /// Deletes `.partial` files last modified more than `age` seconds before `now`: no backup runs that long
    /// (its timeout stops it), so they were left by a process that died. Returns the names deleted.
    @discardableResult
    static func removeAbandonedPartials(in directory: String, olderThan age: Double, now: Date = Date()) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { name in
            guard BackupFileName.isPartial(name) else { return false }
            let path = file(name, in: directory)
            guard let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
                  now.timeIntervalSince(modified) > age else { return false }
            return unlink(path) == 0
        }
    }

    /// Whether `name` exists in `directory`.
    static func exists(_ name: String, in directory: String) -> Bool {
        FileManager.default.fileExists(atPath: file(name, in: directory))
    }

    /// The path of `name` in `directory`.
    static func file(_ name: String, in directory: String) -> String {
        URL(fileURLWithPath: directory).appendingPathComponent(name).path
    }

    /// The size of the open file `fd`, 0 when it cannot be read.
    static func size(of fd: Int32) -> Int64 {
        var status = stat()
        return fstat(fd, &status) == 0 ? Int64(status.st_size) : 0
    }
}
