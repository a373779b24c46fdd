/// The line printed after `q` when `make demo` opened the dashboard: the stack it brought up keeps
/// running. The Makefile's demo target sets `TOUCHLINE_STACK_STOP` to the command that stops it.
public enum StackReminder {
    /// The environment variable the demo target sets, e.g. `TOUCHLINE_STACK_STOP="make stack-down"`.
    static let variable = "TOUCHLINE_STACK_STOP"

    /// `the local stack keeps running: make stack-down stops it`, or nil outside the demo.
    public static func line(environment: [String: String]) -> String? {
        guard let stop = environment[variable], !stop.isEmpty else { return nil }
        return "the local stack keeps running: \(stop) stops it"
    }
}
