import Testing
import TouchlineCore

/// The own unified diff: Myers' shortest edit script and `diff -u`'s hunk format.
@Suite("Unified diff")
struct UnifiedDiffTests {
    @Test("the shortest edit script of the paper's example (ABCABBA → CBABAC) has 5 changes")
    func myersExample() {
        let edits = MyersDiff.edits(old: Array("ABCABBA"), new: Array("CBABAC"))
        let changes = edits.filter { if case .keep = $0 { return false } else { return true } }
        #expect(changes.count == 5)
        // Applying the script to the old side gives the new side.
        var result: [Character] = []
        for edit in edits {
            switch edit {
            case .keep(let oldIndex, _): result.append(Array("ABCABBA")[oldIndex])
            case .insert(let newIndex): result.append(Array("CBABAC")[newIndex])
            case .delete: break
            }
        }
        #expect(String(result) == "CBABAC")
    }

    @Test("one changed line in the middle: one hunk with 3 lines of context, as diff -u prints it")
    func oneHunk() {
        let old = (1...10).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let new = old.replacing("line 5\n", with: "line five\n")
        let lines = UnifiedDiff.hunks(old: old, new: new).map(\.text)
        #expect(lines == ["@@ -2,7 +2,7 @@", " line 2", " line 3", " line 4", "-line 5", "+line five", " line 6", " line 7", " line 8"])
        #expect(UnifiedDiff.counts(old: old, new: new) == UnifiedDiff.Counts(added: 1, removed: 1))
    }

    @Test("changes far apart make two hunks; an insertion at the top and a removal at the end")
    func twoHunks() {
        let old = (1...20).map { "l\($0)" }.joined(separator: "\n") + "\n"
        let new = "l0\n" + old.replacing("l20\n", with: "")
        let lines = UnifiedDiff.hunks(old: old, new: new).map(\.text)
        #expect(lines.filter { $0.hasPrefix("@@") } == ["@@ -1,3 +1,4 @@", "@@ -17,4 +18,3 @@"])
        #expect(lines.contains("+l0") && lines.contains("-l20"))
    }

    @Test("identical texts have no hunks; a missing final newline is a change with its marker")
    func newlines() {
        #expect(UnifiedDiff.hunks(old: "a\nb\n", new: "a\nb\n").isEmpty)
        let lines = UnifiedDiff.hunks(old: "a\nb\n", new: "a\nb").map(\.text)
        #expect(lines == ["@@ -1,2 +1,2 @@", " a", "-b", "+b", UnifiedDiff.noNewlineMarker])
        #expect(UnifiedDiff.hunks(old: "", new: "x\n").map(\.text) == ["@@ -0,0 +1 @@", "+x"])
    }
}
