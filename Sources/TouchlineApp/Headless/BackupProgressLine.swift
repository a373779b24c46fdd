import Foundation
import TouchlineCore

/// The progress of a running backup on standard error: one line redrawn in place on a terminal;
/// otherwise (a log) one line per phase and every ten seconds.
public final class BackupProgressLine: @unchecked Sendable {
    private let interactive: Bool
    private let lock = NSLock()
    private var lastPhase: BackupProgress.Phase?
    private var lastLine = -Double.infinity
    private var drawn = false

    public init(interactive: Bool) {
        self.interactive = interactive
    }

    public func show(_ progress: BackupProgress) {
        lock.withLock {
            if interactive {
                FileHandle.standardError.write(Data(("\r\u{1B}[K" + progress.text).utf8))
                drawn = true
            } else if progress.phase != lastPhase || progress.elapsed - lastLine >= 10 {
                StandardError.write(progress.text)
                lastLine = progress.elapsed
            }
            lastPhase = progress.phase
        }
    }

    public func finish() {
        lock.withLock {
            if drawn { FileHandle.standardError.write(Data("\n".utf8)) }
            drawn = false
        }
    }
}
