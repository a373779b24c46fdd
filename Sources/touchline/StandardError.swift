import Foundation

/// Writes diagnostics to standard error, unbuffered.
enum StandardError {
    /// Writes `text` and a newline.
    static func write(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
