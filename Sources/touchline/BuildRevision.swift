import FoundationEssentials

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
    /// The short commit id, or nil when there is no checkout above the binary or git cannot tell.
    static func current() -> String? {
        guard let checkout = checkout() else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", checkout, "rev-parse", "--short", "HEAD"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingWhitespace()
        return text.isEmpty ? nil : text
    }

    /// The touchline checkout holding the running executable, if any.
    private static func checkout() -> String? {
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
        while folder.path != "/" {
            let manifest = folder.appendingPathComponent("Package.swift").path
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(".git").path),
               let text = try? String(contentsOfFile: manifest, encoding: .utf8),
               text.contains(#"name: "touchline""#) {
                return folder.path
            }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }
}
