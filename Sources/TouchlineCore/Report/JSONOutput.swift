import FoundationEssentials

/// The one JSON style of every machine-readable output and file touchline writes: keys sorted (stable output,
/// diffable files), slashes not escaped (`/work/backups/x.sql.gz`, not `\/work\/backups\/x.sql.gz`), and
/// pretty-printed where people read it.
public enum JSONOutput {
    /// An encoder in that style; `pretty` indents (for files and `--json` documents people read).
    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
