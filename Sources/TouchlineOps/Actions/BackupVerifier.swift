import Foundation
import TouchlineCore

/// Checks a backup file: decompresses all of it (gzip checks every member's CRC and length), looks for
/// pg_dump's completion trailer at the end of the SQL, and computes the file's SHA-256 meanwhile.
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
    /// `compressor`, by default the one installed) and sha256sum; `onTick` is called about every 250 ms with
    /// the SQL bytes decompressed so far.
    public static func verify(file: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                              compressor: BackupCommandLine.Compressor? = nil,
                              cancellation: CancellationSwitch = CancellationSwitch(),
                              onTick: (Int64) -> Void = { _ in }) -> Verification {
        let decompress = (compressor ?? .installed(environment: environment)).decompress(file)
        let checksum = BackupCommandLine.checksum(file)
        var verification = Verification(sha256: nil, dumpBytes: 0, problem: nil, commands: [decompress, checksum])
        let tail = StreamTail(limit: DumpTrailer.tailBytes)
        let digestOutput = StreamTail(limit: 4096)
        let pipelines: [ProcessPipeline]
        do throws(ActionFailure) {
            pipelines = [
                try ProcessPipeline.start([.init(argv: decompress, environment: environment)], sink: .reader(tail.append)),
                try ProcessPipeline.start([.init(argv: checksum, environment: environment)], sink: .reader(digestOutput.append)),
            ]
        } catch {
            verification.problem = error.message
            return verification
        }
        let token = cancellation.onFlip { pipelines.forEach { $0.terminate() } }
        for pipeline in pipelines {
            while !pipeline.wait(seconds: 0.25) { onTick(tail.count) }
        }
        cancellation.remove(token)
        return verdict(commands: verification.commands, tail: tail, digestOutput: digestOutput,
                       decompressor: pipelines[0], hasher: pipelines[1], cancellation: cancellation)
    }

    /// The verdict once the decompressor (whose output's tail and length are in `tail`) and the hasher
    /// (whose output is in `digestOutput`) have exited: intact, complete and hashed, or the first problem.
    static func verdict(commands: [[String]], tail: StreamTail, digestOutput: StreamTail, decompressor: ProcessPipeline,
                        hasher: ProcessPipeline, cancellation: CancellationSwitch) -> Verification {
        var verification = Verification(sha256: nil, dumpBytes: tail.count, problem: nil, commands: commands)
        if let reason = cancellation.reason {
            verification.problem = reason.text
        } else if let failure = decompressor.firstFailure {
            verification.problem = "gzip integrity check failed: \(failure.summary)"
        } else if !DumpTrailer.isComplete(tail: tail.text) {
            verification.problem = "the SQL does not end with pg_dump's completion trailer (\(DumpTrailer.marker)): the dump is incomplete"
        } else if let failure = hasher.firstFailure {
            verification.problem = "cannot compute the SHA-256: \(failure.summary)"
        }
        let digest = digestOutput.text.prefix { !$0.isWhitespace }
        if digest.count == 64, digest.allSatisfy(\.isHexDigit) { verification.sha256 = String(digest).lowercased() }
        if verification.problem == nil && verification.sha256 == nil {
            verification.problem = "sha256sum printed no digest"
        }
        return verification
    }
}
