extension ProbeMetrics {
    /// What a sample keeps once a newer one is in the window: a prometheus snapshot drops its sub-rows (the
    /// screen and the JSON show the newest sample's; older ones only feed the value history).
    public var retained: ProbeMetrics {
        guard case .prometheus(var snapshot) = self, !snapshot.rows.isEmpty else { return self }
        snapshot.rows = []
        return .prometheus(snapshot)
    }
}
