import TouchlineCore

extension ChildProcess.Outcome {
    /// Why a command failed, in one line: cancelled, its timeout, or its exit code with the first error it
    /// printed (a line saying `error:`, `ERROR:` or `FATAL:`, standard error first, with its detail lines),
    /// else the last two lines it wrote.
    func failureReason(timeout: Double, cancellation: CancellationSwitch? = nil) -> String {
        if cancelled { return CancelText.phrase(nil, reason: cancellation?.reason?.text ?? "stopped") }
        if timedOut { return "command timed out after \(DurationText.format(timeout))" }
        let tail = LibpqErrorText.firstError(errorOutput) ?? LibpqErrorText.firstError(output)
            ?? (errorOutput + output).split(whereSeparator: \.isNewline).suffix(2).joined(separator: " | ")
        return "command exited \(code)\(tail.isEmpty ? "" : ": \(tail)")"
    }

    /// The audit digest of everything the command printed (standard output, then standard error).
    func digest(secrets: [String] = []) -> OutputDigest {
        OutputDigest(of: output + errorOutput, secrets: secrets)
    }

    /// The audit outcome of a command that did not succeed: cancelled or failed.
    var failureOutcome: AuditOutcome { cancelled ? .cancelled : .failed }
}

extension ChildProcess {
    /// An output callback that hands every complete line (at most 200 characters) to `line`, keeping a
    /// partial line until its end arrives. Chunks of standard output and standard error share it.
    static func lines(to line: @escaping @Sendable (String) -> Void) -> @Sendable (String) -> Void {
        let splitter = LineSplitter()
        return { chunk in splitter.feed(chunk).forEach { line(String($0.prefix(200))) } }
    }
}
