import ArgumentParser
import TouchlineApp
import FoundationEssentials
import TouchlineCore
import TouchlineOps
import TouchlineProbes

/// `touchline audit`: the recent records of an environment's append-only audit log, as a table or JSON.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Show the recent operator actions of an environment (its audit log, merged with its shared audit table when it coordinates).",
        discussion: "Newest first; --json prints JSON Lines, one record a line as recorded. Exit codes: 0 listed (this machine's "
            + "log alone when the coordination store cannot be read, said on standard error), 3 configuration or usage error "
            + "(a coordination schema newer than this touchline)."
    )

    @OptionGroup var options: ConfigOptions

    @Option(name: .long, help: "How many records to show (newest first).")
    var limit = 50

    @Flag(name: .long, help: "Print JSON Lines exactly as recorded.")
    var json = false

    func validate() throws {
        if limit <= 0 { throw ValidationError("--limit must be a positive number of records") }
    }

    func run() throws {
        let (_, environment) = options.load(connectingTo: [])
        let merged = AuditMerge.read(environment, limit: limit)
        if let error = merged.sharedError, case .schemaTooNew = error {
            StandardError.write("touchline audit: \(error.description)")
            throw ExitCode(ExitStatus.usage)
        }
        let records = merged.records
        if let problem = merged.localProblem { StandardError.write("touchline audit: \(problem)") }
        if let problem = merged.sharedProblem { StandardError.write("touchline audit: \(problem); showing this machine's log only") }
        var lines: [String] = []
        if json {
            let encoder = ActionJSON.encoder()
            lines = records.compactMap { record in (try? encoder.encode(record)).map { String(decoding: $0, as: UTF8.self) } }
        } else if records.isEmpty {
            lines = ["no actions recorded for \(environment.name) in \(environment.stateDirectory)/audit.jsonl"
                     + (environment.coordination == nil ? "" : " or its coordination store")]
        } else {
            lines = merged.lines
        }
        FileDescriptorWriter.write(lines.joined(separator: "\n") + "\n", to: FileDescriptorWriter.standardOutput)
    }
}
