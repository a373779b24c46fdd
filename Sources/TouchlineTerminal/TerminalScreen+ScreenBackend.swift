import Glibc
import TouchlineUI

extension TerminalScreen: ScreenBackend {
    /// Sleeps in `poll()` on standard input and `wakeDescriptor` for at most `milliseconds`.
    public func waitForInput(milliseconds: Int32, wakeDescriptor: Int32) {
        var descriptors = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0)]
        _ = poll(&descriptors, 2, milliseconds)
    }
}
