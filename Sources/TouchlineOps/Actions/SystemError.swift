import FoundationEssentials
import Glibc

/// Words for the current `errno`.
enum SystemError {
    /// Words for a thrown error: `strerror` of the system error under a file-system error (`No such file or
    /// directory`), else the error as Swift prints it.
    static func text(of error: any Error) -> String {
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        if let cocoa = error as? CocoaError, let posix = cocoa.underlying as? POSIXError {
            return String(cString: strerror(posix.code.rawValue))
        }
        return "\(error)"
    }

    /// `what: strerror(errno)`.
    static func text(_ what: String, code: Int32 = errno) -> String {
        "\(what): \(String(cString: strerror(code)))"
    }
}
