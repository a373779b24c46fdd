/// Says what a cancel did without saying `cancelled` twice: the operator's reason already reads
/// `cancelled by the operator (c)`, so `backup cancelled: cancelled by the operator (c)` becomes
/// `backup cancelled by the operator (c)`.
public enum CancelText {
    /// `SUBJECT cancelled: REASON`, or `SUBJECT REASON` when the reason starts with `cancelled` itself;
    /// without a subject, `cancelled: REASON` or the reason alone.
    public static func phrase(_ subject: String?, reason: String) -> String {
        let lead = subject.map { "\($0) " } ?? ""
        if reason == "cancelled" || reason.hasPrefix("cancelled ") { return lead + reason }
        return lead + "cancelled: \(reason)"
    }
}
