import Glibc

/// Words for the current `errno`.
enum SystemError {
    /// `what: strerror(errno)`.
    static func text(_ what: String, code: Int32 = errno) -> String {
        "\(what): \(String(cString: strerror(code)))"
    }
}
