import Foundation
import Glibc
import Testing
@testable import TouchlineOps

/// Children get their three standard descriptors and nothing else of touchline's: with 60 descriptors open
/// in the parent (as in a dashboard with many probe sockets), a child spawned by ``ChildProcess`` sees 0, 1
/// and 2 only. An inherited descriptor pushed wrk's sockets past its event loop's size, so every connection
/// of the rehearsal's load step counted as a connect error.
@Suite("Spawned children inherit no descriptors")
struct InheritedDescriptorTests {
    @Test("with 60 descriptors open without FD_CLOEXEC, the child's /proc/self/fd lists 0, 1, 2")
    func onlyStandardDescriptors() {
        let opened = (0..<60).map { _ in open("/dev/null", O_RDONLY) }
        defer { opened.forEach { _ = close($0) } }
        #expect(opened.allSatisfy { $0 >= 0 })
        let outcome = ChildProcess.run(["/bin/sh", "-c", "ls /proc/$$/fd"], timeout: 5)
        let descriptors = outcome.output.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }.sorted()
        #expect(descriptors == [0, 1, 2], "\(outcome.output)")
    }
}
