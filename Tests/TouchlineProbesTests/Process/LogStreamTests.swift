import Foundation
import Glibc
import Synchronization
import Testing
import TouchlineCore
@testable import TouchlineOps

/// Log streams against real files and real processes: a file followed across rotation and truncation, a
/// last line without its newline, binary and megabyte lines, a command that does not exist or exits at
/// once, a command stopped with its whole process group (checked in /proc), and one-shot reads.
@Suite("Log streams")
struct LogStreamTests {
    /// Collects a stream's batches, acknowledging each at once (as the dashboard loop does).
    final class Collector: @unchecked Sendable {
        private let lock = NSLock()
        private var batches: [LogBatch] = []
        var stream: LogStream?

        func add(_ batch: LogBatch) {
            lock.withLock { batches.append(batch) }
            DispatchQueue.global().async { [self] in lock.withLock { stream }?.delivered() }
        }

        var lines: [LogLine] { lock.withLock { batches.flatMap(\.lines) } }
        var texts: [String] { lines.map(\.text) }
        var ended: Bool { lock.withLock { batches.contains(where: \.ended) } }
        var dropped: Int { lock.withLock { batches.map(\.dropped).reduce(0, +) } }
        var cut: Int { lock.withLock { batches.map(\.cut).reduce(0, +) } }

        func start(_ config: LogSourceConfig, startLines: Int = 1000, commandStartLines: Int? = nil) -> LogStream {
            let stream = LogStream(config, stream: 1, environment: ProcessInfo.processInfo.environment, startLines: startLines,
                                   commandStartLines: commandStartLines) { [self] in
                add($0)
            }
            lock.withLock { self.stream = stream }
            return stream
        }

        /// Waits up to `seconds` for `test` to hold over the lines so far.
        func wait(_ seconds: Double = 5, _ test: ([String]) -> Bool) -> Bool {
            let end = Date().addingTimeInterval(seconds)
            while Date() < end {
                if test(texts) { return true }
                usleep(20_000)
            }
            return test(texts)
        }
    }

    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("touchline-logs-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func append(_ text: String, to path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        try handle.close()
    }

    /// Pids whose process group is `group` and that still run (zombies waiting for PID 1 to reap them are
    /// dead), from /proc.
    static func members(of group: pid_t) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { pid_t($0) }.filter { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 3 && pid_t(fields[2]) == group && fields[0] != "Z"
        }
    }

    @Test("a file is followed from its last lines, across rotation (rename + new file) and truncation")
    func rotationAndTruncation() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/app.log"
        try (1...30).map { "old \($0)\n" }.joined().write(toFile: path, atomically: false, encoding: .utf8)
        let collector = Collector()
        let stream = collector.start(LogSourceConfig(service: "app", source: .file(path), workingDirectory: folder), startLines: 5)
        defer { stream.stop() }
        #expect(collector.wait { $0.contains("old 30") })
        #expect(collector.texts.first == "old 26", "starts at the last 5 lines")
        try Self.append("appended 1\n", to: path)
        #expect(collector.wait { $0.contains("appended 1") })
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        try "after rotation\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(collector.wait { $0.contains("after rotation") })
        #expect(collector.texts.contains { $0.contains("was replaced (rotated)") })
        try Self.append("before truncation\n", to: path)
        #expect(collector.wait { $0.contains("before truncation") })
        try "".write(toFile: path, atomically: false, encoding: .utf8)
        usleep(600_000)
        try "after truncation\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(collector.wait { $0.contains("after truncation") })
        #expect(collector.texts.contains { $0.contains("was truncated") })
        try Self.append("no newline at the end", to: path)
        #expect(collector.wait { $0.contains("no newline at the end") }, "a last line without its newline shows after a short quiet")
    }

    @Test("binary bytes and a megabyte line: shown printable, cut to 4 KiB and counted")
    func badBytes() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/bin.log"
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let collector = Collector()
        let stream = collector.start(LogSourceConfig(service: "app", source: .file(path), workingDirectory: folder))
        defer { stream.stop() }
        var bytes = Data([0x00, 0x01, 0xFF, 0xFE, 0x1B, 0x5B, 0x33, 0x31, 0x6D, 0x41, 0x0A])
        bytes.append(Data(repeating: 0x7A, count: 1 << 20))
        bytes.append(Data("\nafter the big one\n".utf8))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        handle.write(bytes)
        try handle.close()
        #expect(collector.wait { $0.contains("after the big one") })
        let texts = collector.texts
        #expect(texts.first == "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}A")
        #expect(texts.contains { $0.count < 4200 && $0.hasSuffix("[cut \((1 << 20) - LogText.lineLimit) bytes]") })
        #expect(collector.cut == 1)
    }

    @Test("a command that does not exist: its error and exit code 127, the stream ended")
    func missingCommand() {
        let collector = Collector()
        let stream = collector.start(LogSourceConfig(service: "x", source: .command(["/nonexistent/journalctl", "-fu", "api"]),
                                                     workingDirectory: "/"))
        #expect(collector.wait { _ in collector.ended })
        #expect(collector.texts.contains("▶ cannot run /nonexistent/journalctl: No such file or directory"))
        #expect(collector.texts.contains { $0.contains("exit code 127") })
        #expect(stream.exitCode == 127)
    }

    @Test("a command that exits at once: its stderr, then its exit code")
    func exitsAtOnce() {
        let collector = Collector()
        let stream = collector.start(LogSourceConfig(service: "x", source: .command(["sh", "-c", "echo 'no such unit' >&2; exit 4"]),
                                                     workingDirectory: "/"))
        #expect(collector.wait { _ in collector.ended })
        #expect(collector.texts == ["no such unit", "▶ the command exited with code 4"])
        #expect(collector.lines.last?.level == .error)
        #expect(stream.exitCode == 4)
    }

    @Test("stop: the command's whole process group ends, one that ignores SIGTERM by SIGKILL; nothing is left in /proc")
    func stopLeavesNothing() throws {
        let collector = Collector()
        let script = "trap '' TERM; sleep 300 & sleep 300 & while :; do echo tick; sleep 0.05; done"
        let stream = collector.start(LogSourceConfig(service: "x", source: .command(["sh", "-c", script]), workingDirectory: "/"))
        #expect(collector.wait { $0.contains("tick") })
        let group = try #require(stream.processGroup)
        #expect(Self.members(of: group).count >= 3, "sh and two sleeps run in the stream's own group")
        #expect(getpgid(group) != getpgid(0), "not touchline's group")
        let started = Date()
        stream.stop(grace: 0.5)
        #expect(Self.members(of: group).isEmpty, "left: \(Self.members(of: group))")
        #expect(Date().timeIntervalSince(started) < 3)
    }

    @Test("a command that exits leaving a child in its group: the child is stopped too (stream and one-shot read)")
    func leftoverChild() throws {
        let duration = "300.\(getpid() % 100_000)"  // a sleep of its own, findable in /proc
        let collector = Collector()
        let stream = collector.start(LogSourceConfig(service: "x", source: .command(["sh", "-c", "sleep \(duration) >/dev/null & echo started"]),
                                                     workingDirectory: "/"))
        #expect(collector.wait(10) { _ in collector.ended })
        let group = try #require(stream.processGroup)
        #expect(Self.members(of: group).isEmpty, "left: \(Self.members(of: group))")
        #expect(Self.sleeping(duration).isEmpty)
        let read = LogTail.read(LogSourceConfig(service: "y", source: .command(["sh", "-c", "sleep \(duration) >/dev/null & echo once"]),
                                                workingDirectory: "/"), lines: 5)
        #expect(read.lines.map(\.text) == ["once"])
        #expect(Self.sleeping(duration).isEmpty, "left running: \(Self.sleeping(duration))")
    }

    /// Running (not zombie) `sleep DURATION` processes.
    static func sleeping(_ duration: String) -> [pid_t] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { pid_t($0) }.filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"),
                  data.split(separator: 0).map({ String(decoding: $0, as: UTF8.self) }) == ["sleep", duration],
                  let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            return stat[stat.index(after: close)...].split(separator: " ").first != "Z"
        }
    }

    @Test("one-shot reads: a file's last N lines; a command's first N lines, then it is stopped; its failure with the code")
    func oneShot() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/a.log"
        try (1...500).map { "row \($0)" }.joined(separator: "\n").write(toFile: path, atomically: false, encoding: .utf8)
        let file = LogTail.read(LogSourceConfig(service: "a", source: .file(path), workingDirectory: folder), lines: 3)
        #expect(file.lines.map(\.text) == ["row 498", "row 499", "row 500"])
        let started = Date()
        let yes = LogTail.read(LogSourceConfig(service: "y", source: .command(["yes", "flood"]), workingDirectory: "/"), lines: 7)
        #expect(yes.lines.count == 7)
        #expect(yes.ok)
        #expect(Date().timeIntervalSince(started) < 2)
        let slow = LogTail.read(LogSourceConfig(service: "s", source: .command(["sh", "-c", "echo one; sleep 30"]), workingDirectory: "/"),
                                lines: 100)
        #expect(slow.lines.map(\.text) == ["one"], "what it gave within 2 s")
        #expect(slow.ok)
        let failed = LogTail.read(LogSourceConfig(service: "f", source: .command(["sh", "-c", "echo gone >&2; exit 2"]), workingDirectory: "/"),
                                  lines: 10)
        #expect(failed.lines.map(\.text) == ["gone"])
        #expect(failed.exitCode == 2)
        #expect(failed.error?.contains("exited with code 2") == true)
        let missing = LogTail.read(LogSourceConfig(service: "m", source: .file(folder + "/none.log"), workingDirectory: folder), lines: 3)
        #expect(missing.error == "cannot open \(folder)/none.log: No such file or directory")
    }

    @Test("with commandStartLines (logs --follow --lines N) a command starts with the last N lines of its first burst, as tail -n N -f, then every line; without (the view) all of it")
    func followedCommandBacklog() {
        let collector = Collector()
        // The backlog in one write (seq's buffered output), so a loaded machine cannot put a 0.2 s quiet inside it.
        let script = "seq -f 'back %g' 1 50; sleep 1; echo new 1; echo new 2; sleep 30"
        let stream = collector.start(LogSourceConfig(service: "x", source: .command(["sh", "-c", script]), workingDirectory: "/"), commandStartLines: 5)
        defer { stream.stop(grace: 0.5) }
        #expect(collector.wait { $0.contains("new 2") })
        #expect(collector.texts == ["▶ 45 earlier lines of the command's first output left out (the last 5 shown)",
                                    "back 46", "back 47", "back 48", "back 49", "back 50", "new 1", "new 2"])
        // A command that keeps printing is held at most 2 s, then its last N lines go out and the rest streams.
        let flood = Collector()
        let started = Date()
        let busy = flood.start(LogSourceConfig(service: "y", source: .command(["python3", "-c", "import itertools, time\nfor i in itertools.count(1):\n    print('line', i, flush=True)\n    time.sleep(0.01)"]),
                                               workingDirectory: "/"), commandStartLines: 3)
        defer { busy.stop(grace: 0.5) }
        #expect(flood.wait { $0.count >= 10 })
        #expect(Date().timeIntervalSince(started) < 4)
        let numbers = flood.texts.compactMap { Int($0.split(separator: " ").last ?? "") }
        // How many were left out depends on when the hold ended (2 s, or a 0.2 s quiet if the machine stalls the
        // printer): the note says it, and the first line shown is the one after them.
        let note = flood.texts.first { $0.hasPrefix("▶ ") && $0.contains("earlier lines") }
        let skipped = note.flatMap { Int($0.dropFirst(2).split(separator: " ").first ?? "") } ?? 0
        #expect(numbers.first == skipped + 1, "the first line after the \(skipped) left out: \(flood.texts.prefix(5))")
        #expect(numbers.count >= 3)
        #expect(numbers == Array((numbers.first ?? 0)..<((numbers.first ?? 0) + numbers.count)), "then every line, none skipped")
        // A command that ends within the hold: its last N lines and its end.
        let short = Collector()
        _ = short.start(LogSourceConfig(service: "z", source: .command(["seq", "1", "20"]), workingDirectory: "/"), commandStartLines: 2)
        #expect(short.wait { _ in short.ended })
        #expect(short.texts == ["▶ 18 earlier lines of the command's first output left out (the last 2 shown)", "19", "20",
                                "▶ the command ended (exit code 0)"])
        // The view holds nothing: every line from the start (the command's own argv sets its backlog).
        let whole = Collector()
        _ = whole.start(LogSourceConfig(service: "w", source: .command(["seq", "1", "20"]), workingDirectory: "/"), startLines: 2)
        #expect(whole.wait { _ in whole.ended })
        #expect(whole.texts == (1...20).map(String.init) + ["▶ the command ended (exit code 0)"])
    }

    @Test("LogBacklog: held from the first line until 0.2 s of quiet or 2 s, then the last N; later lines pass through; nothing held before a first line")
    func backlogClock() {
        let start = ContinuousClock.now
        var backlog = LogBacklog(limit: 2)
        let lines = (1...5).map { LogLine(text: "l\($0)", level: .other) }
        #expect(backlog.add(lines, cut: 1, at: start).lines.isEmpty)
        #expect(backlog.release(at: start.advanced(by: .milliseconds(150))) == nil)
        let out = backlog.release(at: start.advanced(by: .milliseconds(200)))
        #expect(out?.lines.map(\.text) == ["l4", "l5"])
        #expect(out?.cut == 1)
        #expect(backlog.skipped == 3)
        #expect(backlog.add([LogLine(text: "l6", level: .other)], cut: 0).lines.map(\.text) == ["l6"])
        var silent = LogBacklog(limit: 2)
        #expect(silent.release(at: start.advanced(by: .seconds(10))) == nil, "no line yet: a command slow to start is waited for")
        #expect(silent.holding)
        #expect(silent.flush()?.lines == [], "the command ended without a line")
        var busy = LogBacklog(limit: 1)
        for step in 0..<25 { _ = busy.add([LogLine(text: "b\(step)", level: .other)], cut: 0, at: start.advanced(by: .milliseconds(step * 100))) }
        #expect(!busy.holding, "released at 2 s although lines kept coming")
    }

    @Test("a device, a directory or a link to a device as a log file is refused with one line (followed and read); a FIFO is followed and read")
    func nonRegularFiles() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        symlink("/dev/zero", folder + "/zero.log")
        for (path, words) in [("/dev/zero", "is a character device, not a regular file or a FIFO"),
                              ("/dev/urandom", "is a character device, not a regular file or a FIFO"),
                              (folder + "/zero.log", "is a character device, not a regular file or a FIFO"),
                              (folder, "is a directory, not a file")] {
            let collector = Collector()
            let started = Date()
            let stream = collector.start(LogSourceConfig(service: "d", source: .file(path), workingDirectory: folder))
            #expect(collector.wait(3) { _ in collector.ended }, "\(path): the stream ends")
            #expect(collector.texts == ["▶ cannot follow \(path): \(words)"])
            #expect(collector.lines.last?.level == .error)
            #expect(Date().timeIntervalSince(started) < 2)
            stream.stop()
            let once = LogTail.read(LogSourceConfig(service: "d", source: .file(path), workingDirectory: folder), lines: 5)
            #expect(once.error == "cannot read \(path): \(words)")
            #expect(once.lines.isEmpty)
        }
        // Rotation to a device: the path is replaced by a link to /dev/urandom while followed.
        let path = folder + "/app.log"
        try "first\n".write(toFile: path, atomically: false, encoding: .utf8)
        let collector = Collector()
        let stream = collector.start(LogSourceConfig(service: "r", source: .file(path), workingDirectory: folder))
        defer { stream.stop() }
        #expect(collector.wait { $0.contains("first") })
        try FileManager.default.removeItem(atPath: path)
        symlink("/dev/urandom", path)
        #expect(collector.wait(3) { _ in collector.ended })
        #expect(collector.texts.last == "▶ cannot follow \(path): is a character device, not a regular file or a FIFO")
        // A FIFO: followed as its writers write; stopping needs no writer.
        let fifo = folder + "/pipe.log"
        #expect(mkfifo(fifo, 0o600) == 0)
        let piped = Collector()
        let pipeStream = piped.start(LogSourceConfig(service: "p", source: .file(fifo), workingDirectory: folder))
        usleep(300_000)
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "printf 'from the pipe 1\\nfrom the pipe 2\\n' > \"$0\"; sleep 0.5; echo later > \"$0\"", fifo]
        try writer.run()
        #expect(piped.wait { $0.contains("later") })
        #expect(Array(piped.texts.prefix(3)) == ["from the pipe 1", "from the pipe 2", "later"])
        writer.waitUntilExit()
        usleep(400_000)
        #expect(!piped.texts.contains { $0.contains("truncated") }, "a FIFO's size of 0 is not a truncation")
        let stopStarted = Date()
        pipeStream.stop()
        #expect(Date().timeIntervalSince(stopStarted) < 1.5)
        // Read once: what a writer writes within the time; nothing and no hang without one.
        let oneShotWriter = Process()
        oneShotWriter.executableURL = URL(fileURLWithPath: "/bin/sh")
        oneShotWriter.arguments = ["-c", "sleep 0.2; printf 'a\\nb\\nc\\n' > \"$0\"", fifo]
        try oneShotWriter.run()
        let read = LogTail.read(LogSourceConfig(service: "p", source: .file(fifo), workingDirectory: folder), lines: 2)
        #expect(read.lines.map(\.text) == ["a", "b"])
        #expect(read.ok)
        oneShotWriter.waitUntilExit()
        let emptyStarted = Date()
        let empty = LogTail.read(LogSourceConfig(service: "p", source: .file(fifo), workingDirectory: folder), lines: 2, seconds: 0.5)
        #expect(empty.lines.isEmpty && empty.ok)
        #expect(Date().timeIntervalSince(emptyStarted) < 1.5)
    }

    @Test("a log command outlives the thread that started it (the guard's parent-death signal is per thread)")
    func commandOutlivesItsStartingThread() throws {
        let collector = Collector()
        let started = DispatchSemaphore(value: 0)
        let holder = Mutex<LogStream?>(nil)
        let thread = Thread {
            holder.withLock { $0 = collector.start(LogSourceConfig(service: "x", source: .command(["sh", "-c", "while :; do echo tick; sleep 0.1; done"]),
                                                                   workingDirectory: "/")) }
            started.signal()
        }
        thread.start()
        started.wait()
        let stream = try #require(holder.withLock { $0 })
        defer { stream.stop(grace: 0.5) }
        let ended = Date().addingTimeInterval(5)
        while !thread.isFinished && Date() < ended { usleep(10_000) }
        #expect(thread.isFinished)
        usleep(300_000)  // the guard has had its parent-death signal by now
        let count = collector.texts.count
        #expect(collector.wait { $0.count > count }, "still ticking after its thread ended")
        #expect(stream.exitCode == nil)
        let group = try #require(stream.processGroup)
        #expect(Self.members(of: group).count >= 2, "the guard and the command")
    }
}
