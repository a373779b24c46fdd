import Dispatch
import FoundationEssentials
import Synchronization
import TouchlineCore

/// The last lines of a service's log, captured when a restart or rollback failed its health wait, so
/// the reason is in the Output pane and the audit record (`output.log_tail`) when it is needed.
public enum ServiceLogCapture {
    /// Lines captured.
    public static let lineCount = 50

    /// The last ``lineCount`` lines of `service`'s log in `environment` (secrets replaced by `***`), or nil
    /// when it has no `[environments.NAME.logs.SERVICE]`. A source that cannot be read gives its one-line
    /// error as the only line. A command source is read for at most 2 s.
    public static func capture(_ service: String, in environment: EnvironmentConfig,
                               processEnvironment: [String: String]) -> [String]? {
        guard let config = environment.actions.logs[service] else { return nil }
        let result = LogTail.read(config, lines: lineCount, pick: .last, seconds: 2, environment: processEnvironment)
        var lines = result.lines.map(\.text)
        if let error = result.error { lines.append("(\(error))") }
        let secrets = environment.secretValues(in: processEnvironment).filter { $0.count >= 3 }
        return lines.map { line in
            var text = String(line.prefix(OutputDigest.lineLimit * 2))
            for secret in secrets { text = text.replacing(secret, with: "***") }
            return text
        }
    }

    /// Hands `lines` to `progress` under a heading (the Output pane), when there are any.
    public static func show(_ lines: [String]?, service: String, progress: (String) -> Void) {
        guard let lines else { return }
        progress("── last \(lines.count) lines of \(service)'s log ──")
        lines.forEach(progress)
    }
}

extension ServiceLogCapture {
    /// The last `lines` lines of every configured log of `environment`, read side by side (a command for at
    /// most 2 s, or until it has been quiet for half a second after its first lines), services in name order.
    public static func excerpts(of environment: EnvironmentConfig, lines: Int = ServiceLogExcerpt.snapshotLines,
                                processEnvironment: [String: String]) -> [ServiceLogExcerpt] {
        let configs = environment.actions.logs.values.sorted { $0.service < $1.service }
        let secrets = environment.secretValues(in: processEnvironment).filter { $0.count >= 3 }
        let results = ExcerptBox(count: configs.count)
        DispatchQueue.concurrentPerform(iterations: configs.count) { index in
            let config = configs[index]
            let read = LogTail.read(config, lines: lines, pick: .last, seconds: 2, environment: processEnvironment)
            let kept = read.lines.map { line in
                secrets.reduce(line.text) { $0.replacing($1, with: "***") }
            }
            results.set(index, ServiceLogExcerpt(service: config.service, source: config.description, lines: kept, error: read.error))
        }
        return results.values
    }

    /// Excerpts filled in from several threads, one slot each.
    private final class ExcerptBox: Sendable {
        private let slots: Mutex<[ServiceLogExcerpt?]>
        init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }
        func set(_ index: Int, _ value: ServiceLogExcerpt) { slots.withLock { $0[index] = value } }
        var values: [ServiceLogExcerpt] { slots.withLock { $0.compactMap { $0 } } }
    }
}
