/// The line that says how an action ended, in the Output pane and the Events pane.
public enum ActionSummary {
    /// `ACTION done: MESSAGE` or `ACTION failed: MESSAGE`, without saying twice what the message already
    /// says: a message that starts with the action's own word (`backup failed: …`, `restore of X failed …`,
    /// `rehearsal of staging FAILED …`) is the whole line, and a message starting with the action's target
    /// and a colon (`api: command exited 1` for `restart api`) loses that repeat.
    public static func line(action: String, ok: Bool, message: String) -> String {
        let words = action.split(separator: " ").map(String.init)
        if let verb = words.first, message.hasPrefix(verb + " ") || message.hasPrefix(verb + ":") { return message }
        var rest = Substring(message)
        for word in words.dropFirst() where rest.hasPrefix(word + ": ") {
            rest = rest.dropFirst(word.count + 2)
            break
        }
        return "\(action) \(ok ? "done" : "failed"): \(rest)"
    }
}
