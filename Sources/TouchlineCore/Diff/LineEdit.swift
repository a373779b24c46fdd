/// One step of an edit script over lines: keep a line of both sides, delete one of the old side, insert one of
/// the new side; indexes are 0-based positions in the old and new line arrays.
public enum LineEdit: Sendable, Equatable {
    /// `old[oldIndex]` equals `new[newIndex]`.
    case keep(oldIndex: Int, newIndex: Int)
    /// `old[oldIndex]` is removed.
    case delete(oldIndex: Int)
    /// `new[newIndex]` is added.
    case insert(newIndex: Int)
}
