import FoundationEssentials
import TouchlineCore

/// What the threads of a ``ProcessPipeline`` learn about its commands: exit statuses and standard error.
final class PipelineState: @unchecked Sendable {
    /// Standard error kept per command.
    static let errorLimit = 8192

    private let lock = ConditionVariable()
    private var statuses: [Int32?]
    private var errors: [Data]

    init(count: Int) {
        statuses = Array(repeating: nil, count: count)
        errors = Array(repeating: Data(), count: count)
    }

    /// Records the raw `waitpid` status of command `index`.
    func setStatus(_ raw: Int32, at index: Int) {
        lock.withLock { statuses[index] = raw }
    }

    /// Adds standard error of command `index`, keeping only the last ``errorLimit`` bytes.
    func appendError(_ chunk: Data, at index: Int) {
        lock.withLock {
            errors[index].append(chunk)
            if errors[index].count > Self.errorLimit {
                errors[index] = Data(errors[index].suffix(Self.errorLimit))
            }
        }
    }

    /// Whether every command has exited and been reaped.
    var allExited: Bool {
        lock.withLock { statuses.allSatisfy { $0 != nil } }
    }

    /// The raw status (0 when not yet known) and standard error text of command `index`.
    func result(at index: Int) -> (Int32, String) {
        lock.withLock { (statuses[index] ?? 0, String(decoding: errors[index], as: UTF8.self)) }
    }
}
