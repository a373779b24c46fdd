import ArgumentParser
import TouchlineApp
import FoundationEssentials
import Glibc
import TouchlineCore

/// Runs the command line and maps every failure to touchline's exit codes (3: configuration or usage).
@main
enum Entry {
    static func main() {
        _ = LaunchClock.launched
        if Array(CommandLine.arguments.dropFirst()) == ["--version"] {
            print(TouchlineVersion.line(revision: BuildRevision.current()))
            Glibc.exit(0)
        }
        do {
            var command = try Touchline.parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Glibc.exit(exit.rawValue)
        } catch {
            let code = Touchline.exitCode(for: error)
            if code == .success {
                print(Touchline.fullMessage(for: error))
                Glibc.exit(0)
            }
            let arguments = Array(CommandLine.arguments.dropFirst())
            StandardError.write(UsageErrorLine.line(message: Touchline.message(for: error), arguments: arguments))
            Glibc.exit(ExitStatus.usage)
        }
    }
}
