import ArgumentParser
import TouchlineCore

/// `touchline terminate-session PID`: the Sessions view's `X` without the dashboard.
struct TerminateSessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terminate-session",
        abstract: "Terminate a PostgreSQL session (pg_terminate_backend): its connection closes, an open transaction rolls back.",
        discussion: SessionSignalOptions.discussion
    )

    @OptionGroup var session: SessionSignalOptions

    func run() throws {
        try session.run(.terminateSession)
    }
}
