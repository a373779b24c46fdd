/// The footer's answer to keys that would otherwise do nothing visible (`t`, `r`, a digit, an action key
/// while another action runs): every key answers.
public enum KeyFeedback {
    /// The keys that start an action, refused while one runs (one action at a time).
    static let actionKeys: Set<KeyAction> = [.backup, .restart, .rollback, .rehearse, .restore]

    /// `a rehearsal is running: b waits for it` when `action` starts an action and `running` is one.
    /// - Parameter key: the label of the key pressed, e.g. `b`.
    public static func busy(_ action: KeyAction, key: String, running: RunningAction?) -> String? {
        guard let running, actionKeys.contains(action) else { return nil }
        let name = running.action.split(separator: " ").first.map(String.init) ?? running.action
        let article = name.first.map { "aeiou".contains($0) } == true ? "an" : "a"
        return "\(article) \(name) is running: \(key) waits for it"
    }

    /// `polled 7 probes` for `r`, or `paused: r polls when resumed` while paused.
    public static func refresh(probes: Int, paused: Bool, key: String) -> String {
        paused ? "paused: \(key) polls when resumed" : "polled \(CountText.format(probes, "probe"))"
    }

    /// `? does nothing in the Backups view` for a key a view does not use (the footer lists the ones it does).
    public static func unused(_ key: String, in view: String) -> String {
        "\(key) does nothing in the \(view)"
    }

    /// `no environment 3` for a digit past the configured environments, with how many there are.
    public static func noEnvironment(_ number: Int, configured: Int) -> String {
        "no environment \(number) (\(configured) configured: 1\(configured > 1 ? "-\(configured)" : ""))"
    }
}
