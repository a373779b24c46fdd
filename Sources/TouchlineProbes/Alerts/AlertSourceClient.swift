import FoundationEssentials
import TouchlineCore

/// Reads an environment's alert source over one kept-alive libcurl connection: Alertmanager API v2
/// (`GET /api/v2/alerts`, `GET /api/v2/silences`, `GET /api/v2/silence/{id}`, `POST /api/v2/silences`,
/// `DELETE /api/v2/silence/{id}`) or Prometheus `GET /api/v1/alerts`.
///
/// Every request has the config's `timeout` as its deadline (connect to last byte); a poll's two requests
/// share one. Failures are one ``AlertSourceError`` sentence naming the request: unreachable, timed out, an
/// HTTP status other than 200, invalid JSON, or `{"status":"error"}`. Used from one thread at a time.
public final class AlertSourceClient {
    /// The environment's `[alerts]` table.
    public let config: AlertsConfig
    private let client = CurlEasy(CurlEasy.Setup(bodyLimit: 64 * 1024 * 1024))

    /// A client for `config`'s source; nothing is opened until the first request.
    public init(config: AlertsConfig) {
        self.config = config
    }

    /// Closes the kept connection.
    public func close() { client.close() }

    /// Polls the source once for `environment`: its alerts kept by the config's matchers, and (Alertmanager)
    /// its silences, under one deadline of the config's timeout.
    public func poll(environment: String) -> AlertsPoll {
        let started = ContinuousClock.now
        let deadline = Deadline(seconds: config.timeout)
        let alerts: Result<[Alert], AlertSourceError> = config.silencesPossible ? self.alerts(deadline: deadline) : prometheusAlerts(deadline: deadline)
        var silences: [AlertSilence] = []
        var failure: AlertSourceError?
        switch alerts {
        case .failure(let error):
            failure = error
        case .success:
            if config.silencesPossible {
                switch self.silences(deadline: deadline) {
                case .success(let list): silences = list
                case .failure(let error): failure = error
                }
            }
        }
        let seconds = started.duration(to: .now).seconds
        if let failure {
            return AlertsPoll(environment: environment, time: Date(), error: failure.message, seconds: seconds)
        }
        return AlertsPoll.answered(environment: environment, time: Date(), alerts: (try? alerts.get()) ?? [], silences: silences,
                                   matchers: config.matchers, seconds: seconds)
    }

    /// Alertmanager's alerts (active, silenced, inhibited and unprocessed), filtered by the config's matchers
    /// on the server too (`filter=` parameters).
    public func alerts(deadline: Deadline? = nil) -> Result<[Alert], AlertSourceError> {
        let filters = config.matchers.map { "&filter=" + Self.percentEncoded($0.text) }.joined()
        let url = config.baseURL + "/api/v2/alerts?active=true&silenced=true&inhibited=true&unprocessed=true" + filters
        return get(url, deadline: deadline).flatMap { AlertsJSON.alertmanagerAlerts($0, what: "GET \(config.baseURL)/api/v2/alerts") }
    }

    /// Prometheus' alerts (firing and pending); the config's matchers are applied by the caller.
    public func prometheusAlerts(deadline: Deadline? = nil) -> Result<[Alert], AlertSourceError> {
        let url = config.baseURL + "/api/v1/alerts"
        return get(url, deadline: deadline, acceptErrorBody: true).flatMap { AlertsJSON.prometheusAlerts($0, what: "GET \(url)") }
    }

    /// Alertmanager's silences, every state.
    public func silences(deadline: Deadline? = nil) -> Result<[AlertSilence], AlertSourceError> {
        let url = config.baseURL + "/api/v2/silences"
        return get(url, deadline: deadline).flatMap { AlertsJSON.silences($0, what: "GET \(url)") }
    }

    /// One silence by id.
    public func silence(id: String) -> Result<AlertSilence, AlertSourceError> {
        let url = config.baseURL + "/api/v2/silence/" + Self.percentEncoded(id)
        return get(url, deadline: nil).flatMap { AlertsJSON.silence($0, what: "GET \(url)") }
    }

    /// `POST url` with the JSON `body` (a silence); the new silence's id, or why Alertmanager refused it.
    public func post(_ url: String, body: String) -> Result<String, AlertSourceError> {
        send("POST", url, body: Array(body.utf8), deadline: nil).flatMap { AlertsJSON.silenceID($0, what: "POST \(url)") }
    }

    /// `DELETE url` (a silence's expiry).
    public func delete(_ url: String) -> Result<Void, AlertSourceError> {
        send("DELETE", url, body: nil, deadline: nil).map { _ in () }
    }

    private func get(_ url: String, deadline: Deadline?, acceptErrorBody: Bool = false) -> Result<[UInt8], AlertSourceError> {
        send("GET", url, body: nil, deadline: deadline, acceptErrorBody: acceptErrorBody)
    }

    /// One exchange; a status other than 2xx is an error carrying what the body says (Prometheus' error
    /// objects come with 4xx/5xx statuses and are decoded by the caller when `acceptErrorBody`).
    private func send(_ method: String, _ url: String, body: [UInt8]?, deadline: Deadline?,
                      acceptErrorBody: Bool = false) -> Result<[UInt8], AlertSourceError> {
        // Messages name the request without its query (the filters), so the reason stays in view.
        let what = "\(method) \(url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url)"
        let timeout = deadline.map { max(0.001, $0.remainingSeconds) } ?? config.timeout
        guard deadline.map({ !$0.hasPassed }) ?? true else {
            return .failure(AlertSourceError("\(what): timeout after \(DurationText.format(config.timeout))"))
        }
        let address = Self.address(of: url)
        let exchange = client.perform(CurlRequest(url: url, address: address, method: method,
                                                  headers: body == nil ? [] : ["Content-Type: application/json"], body: body,
                                                  timeout: timeout))
        if let failure = exchange.failure {
            let message = failure.deadlineExceeded ? "timeout after \(DurationText.format(config.timeout))" : failure.message
            return .failure(AlertSourceError("\(what): \(message)"))
        }
        guard let response = exchange.response else { return .failure(AlertSourceError("\(what): no response")) }
        guard (200..<300).contains(response.status) else {
            if acceptErrorBody, response.body.first == UInt8(ascii: "{"), case .failure(let error) = AlertsJSON.prometheusAlerts(response.body, what: what),
               error.message.contains("answered error") {
                return .failure(AlertSourceError(error.message + " (HTTP \(response.status))", status: response.status))
            }
            return .failure(AlertSourceError("\(what): HTTP \(response.status): \(AlertsJSON.errorText(response.body))",
                                             status: response.status))
        }
        return .success(response.body)
    }

    /// The host and port of an http(s) URL, for messages and address pinning.
    static func address(of url: String) -> HostPort {
        let secure = url.hasPrefix("https://")
        let rest = url.drop { $0 != "/" }.drop { $0 == "/" }
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        let hostPort = authority.split(separator: "@").last.map(String.init) ?? String(authority)
        if hostPort.hasPrefix("["), let close = hostPort.firstIndex(of: "]") {
            let host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let port = Int(hostPort[close...].dropFirst(2)) ?? (secure ? 443 : 80)
            return HostPort(host: host, port: port)
        }
        let parts = hostPort.split(separator: ":", maxSplits: 1)
        let port = parts.count > 1 ? Int(parts[1]) ?? (secure ? 443 : 80) : (secure ? 443 : 80)
        return HostPort(host: parts.first.map(String.init) ?? "", port: port)
    }

    /// `text` percent-encoded for a query value or a path segment (RFC 3986 unreserved characters kept).
    static func percentEncoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.append(Character(Unicode.Scalar(byte)))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }
}
