import Foundation
import Glibc
import Testing
@testable import TouchlineCore

/// How config files are read: pipes and FIFOs to their end, `/dev/null` as an empty document, a 16 MiB cap,
/// errno's words for what cannot be read.
@Suite("Config file reading")
struct ConfigFileReadingTests {
    static let config = """
        [environments.s]
        label = "S"

        [[environments.s.probes]]
        name = "api"
        kind = "http"
        url = "http://127.0.0.1:1/"

        """

    private func folder() throws -> String {
        let path = NSTemporaryDirectory() + "touchline-read-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func message(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test("a config from a FIFO is read to its end")
    func fifo() throws {
        let path = try folder() + "/config.fifo"
        #expect(mkfifo(path, 0o600) == 0)
        let text = Self.config
        WorkerThread.start(name: "touchline-test-fifo-writer") {
            let fd = open(path, O_WRONLY)
            guard fd >= 0 else { return }
            FileDescriptorWriter.write(text, to: fd)
            close(fd)
        }
        let config = try ConfigLoader.load(path: path, environment: [:])
        #expect(config.environments.map(\.name) == ["s"])
        #expect(config.environments[0].probes.map(\.name) == ["api"])
    }

    @Test("/dev/null is an empty document: no environments defined")
    func devNull() {
        #expect(message { _ = try ConfigLoader.load(path: "/dev/null", environment: [:]) }
                == "/dev/null: environments: no environments defined (add e.g. [environments.staging])")
    }

    @Test("too large: a regular file says its size, a stream that it went past the cap")
    func tooLarge() throws {
        let path = try folder() + "/config.toml"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        #expect(truncate(path, 24_000_000) == 0)
        #expect(message { _ = try ConfigLoader.load(path: path, environment: [:]) }
                == "\(path): is 24.0 MB; a config file is at most 16 MiB")
        #expect(message { _ = try ConfigLoader.load(path: "/dev/zero", environment: [:]) }
                == "/dev/zero: is larger than 16 MiB; a config file is at most 16 MiB")
        #expect(ConfigLoader.maximumFileSize == 16 * 1_048_576)
    }

    @Test("what cannot be read says why, in errno's words")
    func unreadable() throws {
        let base = try folder()
        #expect(message { _ = try ConfigLoader.load(path: base, environment: [:]) }
                == "\(base): is a directory, not a config file")
        #expect(symlink(base + "/loop-a", base + "/loop-b") == 0)
        #expect(symlink(base + "/loop-b", base + "/loop-a") == 0)
        #expect(message { _ = try ConfigLoader.load(path: base + "/loop-a", environment: [:]) }
                == "\(base)/loop-a: cannot read the file: too many levels of symbolic links")
        #expect(message { _ = try ConfigLoader.load(path: base + "/none.toml", environment: [:]) }
                == "\(base)/none.toml: config file not found")
        #expect(message { _ = try ConfigLoader.documentText(path: base + "/x/../none", noun: "theme file") }
                == "\(base)/x/../none: theme file not found")
        if geteuid() != 0 {
            let secret = base + "/secret.toml"
            #expect(FileManager.default.createFile(atPath: secret, contents: Data(Self.config.utf8)))
            #expect(chmod(secret, 0) == 0)
            #expect(message { _ = try ConfigLoader.load(path: secret, environment: [:]) }
                    == "\(secret): cannot read the file: permission denied")
        }
    }

    @Test("state files: a device or FIFO is refused at once, never read; the tail is only the tail")
    func stateFiles() throws {
        #expect(throws: BoundedFile.Failure.notRegularFile(kind: "a character device")) {
            _ = try BoundedFile.read("/dev/zero", limit: 100)
        }
        #expect(throws: BoundedFile.Failure.notRegularFile(kind: "a character device")) {
            _ = try BoundedFile.tail("/dev/full", limit: 100)
        }
        let base = try folder()
        #expect(mkfifo(base + "/spool", 0o600) == 0)
        // No writer: a blocking open would wait forever.
        #expect(throws: BoundedFile.Failure.notRegularFile(kind: "a FIFO")) {
            _ = try BoundedFile.read(base + "/spool", limit: 100)
        }
        #expect(BoundedFile.Failure.notRegularFile(kind: "a FIFO").message(for: base + "/spool")
                == "\(base)/spool: is a FIFO, not a regular file")
        let file = base + "/audit.jsonl"
        #expect(FileManager.default.createFile(atPath: file, contents: Data("0123456789".utf8)))
        let tail = try BoundedFile.tail(file, limit: 4)
        #expect(tail.bytes == Array("6789".utf8))
        #expect(tail.cut)
        #expect(try BoundedFile.tail(file, limit: 40).bytes == Array("0123456789".utf8))
        #expect(throws: BoundedFile.Failure.tooLarge(size: 10, limit: 5)) { _ = try BoundedFile.read(file, limit: 5) }
        #expect(throws: BoundedFile.Failure.missing) { _ = try BoundedFile.read(base + "/none", limit: 5) }
    }
}
