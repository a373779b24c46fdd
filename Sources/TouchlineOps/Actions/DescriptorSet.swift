import TouchlineCore
import Glibc

/// Pipes opened for a pipeline, all close-on-exec, closed together when no longer needed.
struct DescriptorSet {
    private var open: [Int32] = []

    /// A new pipe whose ends are close-on-exec (a child gets an end only through an explicit dup2).
    mutating func pipe() throws(ActionFailure) -> (read: Int32, write: Int32) {
        var ends: [Int32] = [-1, -1]
        // pipe2(O_CLOEXEC) is hidden behind _GNU_SOURCE in Swift's Glibc: set the flag right after.
        guard Glibc.pipe(&ends) == 0 else { throw ActionFailure(SystemError.text("pipe")) }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        open.append(contentsOf: ends)
        return (ends[0], ends[1])
    }

    /// Closes every descriptor opened here except `kept`.
    mutating func closeAll(except kept: [Int32]) {
        for fd in open where !kept.contains(fd) { close(fd) }
        open = open.filter { kept.contains($0) }
    }
}
