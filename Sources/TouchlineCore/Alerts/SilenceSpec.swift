import FoundationEssentials

/// Builds the ``ActionSpec`` of a silence and of a silence's expiry, purely: the one HTTP request each makes
/// is its `commands` (`["POST", URL, body]`, `["DELETE", URL]`), so the dialog shows, the runner sends and the
/// audit log records the same text. Neither takes the environment's lock.
public enum SilenceSpec {
    /// The durations the silence dialog offers before a typed one, in seconds (30m, 1h, 2h, 4h).
    public static let presets: [Double] = [1800, 3600, 7200, 14_400]

    /// The longest silence accepted, in seconds (30 days): a longer one is a config change, not triage.
    public static let longest: Double = 30 * 86_400

    /// The silence of `matchers` from `startsAt` for `seconds`, by `createdBy` with `comment`, posted to
    /// `config`'s Alertmanager; typed-name confirmation when the environment is `protected`.
    public static func silence(_ config: AlertsConfig, environment: String, protected: Bool, matchers: [AlertMatcher],
                               startsAt: Date, seconds: Double, createdBy: String, comment: String) -> ActionSpec {
        let endsAt = startsAt.addingTimeInterval(seconds)
        let url = config.baseURL + "/api/v2/silences"
        let body = AlertsJSON.silenceBody(matchers: matchers, startsAt: startsAt, endsAt: endsAt, createdBy: createdBy, comment: comment)
        let target = matchers.map(\.text).joined(separator: ", ")
        return ActionSpec(kind: .silence, environment: environment, target: target, commands: [["POST", url, body]],
                          lines: ["POST \(url)", "matchers: \(target)",
                                  "for \(text(seconds)), until \(UTCTimestamp.format(endsAt)) · by \(createdBy)",
                                  "comment: \(comment)"],
                          consequence: "Alertmanager stops notifying for the matching alerts until \(UTCTimestamp.format(endsAt)); "
                              + "X on the silence (v lists them) ends it early.",
                          confirmation: protected ? .typeEnvironmentName : .yesNo, timeout: config.timeout)
    }

    /// The expiry of the silence `id` through `config`'s Alertmanager (`DELETE /api/v2/silence/{id}`).
    public static func expire(_ config: AlertsConfig, environment: String, protected: Bool, id: String, matchers: String) -> ActionSpec {
        let url = config.baseURL + "/api/v2/silence/" + id
        return ActionSpec(kind: .expireSilence, environment: environment, target: id, commands: [["DELETE", url]],
                          lines: ["DELETE \(url)", "matchers: \(matchers)"],
                          consequence: "the silence ends now: its alerts notify again while they fire.",
                          confirmation: protected ? .typeEnvironmentName : .yesNo, timeout: config.timeout)
    }

    /// `30m`, `1h`, `4h`, `2d`, `1h30m`: a silence's length in the largest whole unit.
    public static func text(_ seconds: Double) -> String {
        if seconds >= 86_400, seconds.truncatingRemainder(dividingBy: 86_400) == 0 { return "\(Int(clampingFinite: seconds / 86_400))d" }
        if seconds >= 3600, seconds.truncatingRemainder(dividingBy: 3600) == 0 { return "\(Int(clampingFinite: seconds / 3600))h" }
        if seconds > 3600, seconds.truncatingRemainder(dividingBy: 60) == 0 {
            return "\(Int(clampingFinite: seconds / 3600))h\(Int(clampingFinite: seconds.truncatingRemainder(dividingBy: 3600) / 60))m"
        }
        return DurationText.format(seconds)
    }

    /// The seconds of a duration the operator typed (`90m`, `1h30m`, `2d`), or why it is not accepted.
    public static func seconds(_ text: String) -> Result<Double, AlertMatcherError> {
        guard let seconds = DurationText.seconds(text) else {
            return .failure(AlertMatcherError("'\(text)' is not a duration (e.g. 45m, 3h, 1d)"))
        }
        guard seconds >= 60, seconds <= longest else {
            return .failure(AlertMatcherError("'\(text)' is not between 1m and 30d"))
        }
        return .success(seconds)
    }
}
