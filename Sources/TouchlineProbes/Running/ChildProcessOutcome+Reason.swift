import TouchlineCore

extension ChildProcess.Outcome {
    /// Why a command failed, in one line: its timeout, or its exit code with the last two lines it wrote.
    func failureReason(timeout: Double) -> String {
        if timedOut { return "command timed out after \(DurationText.format(timeout))" }
        let tail = (errorOutput + output).split(whereSeparator: \.isNewline).suffix(2).joined(separator: " | ")
        return "command exited \(code)\(tail.isEmpty ? "" : ": \(tail)")"
    }
}

extension ChildProcess {
    /// An output callback that hands the last line of each chunk (at most 120 characters) to `progress`.
    static func lastLines(to progress: @escaping @Sendable (String) -> Void) -> @Sendable (String) -> Void {
        { chunk in
            if let line = chunk.split(whereSeparator: \.isNewline).last { progress(String(line.prefix(120))) }
        }
    }
}
