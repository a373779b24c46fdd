import TouchlineCore

/// The Redis pane: memory against its limit, RSS and fragmentation, clients, load, persistence and role.
enum RedisPane {
    /// Draws the pane into `rect`.
    static func draw(_ state: DashboardState, in rect: Rect, focused: Bool, into buffer: inout CellBuffer) {
        MetricsPane.draw(.redis, probe: state.redisProbe, kind: .redis, state: state, in: rect, focused: focused,
                         into: &buffer) { metrics in
            guard case .redis(let snapshot) = metrics else { return nil }
            return Self.lines(snapshot)
        }
    }

    /// The pane's lines for a snapshot, most important first.
    static func lines(_ redis: RedisSnapshot) -> [MetricLine] {
        var lines: [MetricLine] = [memoryBar(redis)]
        var usage = [Field(label: "rss", ByteText.format(redis.usedMemoryRSS), .text),
                     Field(label: "frag", fragmentation(redis.fragmentationRatio), redis.fragmentationIsHigh ? .warn : .text)]
        if redis.fragmentationIsHigh {
            usage.append(Field([Span("▲ high: \(ByteText.format(redis.fragmentationBytes)) wasted", .warn)]))
        }
        if !redis.maxmemoryPolicy.isEmpty { usage.append(Field(label: "policy", redis.maxmemoryPolicy, .text)) }
        lines.append(.fields(label: "Usage", usage, wraps: false))
        lines.append(.fields(label: "Clients", [
            Field(Format.count(redis.connectedClients), .text, unit: CountText.noun(redis.connectedClients, "client")),
            Field(Format.count(redis.blockedClients), redis.blockedClients > 0 ? .warn : .text, unit: "blocked")
                .optional(when: redis.blockedClients == 0),
            Field(Format.count(redis.rejectedConnections), redis.rejectedConnections > 0 ? .warn : .text, unit: "rejected")
                .optional(when: redis.rejectedConnections == 0),
        ], wraps: false))
        lines.append(.fields(label: "Load", [
            Field(Format.count(redis.opsPerSec), .text, unit: "ops/s"),
            Field(label: "hit", redis.hitRatio.map { Format.percent($0) } ?? "—", redis.hitRatio == nil ? .dim : .text),
            Field(redis.evictedPerSec.map(Format.rate) ?? "—", (redis.evictedPerSec ?? 0) > 0 ? .warn : (redis.evictedPerSec == nil ? .dim : .text),
                  unit: "evicted/s"),
            Field(redis.expiredPerSec.map(Format.rate) ?? "—", redis.expiredPerSec == nil ? .dim : .text, unit: "expired/s"),
        ], wraps: false))
        var persistence = [Field(label: "rdb", redis.rdbLastBgsaveStatus, persistenceRole(redis.rdbLastBgsaveStatus)),
                           Field(Format.count(redis.rdbChangesSinceLastSave), .text, unit: "unsaved")]
        if redis.aofEnabled {
            persistence.append(Field(label: "aof", redis.aofLastWriteStatus, persistenceRole(redis.aofLastWriteStatus)))
        } else {
            persistence.append(Field(label: "aof", "off", .dim))
        }
        lines.append(.fields(label: "Persistence", persistence, wraps: false))
        var server = [Field(label: "role", redis.role, .text)]
        if redis.loading || redis.asyncLoading {
            let percent = redis.loadingLoadedPerc.map { "\(Int(clampingFinite: $0.rounded(.down)))%" } ?? "…"
            server.append(Field(label: redis.loading ? "loading" : "async loading", percent, redis.loading ? .critical : .warn))
        }
        if let link = redis.masterLinkStatus {
            server.append(Field(label: "link", link, link == "up" ? .ok : .critical))
        }
        server.append(Field(label: "Redis", redis.version, .text))
        server.append(Field(label: "up", Format.uptime(Double(redis.uptimeSeconds)), .text))
        lines.append(.fields(label: "Server", server, wraps: false))
        return lines
    }

    /// Used memory against `maxmemory`, or against the peak when there is no limit or it is unknown.
    private static func memoryBar(_ redis: RedisSnapshot) -> MetricLine {
        if let maxmemory = redis.maxmemory, maxmemory > 0 {
            let used = Double(redis.usedMemory) / Double(maxmemory)
            let fill = Bar.fillRole(fraction: used, warnAt: 0.8, criticalAt: 0.95)
            return .bar(label: "Memory", shortLabel: "mem", fraction: used, fillRole: fill, trailing: [
                Span(ByteText.format(redis.usedMemory), fill == .barFill ? .text : fill),
                Span(" / " + ByteText.format(maxmemory) + " " + Format.percent(used, digits: 0), .dim),
            ])
        }
        let peak = max(redis.usedMemoryPeak, redis.usedMemory)
        let used = peak > 0 ? Double(redis.usedMemory) / Double(peak) : 0
        return .bar(label: "Memory", shortLabel: "mem", fraction: used, fillRole: .barFill, trailing: [
            Span(ByteText.format(redis.usedMemory), .text),
            Span(" / peak " + ByteText.format(peak) + (redis.maxmemory == nil ? ", limit unknown" : ", no limit"), .dim),
        ])
    }

    /// The ratio with two decimals, without Foundation formatting.
    private static func fragmentation(_ ratio: Double) -> String {
        guard ratio.isFinite, ratio.magnitude < 1e15 else { return ratio.isNaN ? "—" : DecimalText.scientific(ratio, digits: 1) }
        let hundredths = Int((ratio * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100)." + (fraction < 10 ? "0\(fraction)" : "\(fraction)")
    }

    /// `ok` for "ok", `dim` for "unknown", `critical` for anything else ("err").
    private static func persistenceRole(_ status: String) -> StyleRole {
        switch status {
        case "ok": return .ok
        case "unknown": return .dim
        default: return .critical
        }
    }
}
