import CCrypto

/// SHA-256 (FIPS 180-4) computed by OpenSSL's libcrypto (an incremental EVP digest), for digests of action
/// output in the audit log and of backup files as they are written.
///
/// Streaming: feed bytes with ``update(_:)`` as they arrive, then read ``hexDigest()`` (as often as needed:
/// it finishes a copy of the context). Not copyable: the value owns one libcrypto context, freed with it.
/// The digest is nil only when libcrypto could not allocate or initialise a context (out of memory, or an
/// OpenSSL configuration whose default provider does not load) or an update failed.
public struct SHA256: ~Copyable, @unchecked Sendable {
    /// The EVP_MD_CTX (nil when libcrypto could not provide one). Owned by this value alone, so sending the
    /// value to another thread moves the context with it.
    private let context: OpaquePointer?
    private var failed = false

    /// Creates an empty hash.
    public init() {
        context = touchline_sha256_context()
    }

    deinit { EVP_MD_CTX_free(context) }

    /// The digest of `bytes` in lowercase hex (64 characters), nil when libcrypto failed.
    public static func hex<Bytes: Sequence>(of bytes: Bytes) -> String? where Bytes.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.hexDigest()
    }

    /// Adds `bytes` to the hashed message (contiguous storage is hashed in place, other sequences copied).
    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        guard let context, !failed else { return }
        let done = bytes.withContiguousStorageIfAvailable { buffer in
            EVP_DigestUpdate(context, buffer.baseAddress, buffer.count) == 1
        }
        if let done {
            failed = !done
        } else {
            let copy = Array(bytes)
            failed = copy.withUnsafeBufferPointer { EVP_DigestUpdate(context, $0.baseAddress, $0.count) != 1 }
        }
    }

    /// Adds the bytes of `buffer` to the hashed message.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        guard let context, !failed else { return }
        failed = EVP_DigestUpdate(context, buffer.baseAddress, buffer.count) != 1
    }

    /// The digest of everything added so far, in lowercase hex (64 characters); the hasher itself is left as
    /// it was. Nil when libcrypto failed.
    public func hexDigest() -> String? {
        guard let context, !failed, let copy = EVP_MD_CTX_new() else { return nil }
        defer { EVP_MD_CTX_free(copy) }
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard EVP_MD_CTX_copy_ex(copy, context) == 1,
              EVP_DigestFinal_ex(copy, &digest, &length) == 1, length == 32 else { return nil }
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(64)
        for byte in digest.prefix(32) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xf)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
