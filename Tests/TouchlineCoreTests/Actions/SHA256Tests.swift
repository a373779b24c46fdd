import FoundationEssentials
import Testing
@testable import TouchlineCore

@Suite("SHA-256 through libcrypto")
struct SHA256Tests {
    /// FIPS 180-4's long message: one million times 'a'.
    private let millionADigest = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"

    @Test("a million 'a' gives the FIPS 180-4 digest, in one piece and streamed in uneven chunks")
    func millionA() {
        let bytes = [UInt8](repeating: 0x61, count: 1_000_000)
        #expect(SHA256.hex(of: bytes) == millionADigest)
        var streamed = SHA256()
        var offset = 0
        var size = 1
        while offset < bytes.count {   // chunks of 1, 2, 4, ... 65536 bytes, then 65536 at a time: across blocks
            let end = min(bytes.count, offset + size)
            streamed.update(Data(bytes[offset..<end]))
            offset = end
            size = min(size * 2, 65_536)
        }
        #expect(streamed.hexDigest() == millionADigest)
    }

    @Test("a multi-chunk stream gives the known digest; reading the digest midway leaves the stream going")
    func multiChunkStream() {
        // "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq" (FIPS 180-4, 448 bits) fed 7 bytes at a time
        // through a raw buffer, the digest read after every chunk.
        let message = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        var hasher = SHA256()
        var offset = 0
        while offset < message.count {
            let end = min(message.count, offset + 7)
            message[offset..<end].withUnsafeBytes { hasher.update($0) }
            #expect(hasher.hexDigest() == SHA256.hex(of: message[..<end]))
            offset = end
        }
        #expect(hasher.hexDigest() == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // 1 MiB of a repeating 0...255 pattern in 64 KiB chunks: the digest sha256sum prints for the same bytes.
        var pattern = SHA256()
        let chunk = Data((0..<65_536).map { UInt8(truncatingIfNeeded: $0) })
        for _ in 0..<16 { pattern.update(chunk) }
        #expect(pattern.hexDigest() == "fbbab289f7f94b25736c58be46a994c441fd02552cc6022352e3d86d2fab7c83")
    }

    @Test("an empty stream and a sequence without contiguous storage hash as their bytes")
    func emptyAndLazy() {
        #expect(SHA256().hexDigest() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        var lazy = SHA256()
        lazy.update("abc".utf8.lazy.map { $0 })
        #expect(lazy.hexDigest() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
