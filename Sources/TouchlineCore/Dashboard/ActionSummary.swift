/// The line that says how an action ended, in the Output pane and the Events pane.
public enum ActionSummary {
    /// Words a message may start with after the action's name to say how it ended (`backup failed: …`).
    static let outcomes = ["done", "failed", "cancelled", "refused"]

    /// The outcome word of a ``line(action:ok:message:)`` of `action`: `done`, `failed`, `cancelled` or `refused`.
    public static func outcome(of line: String, action: String, ok: Bool) -> String {
        let verb = action.split(separator: " ").first.map(String.init) ?? action
        return outcomes.first { word in
            [action, verb].contains { line.hasPrefix("\($0) \(word): ") || (word != "done" && word != "failed" && line.hasPrefix("\($0) \(word) ")) }
        } ?? (ok ? "done" : "failed")
    }

    /// `ACTION done: MESSAGE` or `ACTION failed: MESSAGE`, never saying twice what the message already says:
    /// a message that starts with the action's own name and an outcome (`backup failed: …`, `backup
    /// cancelled: …`, `restore refused: …`) is the whole line, so a cancel is not called a failure; a message
    /// that starts with an outcome (`refused: staging is locked by …`) follows the action's name (`restart api
    /// refused: …`, never `restart api failed: refused: …`), also after the action's target (`api: cancelled: …`
    /// for `restart api` reads `restart api cancelled: …`); a message starting with the action's target and a
    /// colon (`api: command exited 1` for `restart api`) loses that repeat.
    public static func line(action: String, ok: Bool, message: String) -> String {
        let words = action.split(separator: " ").map(String.init)
        if let verb = words.first, outcomes.contains(where: { message.hasPrefix("\(verb) \($0): ") }) { return message }
        var rest = Substring(message)
        for word in words.dropFirst() where rest.hasPrefix(word + ": ") {
            rest = rest.dropFirst(word.count + 2)
            break
        }
        if outcomes.contains(where: { rest.hasPrefix("\($0): ") }) || rest.hasPrefix("cancelled ") || rest.hasPrefix("refused ") {
            return "\(action) \(rest)"  // `cancelled by the operator (c); …` (CancelText) is its own outcome word too
        }
        return "\(action) \(ok ? "done" : "failed"): \(rest)"
    }
}
