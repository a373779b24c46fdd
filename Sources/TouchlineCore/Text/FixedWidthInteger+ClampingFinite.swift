extension FixedWidthInteger {
    /// Converts a floating value that may come from outside (a Prometheus sample, a Redis INFO field, a JSON
    /// number, a computed ratio) without ever trapping: the fraction is dropped towards zero, values beyond the
    /// type's range clamp to `min`/`max`, ±infinity clamps likewise and NaN becomes 0. Callers that must show
    /// NaN or infinity differently check `isFinite` first; this is the one conversion used for such values.
    @inlinable
    public init(clampingFinite value: Double) {
        if value.isNaN {
            self = 0
        } else if value >= Double(Self.max) {
            self = Self.max
        } else if value <= Double(Self.min) {
            self = Self.min
        } else {
            self.init(value)
        }
    }
}
