import FoundationEssentials

extension RedisSnapshot {
    /// The share of `maxmemory` at or above which evictions count as memory pressure.
    public static let memoryPressureShare = 0.9

    /// Why Redis is under memory pressure, or nil when it is not.
    ///
    /// Pressure is used memory at 90 % of `maxmemory` or more while keys are being evicted: the cache is
    /// full and throws data away to take writes. The eviction rate since the previous poll decides; on a
    /// first poll (no rate yet) any eviction since the server started counts. Without a limit
    /// (`maxmemory` 0) or with an unknown one there is nothing to be near.
    public var memoryPressure: String? {
        guard let maxmemory, maxmemory > 0 else { return nil }
        let share = Double(usedMemory) / Double(maxmemory)
        guard share >= Self.memoryPressureShare else { return nil }
        let usage = "memory at \(Int(clampingFinite: (share * 100).rounded(.down)))% of maxmemory \(ByteText.format(maxmemory))"
        if let rate = evictedPerSec {
            guard rate > 0 else { return nil }
            return usage + ", evicting \(Self.rateText(rate)) keys/s (\(maxmemoryPolicy))"
        }
        guard evictedKeys > 0 else { return nil }
        return usage + ", " + CountText.format(evictedKeys, "key") + " evicted since start (\(maxmemoryPolicy))"
    }

    private static func rateText(_ rate: Double) -> String {
        rate >= 10 ? String(Int(clampingFinite: rate.rounded())) : DecimalText.fixed(rate, digits: 1)
    }
}
