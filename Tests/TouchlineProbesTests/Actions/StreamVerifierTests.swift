import Foundation
import Glibc
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineProbes
@testable import TouchlineTestSupport

@Suite("Backup verification while writing")
struct StreamVerifierTests {
    private let environment = ProcessInfo.processInfo.environment

    /// `sql` gzipped by gzip itself, as a backup file would hold it.
    private func gzipped(_ sql: String) throws -> Data {
        let output = ChunkCollector()
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString).sql").path
        try Data(sql.utf8).write(to: URL(fileURLWithPath: input))
        defer { unlink(input) }
        let pipeline = try ProcessPipeline.start([.init(argv: ["gzip", "-c", "--", input], environment: environment)],
                                                 sink: .reader(output.append))
        pipeline.waitUntilExit()
        return output.data
    }

    /// Feeds `data` in chunks of `size` bytes and finishes, claiming the file holds `fileBytes` bytes.
    private func verify(_ data: Data, compressor: BackupCommandLine.Compressor = .gzip, size: Int = 7_000,
                        fileBytes: Int? = nil) throws -> BackupVerifier.Verification {
        let verifier = try StreamVerifier(compressor: compressor, environment: environment)
        var offset = 0
        while offset < data.count {
            verifier.feed(data.subdata(in: offset..<min(data.count, offset + size)))
            offset += size
        }
        return verifier.finish(expectedBytes: Int64(fileBytes ?? data.count), cancellation: CancellationSwitch())
    }

    private var completeDump: String {
        (0..<5_000).map { "INSERT INTO matches VALUES (\($0), 'Arsenal', 'Chelsea', \($0 % 5));\n" }.joined()
            + "\n--\n\(DumpTrailer.marker)\n--\n\n"
    }

    @Test("an intact, complete stream passes with the same SHA-256 as sha256sum of the bytes and the SQL length")
    func intact() throws {
        let data = try gzipped(completeDump)
        let verification = try verify(data)
        #expect(verification.passed, "\(verification.problem ?? "")")
        #expect(verification.dumpBytes == Int64(completeDump.utf8.count))
        #expect(verification.commands == [["gzip", "-dc"]])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString).gz").path
        try data.write(to: URL(fileURLWithPath: path))
        defer { unlink(path) }
        let independent = ChunkCollector()
        try ProcessPipeline.start([.init(argv: ["sha256sum", path], environment: environment)],
                                  sink: .reader(independent.append)).waitUntilExit()
        #expect(verification.sha256 == String(decoding: independent.data.prefix(64), as: UTF8.self))
    }

    @Test("a file verified after the fact gets libcrypto's SHA-256, the same as sha256sum of the file")
    func fileVerification() throws {
        let data = try gzipped(completeDump)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString).gz").path
        try data.write(to: URL(fileURLWithPath: path))
        defer { unlink(path) }
        let verification = BackupVerifier.verify(file: path, environment: environment, compressor: .gzip)
        #expect(verification.passed, "\(verification.problem ?? "")")
        #expect(verification.commands == [["gzip", "-dc", "--", path]])
        let independent = ChunkCollector()
        try ProcessPipeline.start([.init(argv: ["sha256sum", path], environment: environment)],
                                  sink: .reader(independent.append)).waitUntilExit()
        #expect(verification.sha256 == String(decoding: independent.data.prefix(64), as: UTF8.self))
        let missing = BackupVerifier.verify(file: path + ".missing", environment: environment, compressor: .gzip)
        #expect(!missing.passed && missing.sha256 == nil)
    }

    @Test("a corrupted byte fails the gzip integrity check")
    func corrupted() throws {
        var data = try gzipped(completeDump)
        data[data.count / 2] ^= 0xFF
        let verification = try verify(data)
        #expect(!verification.passed)
        #expect(verification.problem?.hasPrefix("gzip integrity check failed") == true)
    }

    @Test("a dump without pg_dump's completion trailer fails")
    func incomplete() throws {
        let verification = try verify(try gzipped("INSERT INTO matches VALUES (1);\n"))
        #expect(verification.problem?.contains("completion trailer") == true)
    }

    @Test("a file that holds other bytes than those verified fails")
    func sizeMismatch() throws {
        let data = try gzipped(completeDump)
        let verification = try verify(data, fileBytes: data.count + 1)
        #expect(verification.problem == "verified \(data.count) bytes, but the file holds \(data.count + 1)")
    }

    @Test("pigz verifies the same stream when installed")
    func pigz() throws {
        guard BackupCommandLine.Compressor.installed(environment: environment) == .pigz else { return }
        let verification = try verify(try gzipped(completeDump), compressor: .pigz)
        #expect(verification.passed, "\(verification.problem ?? "")")
        #expect(verification.commands.first == ["pigz", "-dc"])
    }

    @Test("abandoning leaves no verifier process behind")
    func abandon() throws {
        let verifier = try StreamVerifier(compressor: .gzip, environment: environment)
        verifier.feed(try gzipped(completeDump).prefix(100))
        let pids = verifier.processIDs
        #expect(pids.count == 1 && pids.allSatisfy { kill($0, 0) == 0 })
        verifier.abandon()
        #expect(pids.allSatisfy { kill($0, 0) != 0 && errno == ESRCH })
    }
}

/// Collects a reader's chunks.
private final class ChunkCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var collected = Data()
    func append(_ chunk: Data) { lock.withLock { collected.append(chunk) } }
    var data: Data { lock.withLock { collected } }
}
