/// The former name of ``SecondsText``, the one formatter of measured durations, kept so that code written
/// against it keeps compiling: `LatencyText.format(0.0242)` is `24.2 ms`.
public typealias LatencyText = SecondsText
