/// What Prometheus's `/api/v1/query` answered: the series of a successful query, or the error it reported.
public enum PrometheusQueryResult: Sendable, Equatable {
    /// `"status": "success"`: `resultType` (`vector`, `scalar`, `string`, `matrix`) and the series (a scalar is
    /// one series without labels; a string or a matrix carries none: the evaluation reports it).
    case success(resultType: String, series: [PrometheusSeries])
    /// `"status": "error"`: `errorType` (`bad_data`, `execution`, `timeout`, `canceled`, ...) and `error`.
    case error(type: String, message: String)
}
