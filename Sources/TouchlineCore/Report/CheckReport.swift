import FoundationEssentials

/// The result of `touchline check`: one environment polled once, as a table or JSON.
public struct CheckReport: Sendable {
    public var environment: String
    public var checkedAt: Date
    public var samples: [ProbeSample]
    public var kinds: [String: ProbeKind]
    /// The names of the probes marked `optional = true`: listed, but not counted in ``status``.
    public var optional: Set<String>

    /// Creates a report from the samples of one poll of `environment`.
    public init(environment: EnvironmentConfig, checkedAt: Date, samples: [ProbeSample]) {
        self.environment = environment.name
        self.checkedAt = checkedAt
        self.samples = samples
        kinds = Dictionary(uniqueKeysWithValues: environment.probes.map { ($0.name, $0.kind) })
        optional = Set(environment.probes.filter(\.optional).map(\.name))
    }

    /// The environment's overall status: the worst of the probes not marked `optional` (`unknown` when
    /// every polled probe is optional). This is the exit code's source.
    public var status: ProbeStatus {
        ProbeStatus.worst(of: samples.filter { !optional.contains($0.probe) }.map(\.status))
    }

    /// The optional probes that are down, in poll order (listed apart from the verdict).
    public var optionalDown: [String] {
        samples.filter { optional.contains($0.probe) && $0.status == .down }.map(\.probe)
    }

    /// The JSON document of `touchline check --json`. A probe that ran out of its deadline has
    /// `latency_ms` = its timeout and `latency_is_lower_bound: true` (it took at least that long).
    public func json() -> JSONValue {
        let probes: [JSONValue] = samples.map { sample in
            .object(PrometheusSummary.checkFields(sample.metrics).merging([
                "name": .string(sample.probe),
                "kind": .string(kinds[sample.probe]?.rawValue),
                "optional": .bool(optional.contains(sample.probe)),
                "status": .string(sample.status.rawValue),
                "latency_ms": .number(sample.latency.map { ($0 * 1000 * 1000).rounded() / 1000 }),
                "latency_is_lower_bound": .bool(sample.timedOut),
                "error": .string(sample.error),
                "version": .string(sample.version),
                "metrics": .object(MetricsJSON.object(for: sample.metrics)),
            ]) { $1 })
        }
        return .object([
            "environment": .string(environment),
            "status": .string(status.rawValue),
            "optional_down": .array(optionalDown.map { .string($0) }),
            "checked_at": .string(UTCTimestamp.format(checkedAt)),
            "probes": .array(probes),
        ])
    }

    /// The JSON text, keys sorted so that output is stable.
    public func jsonText() -> String {
        let encoder = JSONOutput.encoder()
        guard let data = try? encoder.encode(json()), let text = String(data: data, encoding: .utf8) else { return "{}" }
        return text
    }
}
