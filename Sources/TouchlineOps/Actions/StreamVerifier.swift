import Foundation
import Glibc
import TouchlineCore
import TouchlineProbes

/// Verifies a backup while it is written: every compressed chunk that goes into the file goes, through
/// pipes, to `gzip -dc` (or `pigz -dc`) too — which checks the CRC and length of every gzip member, and whose
/// output's last bytes must hold pg_dump's completion trailer — and to `sha256sum -`. These are
/// ``BackupVerifier``'s checks on the very bytes written to the file, without reading the file back and
/// decompressing it a second time after the dump (that pass cost about a seventh of a 1 GB backup's time).
/// ``finish(expectedBytes:cancellation:onTick:)`` also checks that the file holds exactly the bytes verified.
/// A restore still verifies the file itself with ``BackupVerifier``.
final class StreamVerifier: @unchecked Sendable {
    /// The commands that verify (decompressor, hasher).
    let commands: [[String]]
    private let decompressor: ProcessPipeline
    private let hasher: ProcessPipeline
    private let tail: StreamTail
    private let digestOutput: StreamTail
    private let lock = NSLock()
    private var inputs: [Int32]
    private var fed: Int64 = 0
    private var feedFailure: String?

    /// Starts the decompressor and the hasher, each reading a pipe that ``feed(_:)`` writes.
    init(compressor: BackupCommandLine.Compressor, environment: [String: String]) throws(ActionFailure) {
        SocketWait.ignoreBrokenPipes()   // a verifier that dies makes a write fail with EPIPE, not kill touchline
        let commands = [compressor.decompressStream, BackupCommandLine.checksumStream]
        let tail = StreamTail(limit: DumpTrailer.tailBytes)
        let digestOutput = StreamTail(limit: 4096)
        var descriptors = DescriptorSet()
        let started: (ProcessPipeline, ProcessPipeline, [Int32])
        do throws(ActionFailure) {
            let toDecompressor = try descriptors.pipe()
            let toHasher = try descriptors.pipe()
            let decompressor = try ProcessPipeline.start([.init(argv: commands[0], environment: environment)],
                                                         input: toDecompressor.read, sink: .reader(tail.append))
            let hasher: ProcessPipeline
            do throws(ActionFailure) {
                hasher = try ProcessPipeline.start([.init(argv: commands[1], environment: environment)],
                                                   input: toHasher.read, sink: .reader(digestOutput.append))
            } catch {
                descriptors.closeAll(except: [])
                decompressor.terminate(grace: 0.5)
                decompressor.waitUntilExit()
                throw error
            }
            descriptors.closeAll(except: [toDecompressor.write, toHasher.write])
            started = (decompressor, hasher, [toDecompressor.write, toHasher.write])
        } catch {
            descriptors.closeAll(except: [])
            throw error
        }
        self.commands = commands
        self.tail = tail
        self.digestOutput = digestOutput
        decompressor = started.0
        hasher = started.1
        inputs = started.2
    }

    deinit { abandon() }

    /// The process ids of the decompressor and the hasher.
    var processIDs: [pid_t] { decompressor.pids + hasher.pids }

    /// Hands a chunk of the compressed file to the decompressor and the hasher (blocking while they catch up).
    /// After a failed write (a verifier died), further chunks are dropped and ``finish`` reports it.
    func feed(_ chunk: Data) {
        lock.withLock {
            guard feedFailure == nil, inputs.allSatisfy({ $0 >= 0 }) else { return }
            for fd in inputs {
                do throws(ActionFailure) {
                    try DurableFile.writeAll(chunk, to: fd)
                } catch {
                    feedFailure = error.message
                    return
                }
            }
            fed += Int64(chunk.count)
        }
    }

    /// Ends the input, waits for both verifiers and judges: the file (of `expectedBytes`) passes only when
    /// every byte of it was verified, gzip found it intact, the trailer is there and the digest was printed.
    func finish(expectedBytes: Int64, cancellation: CancellationSwitch,
                onTick: (Int64) -> Void = { _ in }) -> BackupVerifier.Verification {
        closeInputs()
        let token = cancellation.onFlip { [decompressor, hasher] in
            decompressor.terminate()
            hasher.terminate()
        }
        for pipeline in [decompressor, hasher] {
            while !pipeline.wait(seconds: 0.25) { onTick(tail.count) }
        }
        cancellation.remove(token)
        var verification = BackupVerifier.verdict(commands: commands, tail: tail, digestOutput: digestOutput,
                                                  decompressor: decompressor, hasher: hasher, cancellation: cancellation)
        let (fed, feedFailure) = lock.withLock { (self.fed, self.feedFailure) }
        if verification.problem == nil, let feedFailure {
            verification.problem = "the verifiers could not read the whole dump: \(feedFailure)"
        } else if verification.problem == nil, fed != expectedBytes {
            verification.problem = "verified \(fed) bytes, but the file holds \(expectedBytes)"
        }
        return verification
    }

    /// Stops both verifiers and waits for them (safe to call more than once, and after ``finish``).
    func abandon() {
        closeInputs()
        for pipeline in [decompressor, hasher] where !pipeline.wait(seconds: 0) {
            pipeline.terminate(grace: 1)
            pipeline.waitUntilExit()
        }
    }

    private func closeInputs() {
        lock.withLock {
            for fd in inputs where fd >= 0 { close(fd) }
            inputs = inputs.map { _ in -1 }
        }
    }
}
