import FoundationEssentials
import Synchronization

/// Cuts a stream of text chunks into complete lines, holding a partial last line until its end arrives.
final class LineSplitter: Sendable {
    private let partial = Mutex("")

    /// The lines that `chunk` completes; a trailing partial line is kept for the next chunk.
    func feed(_ chunk: String) -> [String] {
        partial.withLock { partial in
            partial += chunk
            var lines = partial.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
            partial = lines.popLast() ?? ""
            if partial.count > 4096 {
                lines.append(partial)
                partial = ""
            }
            return lines.filter { !$0.isEmpty }
        }
    }
}
