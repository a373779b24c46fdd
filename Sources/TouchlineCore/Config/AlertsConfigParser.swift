/// Parses `[environments.NAME.alerts]` into an ``AlertsConfig``: one of `alertmanager` or `prometheus` (an
/// http(s) URL), `matchers` (Alertmanager matcher strings), `interval`, `timeout` (durations) and `bell`.
enum AlertsConfigParser {
    /// The keys the table may hold.
    static let keys = ["alertmanager", "prometheus", "matchers", "interval", "timeout", "bell"]

    /// The parsed table; every problem is a ``ConfigError`` naming the key and its line.
    static func parse(_ table: inout TableReader) throws -> AlertsConfig {
        let alertmanager = try table.string("alertmanager")
        let prometheus = try table.string("prometheus")
        let source: AlertsConfig.Source
        switch (alertmanager, prometheus) {
        case (let url?, nil):
            try check(url, key: "alertmanager", in: table)
            source = .alertmanager(url)
        case (nil, let url?):
            try check(url, key: "prometheus", in: table)
            source = .prometheus(url)
        case (.some, .some):
            throw table.error("prometheus", "give either alertmanager or prometheus, not both (alertmanager is used for silences)")
        case (nil, nil):
            throw table.tableError("missing 'alertmanager' (its URL, e.g. \"http://127.0.0.1:9095\") or 'prometheus' (its URL)")
        }
        var matchers: [AlertMatcher] = []
        for text in try table.strings("matchers") ?? [] {
            switch AlertMatcher.parse(text) {
            case .success(let matcher):
                if matcher.isRegex, (try? Regex(matcher.value)) == nil {
                    throw table.error("matchers", "matcher '\(text)': the regex does not compile")
                }
                matchers.append(matcher)
            case .failure(let problem):
                throw table.error("matchers", problem.message)
            }
        }
        let interval = try table.duration("interval") ?? 5
        let timeout = try table.duration("timeout") ?? min(3, interval)
        let bell = try table.bool("bell") ?? true
        try table.finish(allowed: keys)
        return AlertsConfig(source: source, matchers: matchers, interval: interval, timeout: timeout, bell: bell)
    }

    private static func check(_ url: String, key: String, in table: TableReader) throws {
        guard url.hasPrefix("http://") || url.hasPrefix("https://"), url.count > 8 else {
            throw table.error(key, "expected an http:// or https:// URL, e.g. \"http://127.0.0.1:9095\", found \"\(url)\"")
        }
    }
}
