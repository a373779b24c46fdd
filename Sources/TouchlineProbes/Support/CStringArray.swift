import Glibc

/// Calls `body` with `strings` as a NULL-terminated array of C strings (argv, envp, libpq's keywords and values),
/// copied with `strdup` and freed when `body` returns. The one C string array helper of the program.
public func withCStringArray<Result>(_ strings: [String],
                                     _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> Result) -> Result {
    let pointers = strings.map { strdup($0) } + [nil]
    defer { pointers.forEach { free($0) } }
    return pointers.withUnsafeBufferPointer { buffer in
        // Never empty (it ends with nil), so the base address exists.
        guard let base = buffer.baseAddress else { preconditionFailure("empty C string array") }
        return body(base)
    }
}

/// ``withCStringArray(_:_:)`` for the C APIs that take `const char * const *` (libpq, hiredis).
public func withCStrings<Result>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> Result) -> Result {
    withCStringArray(strings) { array in
        // `char *` and `const char *` have the same layout: only the pointee's mutability differs.
        array.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: strings.count + 1) { body($0) }
    }
}
