import FoundationEssentials

/// Reads and writes the JSON of Alertmanager's API v2 (`/api/v2/alerts`, `/api/v2/silences`, the body and the
/// answer of `POST /api/v2/silences`) and of Prometheus' `/api/v1/alerts`. Pure: bytes in, values or one
/// ``AlertSourceError`` sentence out.
public enum AlertsJSON {
    private struct V2Alert: Decodable {
        struct Status: Decodable {
            var state: String?
            var silencedBy: [String]?
            var inhibitedBy: [String]?
        }
        var fingerprint: String?
        var labels: [String: String]?
        var annotations: [String: String]?
        var startsAt: String?
        var endsAt: String?
        var generatorURL: String?
        var status: Status?
    }

    private struct V2Matcher: Codable {
        var name: String
        var value: String
        var isRegex: Bool
        var isEqual: Bool?
    }

    private struct V2Silence: Decodable {
        struct Status: Decodable { var state: String? }
        var id: String?
        var matchers: [V2Matcher]?
        var startsAt: String?
        var endsAt: String?
        var createdBy: String?
        var comment: String?
        var status: Status?
    }

    private struct V1Alert: Decodable {
        var labels: [String: String]?
        var annotations: [String: String]?
        var state: String?
        var activeAt: String?
        var value: String?
    }

    private struct V1Answer: Decodable {
        struct Data: Decodable { var alerts: [V1Alert]? }
        var status: String?
        var errorType: String?
        var error: String?
        var data: Data?
    }

    private struct StatusOnly: Decodable {
        var status: String?
        var errorType: String?
        var error: String?
        var message: String?
    }

    /// The alerts of an Alertmanager `GET /api/v2/alerts` body (`what` names the request in errors).
    public static func alertmanagerAlerts(_ body: [UInt8], what: String) -> Result<[Alert], AlertSourceError> {
        if let error = statusError(body, what: what) { return .failure(error) }
        let decoded: [V2Alert]
        do {
            decoded = try JSONDecoder().decode([V2Alert].self, from: Data(body))
        } catch {
            return .failure(invalid(body, what: what, expected: "a JSON array of alerts"))
        }
        var alerts: [Alert] = []
        alerts.reserveCapacity(decoded.count)
        for item in decoded {
            let labels = item.labels ?? [:]
            guard let started = item.startsAt.flatMap(RFC3339.parse) else {
                return .failure(AlertSourceError("\(what): alert \(labels["alertname"] ?? "?") has no valid startsAt"))
            }
            alerts.append(Alert(fingerprint: item.fingerprint ?? Alert.fingerprint(of: labels), labels: labels,
                                annotations: item.annotations ?? [:], state: AlertState(word: item.status?.state ?? "active"),
                                startsAt: started, endsAt: item.endsAt.flatMap(RFC3339.parse),
                                generatorURL: item.generatorURL.flatMap { $0.isEmpty ? nil : $0 },
                                silencedBy: item.status?.silencedBy ?? [], inhibitedBy: item.status?.inhibitedBy ?? []))
        }
        return .success(alerts)
    }

    /// The silences of an Alertmanager `GET /api/v2/silences` body (every state: active, pending, expired).
    public static func silences(_ body: [UInt8], what: String) -> Result<[AlertSilence], AlertSourceError> {
        if let error = statusError(body, what: what) { return .failure(error) }
        let decoded: [V2Silence]
        do {
            decoded = try JSONDecoder().decode([V2Silence].self, from: Data(body))
        } catch {
            return .failure(invalid(body, what: what, expected: "a JSON array of silences"))
        }
        return .success(decoded.compactMap(silence))
    }

    /// One silence of a `GET /api/v2/silence/{id}` body.
    public static func silence(_ body: [UInt8], what: String) -> Result<AlertSilence, AlertSourceError> {
        if let error = statusError(body, what: what) { return .failure(error) }
        guard let decoded = try? JSONDecoder().decode(V2Silence.self, from: Data(body)), let silence = silence(decoded) else {
            return .failure(invalid(body, what: what, expected: "a JSON silence"))
        }
        return .success(silence)
    }

    private static func silence(_ item: V2Silence) -> AlertSilence? {
        guard let id = item.id, let starts = item.startsAt.flatMap(RFC3339.parse), let ends = item.endsAt.flatMap(RFC3339.parse) else {
            return nil
        }
        let matchers = (item.matchers ?? []).map {
            AlertMatcher(name: $0.name, value: $0.value, isRegex: $0.isRegex, isEqual: $0.isEqual ?? true)
        }
        return AlertSilence(id: id, matchers: matchers, startsAt: starts, endsAt: ends, createdBy: item.createdBy ?? "",
                            comment: item.comment ?? "", state: item.status?.state ?? "active")
    }

    /// The alerts of a Prometheus `GET /api/v1/alerts` body: firing and pending.
    public static func prometheusAlerts(_ body: [UInt8], what: String) -> Result<[Alert], AlertSourceError> {
        let answer: V1Answer
        do {
            answer = try JSONDecoder().decode(V1Answer.self, from: Data(body))
        } catch {
            return .failure(invalid(body, what: what, expected: "a Prometheus API object"))
        }
        if answer.status == "error" {
            return .failure(AlertSourceError("\(what): Prometheus answered error \(answer.errorType ?? "?"): \(answer.error ?? "no reason given")"))
        }
        guard answer.status == "success", let items = answer.data?.alerts else {
            return .failure(invalid(body, what: what, expected: "{\"status\":\"success\",\"data\":{\"alerts\":[…]}}"))
        }
        var alerts: [Alert] = []
        for item in items {
            let labels = item.labels ?? [:]
            guard let started = item.activeAt.flatMap(RFC3339.parse) else {
                return .failure(AlertSourceError("\(what): alert \(labels["alertname"] ?? "?") has no valid activeAt"))
            }
            alerts.append(Alert(fingerprint: Alert.fingerprint(of: labels), labels: labels, annotations: item.annotations ?? [:],
                                state: AlertState(word: item.state ?? "firing"), startsAt: started, value: item.value))
        }
        return .success(alerts)
    }

    /// The body of `POST /api/v2/silences`: `matchers`, `startsAt`, `endsAt`, `createdBy`, `comment` (and `id`
    /// when an existing silence is updated), keys sorted so the audit log records a stable text.
    public static func silenceBody(matchers: [AlertMatcher], startsAt: Date, endsAt: Date, createdBy: String, comment: String) -> String {
        let object: JSONValue = .object([
            "matchers": .array(matchers.map {
                .object(["name": .string($0.name), "value": .string($0.value), "isRegex": .bool($0.isRegex), "isEqual": .bool($0.isEqual)])
            }),
            "startsAt": .string(UTCTimestamp.format(startsAt, milliseconds: true)),
            "endsAt": .string(UTCTimestamp.format(endsAt, milliseconds: true)),
            "createdBy": .string(createdBy),
            "comment": .string(comment),
        ])
        let encoder = JSONOutput.encoder()
        return (try? encoder.encode(object)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// The matchers, comment and window of a ``silenceBody(matchers:startsAt:endsAt:createdBy:comment:)`` text.
    public static func parseSilenceBody(_ text: String) -> (matchers: [AlertMatcher], startsAt: Date, endsAt: Date, comment: String)? {
        struct Body: Decodable {
            var matchers: [V2Matcher]
            var startsAt: String
            var endsAt: String
            var comment: String
        }
        guard let body = try? JSONDecoder().decode(Body.self, from: Data(text.utf8)),
              let starts = RFC3339.parse(body.startsAt), let ends = RFC3339.parse(body.endsAt) else { return nil }
        return (body.matchers.map { AlertMatcher(name: $0.name, value: $0.value, isRegex: $0.isRegex, isEqual: $0.isEqual ?? true) },
                starts, ends, body.comment)
    }

    /// The `silenceID` of a `POST /api/v2/silences` answer.
    public static func silenceID(_ body: [UInt8], what: String) -> Result<String, AlertSourceError> {
        struct Answer: Decodable { var silenceID: String? }
        guard let answer = try? JSONDecoder().decode(Answer.self, from: Data(body)), let id = answer.silenceID, !id.isEmpty else {
            return .failure(invalid(body, what: what, expected: "{\"silenceID\":…}"))
        }
        return .success(id)
    }

    /// What an error answer says: Alertmanager's JSON string (`"silence invalid: …"`), its `{"message":…}`,
    /// Prometheus' `{"error":…}`, or the body's first line.
    public static func errorText(_ body: [UInt8]) -> String {
        let data = Data(body)
        if let text = try? JSONDecoder().decode(String.self, from: data) { return oneLine(text) }
        if let object = try? JSONDecoder().decode(StatusOnly.self, from: data) {
            if let error = object.error { return oneLine([object.errorType, error].compactMap { $0 }.joined(separator: ": ")) }
            if let message = object.message { return oneLine(message) }
        }
        let text = String(decoding: body.prefix(300), as: UTF8.self)
        return oneLine(text.isEmpty ? "empty body" : text)
    }

    /// An object body with `"status":"error"` (the v1 API's error shape), as an error; nil otherwise.
    private static func statusError(_ body: [UInt8], what: String) -> AlertSourceError? {
        guard body.first(where: { $0 != 32 && $0 != 10 && $0 != 13 && $0 != 9 }) == UInt8(ascii: "{"),
              let object = try? JSONDecoder().decode(StatusOnly.self, from: Data(body)), object.status == "error" else { return nil }
        return AlertSourceError("\(what): answered error \(object.errorType ?? "?"): \(object.error ?? object.message ?? "no reason given")")
    }

    private static func invalid(_ body: [UInt8], what: String, expected: String) -> AlertSourceError {
        let start = oneLine(String(decoding: body.prefix(60), as: UTF8.self))
        return AlertSourceError("\(what): invalid JSON (expected \(expected)), body starts: \(start.isEmpty ? "(empty)" : start)")
    }

    private static func oneLine(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).map { $0.trimming(charactersIn: " \t") }.joined(separator: " ")
        return line.count > 200 ? String(line.prefix(200)) + "…" : line
    }
}
