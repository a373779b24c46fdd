/// Who sends a rehearsal's load test: `generator` in `[environments.NAME.rehearsal.load]`.
public enum LoadGenerator: String, Sendable, Equatable, CaseIterable {
    /// wrk when it is on `PATH` and the duration is whole seconds, else touchline's own client (the default).
    case auto
    /// wrk, always: the step fails when it cannot run wrk (not installed, or a fractional duration).
    case wrk
    /// touchline's own HTTP/1.1 client, even when wrk is installed.
    case touchline
}
