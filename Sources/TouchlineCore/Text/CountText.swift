/// A count followed by its noun, singular for exactly one: `1 client`, `0 clients`, `12 clients`.
public enum CountText {
    /// `count` and the noun: `1 client`, `2 clients` (`plural` defaults to `singular` + `s`).
    public static func format<Count: BinaryInteger>(_ count: Count, _ singular: String, plural: String? = nil) -> String {
        "\(count) " + noun(count, singular, plural: plural)
    }

    /// Only the noun for `count`: `client` for 1 (and -1), `clients` otherwise.
    public static func noun<Count: BinaryInteger>(_ count: Count, _ singular: String, plural: String? = nil) -> String {
        count.magnitude == 1 ? singular : plural ?? singular + "s"
    }
}
