import FoundationEssentials
import Glibc

/// Words for a system error: `strerror`'s text for an errno or for the POSIX error under a thrown file-system
/// error (what Foundation's `localizedDescription` gave, in the C library's words).
public enum SystemError {
    /// Words for a thrown error: `strerror` of the system error under a file-system error (`No such file or
    /// directory`), else the error as Swift prints it.
    public static func text(of error: any Error) -> String {
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        if let cocoa = error as? CocoaError, let posix = cocoa.underlying as? POSIXError {
            return String(cString: strerror(posix.code.rawValue))
        }
        return "\(error)"
    }

    /// strerror's words for `code` inside a sentence, first letter lowercased (`permission denied`).
    public static func words(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }

    /// `what: strerror(errno)`.
    public static func text(_ what: String, code: Int32 = errno) -> String {
        "\(what): \(String(cString: strerror(code)))"
    }
}
