import FoundationEssentials
import TouchlineCore
import TouchlineOps

/// The git revision of the checkout a binary was built in, when the binary still lives inside it.
///
/// SwiftPM has no build-time value injection without a plugin, and a generated file would be committed
/// state; so the revision is read at run time, and only for a binary inside a touchline checkout (e.g.
/// `.build/release/touchline`): from the executable's folder (`/proc/self/exe`) upwards, the first folder
/// holding both `.git` and a `Package.swift` that names the `touchline` product is asked
/// `git -C DIR rev-parse --short HEAD`. An installed copy (`/usr/local/bin/touchline`) has no such folder
/// above it and reports no revision, rather than the revision of whatever repository it happens to sit in.
/// A checkout changed since the build reports the checkout's revision now.
enum BuildRevision {
    /// How long `git rev-parse` may take (it answers in milliseconds; a hung git must not hang `--version`).
    private static let gitTimeout = 10.0

    /// The short commit id, or nil when there is no checkout above the binary or git cannot tell.
    static func current() -> String? {
        guard let checkout = checkout() else { return nil }
        // git's standard error is collected and dropped; a git that cannot start (127) or hangs (124) gives none.
        let outcome = ChildProcess.run(["git", "-C", checkout, "rev-parse", "--short", "HEAD"], timeout: gitTimeout)
        guard outcome.code == 0 else { return nil }
        let text = outcome.output.trimmingWhitespace()
        return text.isEmpty ? nil : text
    }

    /// The touchline checkout holding the running executable, if any.
    private static func checkout() -> String? {
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
        while folder.path != "/" {
            let manifest = folder.appendingPathComponent("Package.swift").path
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(".git").path),
               let bytes = try? BoundedFile.read(manifest, limit: 1_048_576), let text = String(validating: bytes, as: UTF8.self),
               text.contains(#"name: "touchline""#) {
                return folder.path
            }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }
}
