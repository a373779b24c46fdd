import TouchlineCore

/// Writes diagnostics to standard error, unbuffered.
public enum StandardError {
    /// Writes `text` and a newline; a failed write (the terminal gone, a closed pipe) is ignored, never fatal.
    public static func write(_ text: String) {
        FileDescriptorWriter.write(text + "\n", to: FileDescriptorWriter.standardError)
    }
}
