import ArgumentParser
import TouchlineCore

/// `touchline cancel-query PID`: the Sessions view's `x` without the dashboard.
struct CancelQueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel-query",
        abstract: "Cancel the running query of a PostgreSQL session (pg_cancel_backend); the session stays.",
        discussion: SessionSignalOptions.discussion
    )

    @OptionGroup var session: SessionSignalOptions

    func run() throws {
        try session.run(.cancelQuery)
    }
}
