import FoundationEssentials
import Glibc
import TouchlineCore

/// Writes an incident snapshot as `<stem>.json` and `<stem>.md` into a folder (created if needed),
/// each through a temporary file renamed into place, so a reader never sees half a snapshot.
public enum SnapshotFiles {
    /// The folder snapshots go to by default: `<state folder>/snapshots`.
    public static func defaultDirectory(_ environment: EnvironmentConfig) -> String {
        URL(fileURLWithPath: environment.stateDirectory).appendingPathComponent("snapshots").path
    }

    /// Writes both files; returns the paths (JSON, Markdown) or throws a one-line reason.
    public static func write(_ snapshot: IncidentSnapshot, directory: String) throws -> (json: String, markdown: String) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw SnapshotError("cannot create \(directory): \(SystemError.text(of: error))")
        }
        let stem = URL(fileURLWithPath: directory)
            .appendingPathComponent(IncidentSnapshot.fileStem(environment: snapshot.environment.name, at: snapshot.takenAt)).path
        let json = stem + ".json"
        let markdown = stem + ".md"
        try place(IncidentSnapshotJSON.text(snapshot) + "\n", at: json)
        try place(IncidentSnapshotMarkdown.text(snapshot), at: markdown)
        return (json, markdown)
    }

    private static func place(_ text: String, at path: String) throws {
        let temporary = path + ".partial"
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw SnapshotError("cannot write \(path): \(SystemError.text(of: error))")
        }
    }
}
