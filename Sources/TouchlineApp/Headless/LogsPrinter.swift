import Dispatch
import FoundationEssentials
import Glibc
import Synchronization
import TouchlineCore
import TouchlineOps

/// `touchline logs SERVICE`: prints a service's log to standard output. Without `--follow`, a file's last
/// `lines` lines, or the first `lines` lines a command prints (or what it printed within 2 s), after which
/// the command is stopped; with `--follow`, the stream until Ctrl-C (a command's process group is then
/// stopped) or until the command ends, from the last `lines` of a file or of a command's first burst. Exit codes: 0 read, 1 the source could not be read or the command
/// failed, 3 usage (an unknown service).
public enum LogsPrinter {
    /// Runs the command; returns its exit code.
    public static func run(service: String, environment: EnvironmentConfig, follow: Bool, lines: Int) -> Int32 {
        guard let config = environment.actions.logs[service] else {
            let known = environment.actions.logs.keys.sorted()
            StandardError.write("touchline logs: no log configured for '\(service)' in \(environment.name) ("
                                + (known.isEmpty ? "add [environments.\(environment.name).logs.\(service)] with command or file"
                                   : "configured: \(known.joined(separator: ", "))") + ")")
            return ExitStatus.usage
        }
        signal(SIGPIPE, SIG_IGN)
        if follow { return stream(config, lines: lines) }
        let result = LogTail.read(config, lines: lines, pick: .first, seconds: 2)
        write(result.lines.map(\.text))
        if result.cut > 0 { StandardError.write("touchline logs: " + CountText.format(result.cut, "line") + " longer than \(LogText.lineLimit) bytes " + (result.cut == 1 ? "was" : "were") + " cut") }
        if let error = result.error {
            StandardError.write("touchline logs: \(service): \(error)")
            return ExitStatus.failed
        }
        return ExitStatus.ok
    }

    /// Follows the source until a signal or the command's end.
    private static func stream(_ config: LogSourceConfig, lines: Int) -> Int32 {
        let ended = DispatchSemaphore(value: 0)
        let failed = Mutex(false)
        let stream = LogStream(config, stream: 1, environment: ProcessInfo.processInfo.environment, startLines: lines, commandStartLines: lines,
                               taken: true) { batch in
            write(batch.lines.filter { !$0.notice }.map(\.text))
            for note in batch.lines where note.notice {
                StandardError.write("touchline logs: \(note.text.dropFirst(2))")
                if note.level == .error { failed.withLock { $0 = true } }
            }
            if batch.dropped > 0 { StandardError.write("touchline logs: " + CountText.format(batch.dropped, "line") + " dropped (output too slow)") }
            if batch.ended { ended.signal() }
        }
        let signals = SignalCancellation { _ in ended.signal() }
        ended.wait()
        signals.stop()
        stream.stop()
        if let code = stream.exitCode { return code == 0 ? ExitStatus.ok : ExitStatus.failed }
        return failed.withLock { $0 } ? ExitStatus.failed : ExitStatus.ok
    }

    private static func write(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        let text = lines.joined(separator: "\n") + "\n"
        let data = Array(text.utf8)
        var offset = 0
        while offset < data.count {
            let written = data.withUnsafeBytes { bytes -> Int in
                guard let base = bytes.baseAddress else { return 0 }
                return Glibc.write(1, base + offset, bytes.count - offset)
            }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }
}
