import Foundation
import Testing
@testable import TouchlineCore

@Suite("Alerts JSON and models")
struct AlertsJSONTests {
    @Test("Alertmanager v2 alerts: labels, annotations, state, silencedBy, nanosecond and offset times")
    func alertmanagerAlerts() throws {
        let alerts = try AlertFixtures.alerts()
        #expect(alerts.count == 3)
        let latency = alerts[0]
        #expect(latency.name == "ApiHighLatency")
        #expect(latency.severity == .critical)
        #expect(latency.state == .active)
        #expect(latency.summary == "API p95 latency is over 1 s")
        #expect(latency.description.hasPrefix("The Football Prediction API's"))
        #expect(latency.generatorURL == "http://vm:9090/graph?g0.expr=x")
        #expect(abs(latency.startsAt.timeIntervalSince1970 - 1_796_016_303.585123456) < 0.000_01)
        #expect(latency.counts)
        let silenced = alerts[1]
        #expect(silenced.silenced && silenced.suppressed && !silenced.counts)
        #expect(silenced.muteText == "silenced")
        #expect(silenced.generatorURL == nil)
        let unknown = alerts[2]
        #expect(unknown.severity == .unknown)
        #expect(unknown.startsAt == Date(timeIntervalSince1970: 1_796_015_400)) // 07:10+02:00 = 05:10Z
        #expect(RFC3339.parse("2026-11-30T07:10:00+02:00") == RFC3339.parse("2026-11-30T05:10:00Z"))
    }

    @Test("RFC 3339: fractions, offsets, and what is not a time")
    func rfc3339() {
        #expect(RFC3339.parse("1970-01-01T00:00:00Z") == Date(timeIntervalSince1970: 0))
        #expect(RFC3339.parse("2026-11-30T05:26:40.5Z") == Date(timeIntervalSince1970: 1_796_016_400.5))
        #expect(RFC3339.parse("2026-11-30T06:26:40+01:00") == Date(timeIntervalSince1970: 1_796_016_400))
        for bad in ["", "yesterday", "2026-11-30", "2026-11-30T05:26:40", "2026-13-30T05:26:40Z", "2026-11-30T05:26:40.Z"] {
            #expect(RFC3339.parse(bad) == nil, "\(bad)")
        }
    }

    @Test("silences: matchers in Alertmanager notation, states kept, expired dropped from a poll")
    func silences() throws {
        let silences = try AlertsJSON.silences(AlertFixtures.bytes(AlertFixtures.silences), what: "GET test").get()
        #expect(silences.count == 2)
        #expect(silences[0].active)
        #expect(silences[0].matchersText == #"alertname="DataCollectionSuccessLow", env="staging""#)
        #expect(silences[1].matchers[0].text == #"service=~"api|db""#)
        let poll = AlertFixtures.poll(try AlertFixtures.alerts(), silences: silences)
        #expect(poll.silences.map(\.id) == ["4b7ad24e-88f8-44fd-8cdd-ac161c42921b"])
    }

    @Test("Prometheus /api/v1/alerts: firing and pending, matchers applied locally, pending never counts")
    func prometheus() throws {
        let alerts = try AlertsJSON.prometheusAlerts(AlertFixtures.bytes(AlertFixtures.prometheusAlerts), what: "GET test").get()
        #expect(alerts.count == 3)
        #expect(alerts[0].value == "4.817e+00")
        let poll = AlertFixtures.poll(alerts)
        #expect(poll.alerts.map(\.name) == ["ApiHighLatency", "ApiHighErrorRate"])
        #expect(poll.alerts[1].state == .pending && !poll.alerts[1].counts)
        #expect(AlertsGate.exitCode(poll) == 2)
    }

    @Test("errors: invalid JSON, {\"status\":\"error\"}, Alertmanager's error string, an empty body")
    func errors() {
        let invalid = AlertsJSON.alertmanagerAlerts(AlertFixtures.bytes("<html>oops</html>"), what: "GET http://am/api/v2/alerts")
        #expect(invalid == .failure(AlertSourceError("GET http://am/api/v2/alerts: invalid JSON (expected a JSON array of alerts), body starts: <html>oops</html>")))
        let status = AlertsJSON.alertmanagerAlerts(AlertFixtures.bytes(#"{"status":"error","errorType":"internal","error":"storage down"}"#), what: "GET x")
        #expect(status == .failure(AlertSourceError("GET x: answered error internal: storage down")))
        let prometheus = AlertsJSON.prometheusAlerts(AlertFixtures.bytes(#"{"status":"error","errorType":"unavailable","error":"rule manager stopped"}"#), what: "GET y")
        #expect(prometheus == .failure(AlertSourceError("GET y: Prometheus answered error unavailable: rule manager stopped")))
        #expect(AlertsJSON.errorText(AlertFixtures.bytes(#""silence invalid: at least one matcher must not match the empty string""#))
                == "silence invalid: at least one matcher must not match the empty string")
        #expect(AlertsJSON.errorText(AlertFixtures.bytes(#"{"code":601,"message":"matchers in body is required"}"#)) == "matchers in body is required")
        #expect(AlertsJSON.errorText([]) == "empty body")
    }

    @Test("matchers: the four operators, quotes, label names, anchored regexes, lists")
    func matchers() throws {
        #expect(try AlertMatcher.parse("alertname=ApiHighLatency").get() == AlertMatcher(name: "alertname", value: "ApiHighLatency"))
        #expect(try AlertMatcher.parse(#" service != "a\"b" "#).get() == AlertMatcher(name: "service", value: "a\"b", isEqual: false))
        let regex = try AlertMatcher.parse(#"service=~"api|db""#).get()
        #expect(regex.isRegex && regex.matches(["service": "db"]) && !regex.matches(["service": "dbx"]))
        #expect(try AlertMatcher.parse("env!~stag.*").get().matches(["env": "production"]))
        #expect(AlertMatcher(name: "missing", value: "").matches([:]))
        for bad in ["alertname", "1abc=x", "=x", "a=\"unterminated"] {
            guard case .failure = AlertMatcher.parse(bad) else { Issue.record("\(bad) parsed"); continue }
        }
        let list = try AlertMatcher.parseList(#"alertname="A,B", env="staging""#).get()
        #expect(list.map(\.value) == ["A,B", "staging"])
        #expect(list.map(\.text).joined(separator: ", ") == #"alertname="A,B", env="staging""#)
    }

    @Test("the gate: 0 none, 1 only warnings or unknown, 2 a critical or unreadable; muted and pending do not count")
    func gate() throws {
        let alerts = try AlertFixtures.alerts()
        #expect(AlertsGate.exitCode(AlertFixtures.poll(alerts)) == 2)
        #expect(AlertsGate.exitCode(AlertFixtures.poll(Array(alerts.dropFirst()))) == 1) // unknown counts as a warning
        #expect(AlertsGate.exitCode(AlertFixtures.poll([alerts[1]])) == 0) // silenced
        #expect(AlertsGate.exitCode(AlertFixtures.poll([])) == 0)
        #expect(AlertsGate.exitCode(AlertsPoll(environment: "staging", time: AlertFixtures.now, error: "refused")) == 2)
        #expect(AlertsGate.summary(AlertFixtures.poll(alerts)) == "1 critical, 1 unknown firing (1 silenced or inhibited)")
    }

    @Test("view order: severity, then longest firing; differing labels; identifying matchers leave severity out")
    func order() throws {
        let alerts = AlertFixtures.poll(try AlertFixtures.alerts()).alerts
        #expect(alerts.map(\.name) == ["ApiHighLatency", "DataCollectionSuccessLow", "DiskFilling"])
        #expect(AlertOrder.differingLabels(alerts, fixed: ["env"]) == ["job", "service"])
        #expect(alerts[0].identifyingMatchers.map(\.text) == [#"alertname="ApiHighLatency""#, #"env="staging""#, #"job="football-api""#, #"service="api""#])
    }

    @Test("the [alerts] table: one source, matchers checked, durations, bell; errors name the key")
    func config() throws {
        func parse(_ table: String) throws -> AlertsConfig? {
            let text = "[environments.staging]\n[environments.staging.alerts]\n" + table
            return try ConfigLoader.parse(text, file: "t.toml", baseDirectory: "/tmp", environment: [:]).environments[0].alerts
        }
        let config = try #require(try parse("alertmanager = \"http://127.0.0.1:9095\"\nmatchers = [\"env=staging\"]\ninterval = \"2s\"\nbell = false\n"))
        #expect(config.silencesPossible && config.interval == 2 && config.timeout == 2 && !config.bell)
        #expect(config.matchers == [AlertMatcher(name: "env", value: "staging")])
        #expect(try parse("prometheus = \"http://p:9090/\"")?.baseURL == "http://p:9090")
        let cases: [(String, String)] = [
            ("", "missing 'alertmanager'"),
            ("alertmanager = \"127.0.0.1:9095\"", "expected an http:// or https:// URL"),
            ("alertmanager = \"http://a\"\nprometheus = \"http://b\"", "not both"),
            ("alertmanager = \"http://a:1\"\nmatchers = [\"env\"]", "has no operator"),
            ("alertmanager = \"http://a:1\"\nmatchers = [\"env=~(\"]", "does not compile"),
            ("alertmanager = \"http://a:1\"\nbell = \"no\"", "expected true or false"),
            ("alertmanager = \"http://a:1\"\ncolour = 1", "unknown key 'colour'"),
        ]
        for (table, message) in cases {
            do {
                _ = try parse(table)
                Issue.record("accepted: \(table)")
            } catch let error as ConfigError {
                #expect(error.description.contains(message), "\(error.description)")
                #expect(error.description.contains("t.toml"))
            }
        }
    }

    @Test("the silence spec: POST with the body recorded, no lock, typed name when protected; the expiry's DELETE")
    func specs() throws {
        let config = AlertFixtures.config()
        let spec = SilenceSpec.silence(config, environment: "staging", protected: true,
                                       matchers: [AlertMatcher(name: "alertname", value: "ApiHighLatency")],
                                       startsAt: AlertFixtures.now, seconds: 3600, createdBy: "alice@laptop", comment: "INC-42")
        #expect(spec.kind == .silence && !spec.takesEnvironmentLock && spec.confirmation == .typeEnvironmentName)
        #expect(spec.commands[0][0] == "POST" && spec.commands[0][1] == "http://127.0.0.1:9095/api/v2/silences")
        let body = try #require(AlertsJSON.parseSilenceBody(spec.commands[0][2]))
        #expect(body.endsAt.timeIntervalSince(body.startsAt) == 3600 && body.comment == "INC-42")
        #expect(spec.lines[2].hasPrefix("for 1h, until 2026-11-30T06:26:40Z"))
        let expire = SilenceSpec.expire(config, environment: "staging", protected: false, id: "abc", matchers: "x=\"y\"")
        #expect(expire.kind == .expireSilence && expire.kind.rawValue == "expire-silence" && !expire.takesEnvironmentLock)
        #expect(expire.commands == [["DELETE", "http://127.0.0.1:9095/api/v2/silence/abc"]])
        #expect(SilenceSpec.text(5400) == "1h30m" && SilenceSpec.text(1800) == "30m" && SilenceSpec.text(172_800) == "2d")
        guard case .failure = SilenceSpec.seconds("10s") else { Issue.record("10s accepted"); return }
        // One word "duration", said by the field or option naming it (`--for: '2x' is not a duration …`)
        #expect(SilenceSpec.seconds("2x") == .failure(AlertMatcherError("'2x' is not a duration (e.g. 45m, 3h, 1d)")))
        #expect(SilenceSpec.seconds("31d") == .failure(AlertMatcherError("'31d' is not between 1m and 30d")))
    }
}
