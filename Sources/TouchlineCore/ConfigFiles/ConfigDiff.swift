import FoundationEssentials

/// One listed file compared between a snapshot and now: its ``ConfigFileChange`` and its unified diff with every
/// secret masked (``SecretMasker``: the snapshot's side plain `***`, the current side `***(changed)` or
/// `***(unchanged)`). Pure: the caller reads the bytes.
public enum ConfigDiff {
    /// One side of the comparison.
    public enum Side: Sendable, Equatable {
        /// The file's bytes.
        case bytes([UInt8])
        /// The file does not exist (now), or was recorded as missing (snapshot).
        case missing
        /// The snapshot does not list the file at all.
        case notListed
    }

    /// How `path` changed from `snapshot` to `current`.
    public static func change(path: String, snapshot: Side, current: Side) -> ConfigFileChange {
        switch (snapshot, current) {
        case (.notListed, _): return ConfigFileChange(path: path, state: .notInSnapshot, counts: counts(nil, current))
        case (.missing, .bytes(let now)): return ConfigFileChange(path: path, state: .created, counts: counts(nil, .bytes(now)))
        case (.missing, _): return ConfigFileChange(path: path, state: .unchanged)
        case (.bytes(let then), .bytes(let now)):
            guard then != now else { return ConfigFileChange(path: path, state: .unchanged) }
            return ConfigFileChange(path: path, state: .changed, counts: counts(then, .bytes(now)))
        case (.bytes(let then), _):
            return ConfigFileChange(path: path, state: .deleted, counts: counts(then, .missing))
        }
    }

    /// The diff of `path` from the snapshot (`a/NAME`) to now (`b/NAME`), secrets masked; a note line when the
    /// file is unchanged, binary, or on one side only without text to show.
    public static func lines(path: String, name: String, snapshot: Side, current: Side) -> [DiffLine] {
        let change = change(path: path, snapshot: snapshot, current: current)
        // An absolute name reads as git prints one: `a/etc/app.env`, not `a//etc/app.env`.
        let label = name.hasPrefix("/") ? String(name.dropFirst()) : name
        var lines = [DiffLine(.fileHeader, "--- a/\(label)\t(snapshot)"), DiffLine(.fileHeader, "+++ b/\(label)\t(now)")]
        switch change.state {
        case .unchanged:
            return [DiffLine(.note, snapshot == .missing ? "  \(name): missing in the snapshot and now" : "  \(name): unchanged")]
        case .notInSnapshot: return [DiffLine(.note, "  \(name): not in the snapshot (listed since): a restore leaves it as it is")]
        case .created: return [DiffLine(.note, "  \(name): missing in the snapshot, present now: a restore leaves it as it is")]
        case .deleted: lines.append(DiffLine(.note, "  \(name): deleted since the snapshot: a restore recreates it"))
        case .changed: break
        }
        let old = text(snapshot), new = text(current)
        guard let old, let new else {
            lines.append(DiffLine(.note, "  \(name): binary file differs"))
            return lines
        }
        // Each side is masked whole, so a line knows the lines above it (a secret key's children, a block scalar).
        let oldShown = SecretMasker.maskLines(UnifiedDiff.lines(old).map(\.text))
        let newShown = SecretMasker.maskLines(UnifiedDiff.lines(new).map(\.text), comparedWith: SecretMasker.secrets(in: old))
        lines += UnifiedDiff.hunks(old: old, new: new, showOld: { index, _ in oldShown[index] }, showNew: { index, _ in newShown[index] })
        return lines
    }

    /// The text of a side (empty when missing); nil when the bytes are not UTF-8.
    private static func text(_ side: Side) -> String? {
        guard case .bytes(let bytes) = side else { return "" }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func counts(_ old: [UInt8]?, _ current: Side) -> UnifiedDiff.Counts {
        let oldText = old.map { text(.bytes($0)) } ?? ""
        guard let oldText, let newText = text(current) else { return UnifiedDiff.Counts() }
        return UnifiedDiff.counts(old: oldText, new: newText)
    }
}
