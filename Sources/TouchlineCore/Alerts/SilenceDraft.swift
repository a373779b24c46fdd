/// The silence dialog (`x` on an alert): the matchers (prefilled from the alert's identifying labels,
/// editable), the duration (30m, 1h, 2h, 4h, or typed), the required comment and, in a protected environment,
/// the environment's name typed; then the state of its submission.
public struct SilenceDraft: Sendable, Equatable {
    /// The fields, in Tab order.
    public enum Field: Int, Sendable, Equatable, CaseIterable {
        case matchers, duration, comment, name
    }

    /// The environment the silence is for.
    public var environment: String
    /// The alert it was opened on (`alertname`).
    public var alertName: String
    /// The matchers as editable text, comma-separated (`alertname="ApiHighLatency", service="api"`).
    public var matchers: String
    /// The chosen preset (index into ``SilenceSpec/presets``), or nil when the duration is typed.
    public var preset: Int? = 1
    /// The typed duration (used when ``preset`` is nil).
    public var typedDuration = ""
    /// Why (required).
    public var comment = ""
    /// Whether the environment's name must be typed (protected).
    public var requiresTypedName: Bool
    /// The typed environment name.
    public var typedName = ""
    /// The field with the cursor.
    public var focus: Field = .comment
    /// Why the last submission was not accepted (by the dialog's checks or by Alertmanager).
    public var error: String?
    /// Whether it was sent and its answer is awaited.
    public var submitting = false
    /// The Alerts view to go back to.
    public var returnView: AlertsView

    /// A draft for `alert` in `environment`.
    public init(alert: Alert, environment: String, protected: Bool, returnView: AlertsView) {
        self.environment = environment
        alertName = alert.name
        matchers = alert.identifyingMatchers.map(\.text).joined(separator: ", ")
        requiresTypedName = protected
        self.returnView = returnView
    }

    /// The fields shown, in Tab order (the name only when it must be typed).
    public var fields: [Field] { requiresTypedName ? Field.allCases : [.matchers, .duration, .comment] }

    /// The duration as shown: a preset's text or what was typed.
    public var durationText: String {
        if let preset, SilenceSpec.presets.indices.contains(preset) { return SilenceSpec.text(SilenceSpec.presets[preset]) }
        return typedDuration
    }

    /// The matchers, the duration in seconds and the comment when every field is acceptable, else the first problem.
    public func validated() -> Result<(matchers: [AlertMatcher], seconds: Double, comment: String), AlertMatcherError> {
        let parsed: [AlertMatcher]
        switch AlertMatcher.parseList(matchers) {
        case .success(let list): parsed = list
        case .failure(let error): return .failure(error)
        }
        let seconds: Double
        switch SilenceSpec.seconds(durationText) {
        case .success(let value): seconds = value
        case .failure(let error): return .failure(AlertMatcherError("duration: \(error.message)"))
        }
        let reason = comment.trimming(charactersIn: " \t")
        guard !reason.isEmpty else { return .failure(AlertMatcherError("a comment is required: say why (e.g. the ticket)")) }
        if requiresTypedName && typedName != environment {
            return .failure(AlertMatcherError("type \(environment) to confirm"))
        }
        return .success((parsed, seconds, reason))
    }
}
