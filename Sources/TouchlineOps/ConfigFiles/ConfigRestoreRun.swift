import FoundationEssentials
import Synchronization
import TouchlineCore
import TouchlineProbes

/// The body of one config restore, inside its envelope: safety snapshot, all-or-none replace, verification,
/// apply command, probe wait. Records what the audit's end record says (``details``).
struct ConfigRestoreRun {
    let action: ConfigRestoreAction
    let store: ConfigSnapshotStore
    let manifest: ConfigSnapshotManifest
    /// The snapshot's stored bytes by path (nil: recorded as missing), already checked against their sha256.
    let stored: [String: [UInt8]?]
    let progress: @Sendable (String) -> Void
    /// The start record's trail: told what state a give-up after a cancel would leave (``AuditTrail/note(stateLeft:)``).
    let trail: AuditTrail?

    /// The end record's details.
    private(set) var details: [String: JSONValue] = [:]
    /// The apply command's exit status, once it ran.
    private(set) var applyExit: Int32?
    /// What the apply command printed, secrets masked by line.
    private(set) var applyOutput: String?

    init(action: ConfigRestoreAction, store: ConfigSnapshotStore, manifest: ConfigSnapshotManifest, stored: [String: [UInt8]],
         trail: AuditTrail? = nil, progress: @escaping @Sendable (String) -> Void) {
        self.action = action
        self.store = store
        self.manifest = manifest
        self.stored = manifest.files.reduce(into: [:]) { $0[$1.path] = stored[$1.path] }
        self.progress = progress
        self.trail = trail
    }

    private var config: ConfigFilesConfig { store.config }
    private func name(_ path: String) -> String { ConfigFileNames.name(path, in: config) }

    /// Runs the restore and reports how it ended.
    mutating func execute() -> ActionReport {
        details["snapshot"] = .string(manifest.id)
        var figures: [String: JSONValue] = ["snapshot": .string(manifest.id)]
        progress("taking a safety snapshot of the \(CountText.format(config.paths.count, "listed file"))")
        trail?.note(stateLeft: "stopped while taking the safety snapshot; no config file was changed")
        let safety: ConfigSnapshotManifest
        do throws(ActionFailure) {
            safety = try store.take(trigger: "before config restore of \(manifest.id)",
                                    takenBy: "\(action.identity.user)@\(action.identity.host)")
        } catch {
            return ActionReport(.failed, "safety snapshot failed, nothing was changed: \(error.message)", figures: figures)
        }
        details["safety_snapshot"] = .string(safety.id)
        figures["safety_snapshot"] = .string(safety.id)
        let targets: [ConfigSnapshotManifest.File]
        do throws(ActionFailure) {
            targets = try filesToWrite()
        } catch {
            return ActionReport(.failed, "\(error.message); nothing was changed (safety snapshot \(safety.id))", figures: figures)
        }
        let changed = JSONValue.array(targets.map { .string(name($0.path)) })
        details["changed_files"] = changed
        figures["changed_files"] = changed
        let kept = store.comparedPaths(manifest).filter { path in manifest.file(path).map { !$0.present } ?? true }
            .filter { FileManager.default.fileExists(atPath: $0) }
        if !kept.isEmpty {
            details["left_as_is"] = .array(kept.map { .string(name($0)) })
            progress("left as it is (missing in or not listed by the snapshot): \(kept.map(name).joined(separator: ", "))")
        }
        trail?.note(stateLeft: "stopped while replacing the config files from \(manifest.id) (all or none); safety snapshot "
                    + "\(safety.id) holds them as they were: check them with touchline config diff \(safety.id)")
        if let failure = replaceAll(targets, safety: safety) {
            details["replace_failed"] = .string(failure)
            return ActionReport(.failed, failure, figures: figures)
        }
        if let problem = verify() {
            details["verify_failed"] = .string(problem)
            return ActionReport(.failed, "files replaced but not verified: \(problem)", figures: figures)
        }
        let verified = manifest.files.filter(\.present).count
        details["files_verified"] = .integer(Int64(verified))
        figures["files_verified"] = .integer(Int64(verified))
        let restored = targets.isEmpty ? "no file differed from \(manifest.id)"
            : "\(CountText.format(targets.count, "file")) restored from \(manifest.id) (\(targets.map { name($0.path) }.joined(separator: ", ")))"
        let done = "\(restored); \(verified) verified by sha256, mode and owner; safety snapshot \(safety.id)"
        if targets.isEmpty {
            details["apply_skipped"] = .string("no file was written")
            return ActionReport(.ok, done + (config.applyCommand == nil ? "" : "; apply_command not run (nothing changed)"), figures: figures)
        }
        trail?.note(stateLeft: "the config files were restored from \(manifest.id) and verified; apply_command "
                    + "(\(config.applyCommand.map(ShellQuote.line) ?? "none")) was running: check that it took effect")
        if let failure = apply() {
            figures["apply_exit"] = applyExit.map { .integer(Int64($0)) } ?? .null
            return ActionReport(.failed, "\(done); but \(failure)", figures: figures)
        }
        if let exit = applyExit { figures["apply_exit"] = .integer(Int64(exit)) }
        trail?.note(stateLeft: "the config files were restored from \(manifest.id) and verified, apply_command done; "
                    + "waiting for \(config.probe?.name ?? "the probe") to be up")
        if let failure = waitForProbe() {
            return ActionReport(.failed, "\(done); but \(failure)", figures: figures)
        }
        return ActionReport(.ok, done, figures: figures)
    }

    /// The snapshot's present files whose current bytes, mode, owner or group differ (or that are gone).
    private func filesToWrite() throws(ActionFailure) -> [ConfigSnapshotManifest.File] {
        var targets: [ConfigSnapshotManifest.File] = []
        for file in manifest.files where file.present {
            guard let now = try ConfigFileSystem.read(file.path) else {
                targets.append(file)
                continue
            }
            if SHA256.hex(of: now.bytes) != file.sha256 || now.mode != file.mode || now.uid != file.uid || now.gid != file.gid {
                targets.append(file)
            }
        }
        return targets
    }

    /// Replaces every target; on the first failure puts the ones already replaced back from `safety` and says so.
    private mutating func replaceAll(_ targets: [ConfigSnapshotManifest.File], safety: ConfigSnapshotManifest) -> String? {
        var replaced: [ConfigSnapshotManifest.File] = []
        for file in targets {
            do throws(ActionFailure) {
                progress("writing \(name(file.path)) (\(file.size) bytes, mode \(String(file.mode, radix: 8)), \(file.owner):\(file.group))")
                try ConfigFileSystem.replace(file.path, bytes: (stored[file.path] ?? nil) ?? [], mode: file.mode, uid: file.uid, gid: file.gid)
                replaced.append(file)
            } catch {
                let putBack = putBack(replaced, from: safety)
                details["put_back"] = .array(replaced.map { .string(name($0.path)) })
                let what = replaced.isEmpty ? "no file had been replaced yet"
                    : "put back from safety snapshot \(safety.id): \(replaced.map { name($0.path) }.joined(separator: ", "))"
                return "restore failed at \(name(file.path)): \(error.message); \(what)\(putBack.map { "; \($0)" } ?? "")"
            }
        }
        return nil
    }

    /// Puts `files` back as `safety` recorded them (a file it recorded as missing is removed again); nil when
    /// all went back, else which could not.
    private func putBack(_ files: [ConfigSnapshotManifest.File], from safety: ConfigSnapshotManifest) -> String? {
        var problems: [String] = []
        for file in files.reversed() {
            do throws(ActionFailure) {
                guard let before = safety.file(file.path), before.present else {
                    try ConfigFileSystem.remove(file.path)
                    continue
                }
                let bytes = try store.storedBytes(before, in: safety) ?? []
                try ConfigFileSystem.replace(file.path, bytes: bytes, mode: before.mode, uid: before.uid, gid: before.gid)
            } catch {
                problems.append("\(name(file.path)) NOT put back: \(error.message)")
            }
        }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }

    /// Reads every present file back: sha256, mode, owner and group as the snapshot recorded.
    private func verify() -> String? {
        for file in manifest.files where file.present {
            guard let now = try? ConfigFileSystem.read(file.path) else { return "\(name(file.path)) cannot be read back" }
            if SHA256.hex(of: now.bytes) != file.sha256 { return "\(name(file.path)) sha256 differs from the snapshot's" }
            if now.mode != file.mode { return "\(name(file.path)) mode \(String(now.mode, radix: 8)), expected \(String(file.mode, radix: 8))" }
            if now.uid != file.uid || now.gid != file.gid { return "\(name(file.path)) owner \(now.uid):\(now.gid), expected \(file.uid):\(file.gid)" }
        }
        return nil
    }

    /// Runs `apply_command`; nil when it succeeded (or there is none), else why, with its last output lines.
    private mutating func apply() -> String? {
        guard let argv = config.applyCommand else { return nil }
        progress("running " + ShellQuote.line(argv))
        let progress = self.progress
        let masker = StreamMasker()
        let outcome = ChildProcess.run(argv, environment: action.processEnvironment, directory: config.workingDirectory,
                                       timeout: config.timeout, cancellation: action.switchForApply,
                                       onOutput: ChildProcess.lines { progress(masker.mask($0)) })
        applyExit = outcome.code
        applyOutput = SecretMasker.maskText(outcome.output + outcome.errorOutput)
        details["apply_exit"] = .integer(Int64(outcome.code))
        guard outcome.code != 0 else { return nil }
        let tail = (applyOutput ?? "").split(whereSeparator: \.isNewline).suffix(5).joined(separator: " | ")
        let how = outcome.timedOut || outcome.cancelled
            ? outcome.failureReason(timeout: config.timeout, cancellation: action.switchForApply) : "exited \(outcome.code)"
        let reason = "apply_command failed: \(ShellQuote.line(argv)) \(how)"
        details["apply_failed"] = .string(reason)
        return tail.isEmpty ? reason : "\(reason) (output: \(tail))"
    }

    /// Waits for `probe` to be up; nil when it is (or there is none), else why.
    private mutating func waitForProbe() -> String? {
        guard let probe = config.probe else { return nil }
        progress("waiting for \(probe.name) to be up (up to \(DurationText.format(config.waitHealthy)))")
        let checker = CheckerFactory.make(probe, environment: action.processEnvironment)
        defer { checker.close() }
        let started = ContinuousClock.now
        let deadline = started.advanced(by: .milliseconds(Int64(clampingFinite: config.waitHealthy * 1000)))
        var last = "no answer"
        while ContinuousClock.now < deadline {
            if let reason = action.cancelReason { return "cancelled while waiting for \(probe.name): \(reason.text)" }
            let sample = checker.check()
            if sample.status == .up {
                let seconds = started.duration(to: .now).seconds
                details["probe_up_seconds"] = .number(seconds)
                progress("\(probe.name) is up after \(SecondsText.format(seconds))")
                return nil
            }
            last = sample.error ?? sample.status.rawValue
            BlockingSleep.seconds(0.25)
        }
        details["probe_failed"] = .string(last)
        return "\(probe.name) not up within \(DurationText.format(config.waitHealthy)) (last: \(last))"
    }

    /// Masks the apply command's lines as they arrive, each knowing the lines before it (``SecretLineMasker``).
    private final class StreamMasker: Sendable {
        private let masker = Mutex(SecretLineMasker())

        func mask(_ line: String) -> String {
            masker.withLock { $0.mask(line) }
        }
    }
}
