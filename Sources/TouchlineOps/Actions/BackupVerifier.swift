import FoundationEssentials
import Glibc
import TouchlineCore

/// Checks a backup file: decompresses all of it (gzip checks every member's CRC and length), looks for
/// pg_dump's completion trailer at the end of the SQL, and computes the file's SHA-256 meanwhile (in process,
/// libcrypto's incremental EVP digest through ``SHA256``, reading the file in 1 MiB chunks).
public enum BackupVerifier {
    /// What verification found.
    public struct Verification: Sendable, Equatable {
        /// Hex SHA-256 of the compressed file, when it could be computed.
        public var sha256: String?
        /// Bytes of SQL the file decompressed to.
        public var dumpBytes: Int64
        /// Why the file fails verification; nil when it passes.
        public var problem: String?
        /// The exact commands that ran.
        public var commands: [[String]]

        /// Whether the file is intact, complete and hashed.
        public var passed: Bool { problem == nil && sha256 != nil }
    }

    /// Verifies `file`, stopping when `cancellation` flips. `environment` is given to gzip (or pigz, the
    /// `compressor`, by default the one installed); `onTick` is called about every 250 ms with the SQL bytes
    /// decompressed so far. The file is hashed on this thread while the decompressor reads it.
    public static func verify(file: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                              compressor: BackupCommandLine.Compressor? = nil,
                              cancellation: CancellationSwitch = CancellationSwitch(),
                              onTick: (Int64) -> Void = { _ in }) -> Verification {
        let decompress = (compressor ?? .installed(environment: environment)).decompress(file)
        var verification = Verification(sha256: nil, dumpBytes: 0, problem: nil, commands: [decompress])
        let tail = StreamTail(limit: DumpTrailer.tailBytes)
        let pipeline: ProcessPipeline
        do throws(ActionFailure) {
            pipeline = try ProcessPipeline.start([.init(argv: decompress, environment: environment)], sink: .reader(tail.append))
        } catch {
            verification.problem = error.message
            return verification
        }
        let token = cancellation.onFlip { pipeline.terminate() }
        let hashed = hash(file: file, cancellation: cancellation) { onTick(tail.count) }
        while !pipeline.wait(seconds: 0.25) { onTick(tail.count) }
        cancellation.remove(token)
        var result = verdict(commands: verification.commands, tail: tail, decompressor: pipeline,
                             sha256: hashed.sha256, cancellation: cancellation)
        if result.problem == nil, let problem = hashed.problem { result.problem = problem }
        return result
    }

    /// The SHA-256 of `file`, read in 1 MiB chunks (stopping early when `cancellation` flips); `onTick` is
    /// called about every 250 ms. A file that cannot be opened or read gives a problem naming it and errno's text.
    static func hash(file: String, cancellation: CancellationSwitch,
                     onTick: () -> Void) -> (sha256: String?, problem: String?) {
        let fd = open(file, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { return (nil, "cannot compute the SHA-256: cannot open \(file): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        if let problem = BoundedFile.regularFileProblem(fd) {
            return (nil, "cannot compute the SHA-256: \(problem.message(for: file))")
        }
        var hasher = SHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var lastTick = ContinuousClock.now
        while cancellation.reason == nil {
            let count = read(fd, buffer.baseAddress, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else {
                return (nil, "cannot compute the SHA-256: cannot read \(file): \(String(cString: strerror(errno)))")
            }
            if count == 0 { return (hasher.hexDigest(), nil) }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            if ContinuousClock.now - lastTick >= .milliseconds(250) {
                onTick()
                lastTick = ContinuousClock.now
            }
        }
        return (nil, nil)   // cancelled: the verdict names the reason
    }

    /// The verdict once the decompressor (whose output's tail and length are in `tail`) has exited and the
    /// bytes were hashed (`sha256`, nil when libcrypto could not): intact, complete and hashed, or the first problem.
    static func verdict(commands: [[String]], tail: StreamTail, decompressor: ProcessPipeline, sha256: String?,
                        cancellation: CancellationSwitch) -> Verification {
        var verification = Verification(sha256: nil, dumpBytes: tail.count, problem: nil, commands: commands)
        if let reason = cancellation.reason {
            verification.problem = reason.text
        } else if let failure = decompressor.firstFailure {
            verification.problem = "gzip integrity check failed: \(failure.summary)"
        } else if !DumpTrailer.isComplete(tail: tail.text) {
            verification.problem = "the SQL does not end with pg_dump's completion trailer (\(DumpTrailer.marker)): the dump is incomplete"
        }
        verification.sha256 = sha256
        if verification.problem == nil && verification.sha256 == nil {
            verification.problem = "cannot compute the SHA-256: libcrypto could not set up or update its digest"
        }
        return verification
    }
}
