import Testing
@testable import TouchlineCore

@Suite("Output digests of the audit log")
struct OutputDigestTests {
    @Test("SHA-256 matches the FIPS 180-4 test vectors, across block boundaries")
    func knownVectors() {
        #expect(SHA256.hex(of: Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(of: [UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        var streamed = SHA256()
        for chunk in ["ab", "c"] { streamed.update(Array(chunk.utf8)) }
        #expect(streamed.hexDigest() == SHA256.hex(of: Array("abc".utf8)))
    }

    @Test("the digest counts bytes and lines, keeps the last five lines and removes secrets from them")
    func digestOfOutput() {
        let output = (1...8).map { "line \($0)" }.joined(separator: "\n") + "\nconnecting with s3cret-pass\n"
        let digest = OutputDigest(of: output, secrets: ["s3cret-pass", "no"])
        #expect(digest.bytes == output.utf8.count)
        #expect(digest.lines == 9)
        #expect(digest.tail == ["line 5", "line 6", "line 7", "line 8", "connecting with ***"])
        #expect(digest.sha256 == SHA256.hex(of: Array(output.utf8)))
        #expect(OutputDigest(of: "").lines == 0)
        #expect(OutputDigest(of: "no newline").lines == 1)
    }

    @Test("an audit record carries the digest through JSON and back")
    func recordRoundTrip() throws {
        var record = AuditRecord(time: .init(timeIntervalSince1970: 1_700_000_000), phase: .end, id: "x", environment: "staging",
                                 action: "restart", target: "api", commands: [["scripts/stack", "restart", "api"]],
                                 user: "u", host: "h", pid: 1, outcome: .ok)
        record.output = OutputDigest(of: "restarted api\n")
        let line = try record.jsonLine()
        #expect(line.contains("\"output\":{"))
        #expect(AuditRecord.parseLines(line) == [record])
    }
}
