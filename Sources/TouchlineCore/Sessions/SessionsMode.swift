/// The Sessions view's three lists, as pg_activity has them.
public enum SessionsMode: String, Sendable, Equatable, CaseIterable {
    /// Sessions whose state is not `idle`.
    case running
    /// Sessions waiting on a lock or blocked by another session.
    case waiting
    /// Sessions that block others, each with how many it blocks and the chain below it, indented.
    case blocking

    /// The next mode (Tab), wrapping around.
    public var next: SessionsMode {
        let all = Self.allCases
        return all[((all.firstIndex(of: self) ?? 0) + 1) % all.count]
    }

    /// The previous mode (Shift-Tab), wrapping around.
    public var previous: SessionsMode {
        let all = Self.allCases
        return all[((all.firstIndex(of: self) ?? 0) + all.count - 1) % all.count]
    }
}
