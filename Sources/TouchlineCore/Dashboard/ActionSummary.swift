/// The line that says how an action ended, in the Output pane and the Events pane, and its outcome word.
public enum ActionSummary {
    /// Words a message may start with after the action's name to say how it ended (`backup failed: …`).
    static let outcomes = ["done", "failed", "cancelled", "refused"]

    /// `ACTION done: MESSAGE` or `ACTION failed: MESSAGE`, never saying twice what the message already says:
    /// a message that starts with the action's own name and an outcome (`backup failed: …`, `backup
    /// cancelled: …`, `restore refused: …`) is the whole line, so a cancel is not called a failure; a message
    /// that starts with an outcome (`refused: staging is locked by …`) follows the action's name (`restart api
    /// refused: …`, never `restart api failed: refused: …`), also after the action's target (`api: cancelled: …`
    /// for `restart api` reads `restart api cancelled: …`); a message starting with the action's target and a
    /// colon (`api: command exited 1` for `restart api`) loses that repeat. `cancelled` and `refused` also lead
    /// without a colon (``CancelText``: `backup cancelled by the operator (c)`).
    public static func line(action: String, ok: Bool, message: String) -> String {
        ended(action: action, ok: ok, message: message).line
    }

    /// The ``line(action:ok:message:)`` and its outcome word: `done`, `failed`, `cancelled` or `refused`.
    public static func ended(action: String, ok: Bool, message: String) -> (line: String, outcome: String) {
        let words = action.split(separator: " ").map(String.init)
        if let verb = words.first, message.hasPrefix(verb + " "), let word = leadingOutcome(message.dropFirst(verb.count + 1)) {
            return (message, word)
        }
        var rest = Substring(message)
        for word in words.dropFirst() where rest.hasPrefix(word + ": ") {
            rest = rest.dropFirst(word.count + 2)
            break
        }
        if let word = leadingOutcome(rest) { return ("\(action) \(rest)", word) }
        let word = ok ? "done" : "failed"
        return ("\(action) \(word): \(rest)", word)
    }

    /// The outcome `text` starts with: any of ``outcomes`` and a colon, or `cancelled`/`refused` and a space.
    private static func leadingOutcome(_ text: Substring) -> String? {
        outcomes.first { text.hasPrefix("\($0): ") } ?? ["cancelled", "refused"].first { text.hasPrefix("\($0) ") }
    }
}
