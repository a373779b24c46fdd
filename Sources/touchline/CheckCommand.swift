import ArgumentParser
import TouchlineApp
import FoundationEssentials
import TouchlineCore
import TouchlineOps
import TouchlineProbes

/// `touchline check`: polls every probe once, concurrently, prints a table or JSON, exits 0/1/2/3.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Poll every probe of an environment once and exit 0 (up), 1 (degraded), 2 (down) or 3 (config error).",
        discussion: "Probes marked optional = true are listed but not counted in the status or the exit code."
    )

    @OptionGroup var options: ConfigOptions

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Check only these probes (comma-separated names, e.g. api,postgres; may be repeated).",
                                            valueName: "NAMES"))
    var probe: [String] = []

    func run() throws {
        // `--probe api --probe postgres` and `--probe api,postgres` select the same probes.
        let names = probe.isEmpty ? nil : probe.flatMap(ProbeSelection.names)
        let (_, full) = options.load(connectingTo: names)
        var environment = full
        if let names {
            switch ProbeSelection.select(names, from: full) {
            case .success(let probes):
                environment.probes = probes
            case .failure(let problem):
                StandardError.write("touchline check: --probe: \(problem.message)")
                throw ExitCode(ExitStatus.usage)
            }
        }
        let samples = OneShotPoller.poll(environment.probes, environment: ProcessInfo.processInfo.environment)
        let report = CheckReport(environment: environment, checkedAt: Date(), samples: samples)
        let text = json ? report.jsonText() : CheckTable.render(report, label: environment.label)
        FileDescriptorWriter.write(text + "\n", to: FileDescriptorWriter.standardOutput)
        throw ExitCode(report.status.exitCode)
    }
}
