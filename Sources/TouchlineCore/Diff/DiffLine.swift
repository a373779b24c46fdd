/// One line of a rendered unified diff, with its kind for colouring (`+` green, `-` red, `@@` cyan, headers bold).
public struct DiffLine: Sendable, Equatable {
    /// What the line is.
    public enum Kind: String, Sendable, Equatable {
        /// `--- a/…` / `+++ b/…`, or a line naming the file.
        case fileHeader
        /// `@@ -l,s +l,s @@`.
        case hunkHeader
        /// An unchanged line around a change (` ` prefix).
        case context
        /// A line only in the current file (`+`).
        case added
        /// A line only in the snapshot (`-`).
        case removed
        /// A sentence about the file (missing, unchanged, binary, not in the snapshot).
        case note
    }

    /// What the line is.
    public var kind: Kind
    /// The text as printed, prefix included.
    public var text: String

    /// Creates a line.
    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }
}
