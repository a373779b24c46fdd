import FoundationEssentials
import Synchronization
import TouchlineCore

/// The progress of a running backup on standard error: one line redrawn in place on a terminal;
/// otherwise (a log) one line per phase and every ten seconds.
public final class BackupProgressLine: Sendable {
    private let interactive: Bool
    /// What was shown last, behind one lock.
    private struct Shown {
        var lastPhase: BackupProgress.Phase?
        var lastLine = -Double.infinity
        var drawn = false
    }
    private let shown = Mutex(Shown())

    public init(interactive: Bool) {
        self.interactive = interactive
    }

    public func show(_ progress: BackupProgress) {
        shown.withLock { shown in
            if interactive {
                FileDescriptorWriter.write("\r\u{1B}[K" + progress.text, to: FileDescriptorWriter.standardError)
                shown.drawn = true
            } else if progress.phase != shown.lastPhase || progress.elapsed - shown.lastLine >= 10 {
                StandardError.write(progress.text)
                shown.lastLine = progress.elapsed
            }
            shown.lastPhase = progress.phase
        }
    }

    public func finish() {
        shown.withLock { shown in
            if shown.drawn { FileDescriptorWriter.write("\n", to: FileDescriptorWriter.standardError) }
            shown.drawn = false
        }
    }
}
