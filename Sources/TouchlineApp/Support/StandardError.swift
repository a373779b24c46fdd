import FoundationEssentials

/// Writes diagnostics to standard error, unbuffered.
public enum StandardError {
    /// Writes `text` and a newline; a failed write (the terminal gone, a closed pipe) is ignored, never fatal.
    public static func write(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data((text + "\n").utf8))
    }
}
