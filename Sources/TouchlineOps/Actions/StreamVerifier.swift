import FoundationEssentials
import Glibc
import TouchlineCore
import TouchlineProbes

/// Verifies a backup while it is written: every compressed chunk that goes into the file goes, through a
/// pipe, to `gzip -dc` (or `pigz -dc`) too — which checks the CRC and length of every gzip member, and whose
/// output's last bytes must hold pg_dump's completion trailer — and into an incremental SHA-256 (libcrypto's
/// EVP digest, in process: ``SHA256``). These are
/// ``BackupVerifier``'s checks on the very bytes written to the file, without reading the file back and
/// decompressing it a second time after the dump (that pass cost about a seventh of a 1 GB backup's time).
/// ``finish(expectedBytes:cancellation:onTick:)`` also checks that the file holds exactly the bytes verified.
/// A restore still verifies the file itself with ``BackupVerifier``.
final class StreamVerifier: @unchecked Sendable {
    /// The command that verifies (the decompressor; the hash is computed in process).
    let commands: [[String]]
    private let decompressor: ProcessPipeline
    private let tail: StreamTail
    private let lock = ConditionVariable()
    private var hasher = SHA256()
    private var input: Int32
    private var fed: Int64 = 0
    private var feedFailure: String?

    /// Starts the decompressor, reading a pipe that ``feed(_:)`` writes.
    init(compressor: BackupCommandLine.Compressor, environment: [String: String]) throws(ActionFailure) {
        SocketWait.ignoreBrokenPipes()   // a verifier that dies makes a write fail with EPIPE, not kill touchline
        let commands = [compressor.decompressStream]
        let tail = StreamTail(limit: DumpTrailer.tailBytes)
        var descriptors = DescriptorSet()
        let started: (ProcessPipeline, Int32)
        do throws(ActionFailure) {
            let toDecompressor = try descriptors.pipe()
            let decompressor = try ProcessPipeline.start([.init(argv: commands[0], environment: environment)],
                                                         input: toDecompressor.read, sink: .reader(tail.append))
            descriptors.closeAll(except: [toDecompressor.write])
            started = (decompressor, toDecompressor.write)
        } catch {
            descriptors.closeAll(except: [])
            throw error
        }
        self.commands = commands
        self.tail = tail
        decompressor = started.0
        input = started.1
    }

    deinit { abandon() }

    /// The process ids of the decompressor.
    var processIDs: [pid_t] { decompressor.pids }

    /// Hands a chunk of the compressed file to the decompressor (blocking while it catches up) and adds it to
    /// the SHA-256. After a failed write (the decompressor died), further chunks are dropped and ``finish``
    /// reports it.
    func feed(_ chunk: Data) {
        lock.withLock {
            guard feedFailure == nil, input >= 0 else { return }
            do throws(ActionFailure) {
                try DurableFile.writeAll(chunk, to: input)
            } catch {
                feedFailure = error.message
                return
            }
            hasher.update(chunk)
            fed += Int64(chunk.count)
        }
    }

    /// Ends the input, waits for the decompressor and judges: the file (of `expectedBytes`) passes only when
    /// every byte of it was verified, gzip found it intact, the trailer is there and the digest was computed.
    func finish(expectedBytes: Int64, cancellation: CancellationSwitch,
                onTick: (Int64) -> Void = { _ in }) -> BackupVerifier.Verification {
        closeInputs()
        let token = cancellation.onFlip { [decompressor] in decompressor.terminate() }
        while !decompressor.wait(seconds: 0.25) { onTick(tail.count) }
        cancellation.remove(token)
        let sha256 = lock.withLock { hasher.hexDigest() }
        var verification = BackupVerifier.verdict(commands: commands, tail: tail, decompressor: decompressor,
                                                  sha256: sha256, cancellation: cancellation)
        let (fed, feedFailure) = lock.withLock { (self.fed, self.feedFailure) }
        if verification.problem == nil, let feedFailure {
            verification.problem = "the verifiers could not read the whole dump: \(feedFailure)"
        } else if verification.problem == nil, fed != expectedBytes {
            verification.problem = "verified \(fed) bytes, but the file holds \(expectedBytes)"
        }
        return verification
    }

    /// Stops the decompressor and waits for it (safe to call more than once, and after ``finish``).
    func abandon() {
        closeInputs()
        if !decompressor.wait(seconds: 0) {
            decompressor.terminate(grace: 1)
            decompressor.waitUntilExit()
        }
    }

    private func closeInputs() {
        lock.withLock {
            if input >= 0 { close(input) }
            input = -1
        }
    }
}
