import FoundationEssentials
import Synchronization

/// What the threads of a ``ProcessPipeline`` learn about its commands: exit statuses and standard error.
final class PipelineState: Sendable {
    /// Standard error kept per command.
    static let errorLimit = 8192

    /// Per command: the raw status (nil until reaped) and the standard error kept.
    private struct Commands {
        var statuses: [Int32?]
        var errors: [Data]
    }

    private let commands: Mutex<Commands>

    init(count: Int) {
        commands = Mutex(Commands(statuses: Array(repeating: nil, count: count), errors: Array(repeating: Data(), count: count)))
    }

    /// Records the raw `waitpid` status of command `index`.
    func setStatus(_ raw: Int32, at index: Int) {
        commands.withLock { $0.statuses[index] = raw }
    }

    /// Adds standard error of command `index`, keeping only the last ``errorLimit`` bytes.
    func appendError(_ chunk: Data, at index: Int) {
        commands.withLock {
            $0.errors[index].append(chunk)
            if $0.errors[index].count > Self.errorLimit {
                $0.errors[index] = Data($0.errors[index].suffix(Self.errorLimit))
            }
        }
    }

    /// Whether every command has exited and been reaped.
    var allExited: Bool {
        commands.withLock { $0.statuses.allSatisfy { $0 != nil } }
    }

    /// The raw status (0 when not yet known) and standard error text of command `index`.
    func result(at index: Int) -> (Int32, String) {
        commands.withLock { ($0.statuses[index] ?? 0, String(decoding: $0.errors[index], as: UTF8.self)) }
    }
}
