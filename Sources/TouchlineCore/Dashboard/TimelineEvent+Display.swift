extension TimelineEvent {
    /// The Events pane's text: the message, after `[staging] ` when `tagged` (more than one environment is
    /// configured, so events from before and after a switch stay apart) and the environment is known.
    public func displayText(tagged: Bool) -> String {
        guard tagged, let environment else { return message }
        return "[\(environment)] \(message)"
    }
}
