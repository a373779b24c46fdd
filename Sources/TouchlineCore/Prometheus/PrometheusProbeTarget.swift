/// What a `kind = "prometheus"` probe asks Prometheus and how it judges the answer.
///
/// The probe sends `query` as an instant query (`GET {url}/api/v1/query?query=…`) and reads one number per
/// series; ``degraded`` and ``down`` thresholds (inclusive, on the side ``direction`` names) set the status;
/// with ``by`` each value of that label becomes a sub-row and the worst sub-row sets the probe's status.
public struct PrometheusProbeTarget: Sendable, Equatable {
    /// Prometheus's base URL as written (`url`), e.g. `http://127.0.0.1:9090`.
    public var url: String
    /// Host and port of the URL, for messages.
    public var address: HostPort
    /// The PromQL expression (`query`).
    public var query: String
    /// How the value is shown (`unit`); nil: a plain number.
    public var unit: MetricUnit?
    /// The value at which the probe is degraded (`degraded`); nil: never degraded by value.
    public var degraded: Double?
    /// The value at which the probe is down (`down`); nil: never down by value.
    public var down: Double?
    /// Which side of the thresholds is bad (`direction`, default above).
    public var direction: ThresholdDirection
    /// The label whose values become sub-rows (`by`); nil: one value for the probe.
    public var by: String?
    /// What an empty result means (`no_data`): down, degraded (the default) or up.
    public var noData: ProbeStatus

    /// Creates a target.
    public init(url: String, address: HostPort, query: String, unit: MetricUnit? = nil, degraded: Double? = nil,
                down: Double? = nil, direction: ThresholdDirection = .above, by: String? = nil, noData: ProbeStatus = .degraded) {
        self.url = url
        self.address = address
        self.query = query
        self.unit = unit
        self.degraded = degraded
        self.down = down
        self.direction = direction
        self.by = by
        self.noData = noData
    }

    /// The query endpoint: the base URL without a trailing slash, then `/api/v1/query`.
    public var queryURL: String {
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/api/v1/query"
    }

    /// The status `value` leads to under the thresholds, and the threshold it reached (nil when up).
    public func judge(_ value: Double) -> (status: ProbeStatus, threshold: Double?) {
        if let down, direction.breaches(value, down) { return (.down, down) }
        if let degraded, direction.breaches(value, degraded) { return (.degraded, degraded) }
        return (.up, nil)
    }
}
