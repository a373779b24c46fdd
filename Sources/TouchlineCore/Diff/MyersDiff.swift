/// The shortest edit script between two line arrays: Eugene W. Myers, "An O(ND) Difference Algorithm and Its
/// Variations" (Algorithmica 1986), the greedy forward search with the trace of every `V` kept for the way back.
/// Deletions come before insertions within a change, as `diff -u` and git print them. Pure; O((N+M)·D) time and
/// O(D²) memory for D differences (config files are small).
public enum MyersDiff {
    /// The edit script turning `old` into `new`, in order.
    public static func edits<Line: Equatable>(old: [Line], new: [Line]) -> [LineEdit] {
        let n = old.count, m = new.count
        let maximum = n + m
        guard maximum > 0 else { return [] }
        let offset = maximum
        var frontier = [Int](repeating: 0, count: 2 * maximum + 2)
        var trace: [[Int]] = []
        var found = false
        for d in 0...maximum {
            trace.append(frontier)
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && frontier[offset + k - 1] < frontier[offset + k + 1]) {
                    x = frontier[offset + k + 1]          // down: an insertion
                } else {
                    x = frontier[offset + k - 1] + 1      // right: a deletion
                }
                var y = x - k
                while x < n, y < m, old[x] == new[y] {
                    x += 1
                    y += 1
                }
                frontier[offset + k] = x
                if x >= n, y >= m {
                    found = true
                    break
                }
            }
            if found { break }
        }
        return backtrack(trace: trace, final: frontier, n: n, m: m, offset: offset)
    }

    /// Walks the trace back from (n, m) to (0, 0), collecting the edits in reverse.
    private static func backtrack(trace: [[Int]], final: [Int], n: Int, m: Int, offset: Int) -> [LineEdit] {
        var x = n, y = m
        var reversed: [LineEdit] = []
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let frontier = trace[d]
            let k = x - y
            let previousK: Int
            if k == -d || (k != d && frontier[offset + k - 1] < frontier[offset + k + 1]) {
                previousK = k + 1
            } else {
                previousK = k - 1
            }
            let previousX = d == 0 ? 0 : frontier[offset + previousK]
            let previousY = previousX - previousK
            while x > previousX, y > previousY {
                x -= 1
                y -= 1
                reversed.append(.keep(oldIndex: x, newIndex: y))
            }
            guard d > 0 else { break }
            if x == previousX {
                y -= 1
                reversed.append(.insert(newIndex: y))
            } else {
                x -= 1
                reversed.append(.delete(oldIndex: x))
            }
        }
        return orderChanges(reversed.reversed())
    }

    /// Within each run of changes, the deletions first, then the insertions.
    private static func orderChanges(_ edits: [LineEdit]) -> [LineEdit] {
        var result: [LineEdit] = []
        var deletions: [LineEdit] = []
        var insertions: [LineEdit] = []
        func flush() {
            result += deletions + insertions
            deletions = []
            insertions = []
        }
        for edit in edits {
            switch edit {
            case .keep:
                flush()
                result.append(edit)
            case .delete: deletions.append(edit)
            case .insert: insertions.append(edit)
            }
        }
        flush()
        return result
    }
}
