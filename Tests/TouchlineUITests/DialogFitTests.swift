import Foundation
import Testing
import TouchlineCore
@testable import TouchlineUI

/// Dialogs grow to fit their text and wrap it; when the screen cannot hold it, the text scrolls inside
/// the dialog: no consequence and no command line is ever hidden.
@Suite("Dialogs: every command line and the whole consequence, wrapped, scrolled when taller than the screen")
struct DialogFitTests {
    static let dialogs: [(String, @Sendable (Int, Int) -> DashboardState)] = [
        ("backup", DialogScenarios.backupDialog),
        ("restart", DialogScenarios.restartDialog),
        ("restore", DialogScenarios.restoreDialog),
        ("rehearsal", DialogScenarios.rehearsalDialog),
    ]

    @Test("snapshots at 80x24 and 120x40", arguments: dialogs.map(\.0))
    func snapshots(name: String) throws {
        let builder = try #require(Self.dialogs.first { $0.0 == name }?.1)
        for (width, height) in [(80, 24), (120, 40)] {
            SnapshotAssertion.assertMatches(DashboardRenderer.render(builder(width, height)), named: "dialog-\(name)-\(width)x\(height)")
        }
    }

    @Test("every word of every command line and of the consequence is readable, scrolling through if needed",
          arguments: dialogs.map(\.0))
    func nothingHidden(name: String) throws {
        let builder = try #require(Self.dialogs.first { $0.0 == name }?.1)
        for (width, height) in [(80, 24), (120, 40), (200, 60)] {
            var state = builder(width, height)
            guard case .confirm(let request)? = state.overlay else {
                Issue.record("no dialog opened for \(name): \(state.notice ?? "")")
                return
            }
            let text = Self.scrolledText(&state)
            for expected in request.commands + [request.effect] {
                #expect(text.contains(Self.squeezed(expected)), "\(name) at \(width)x\(height) hides part of: \(expected)")
            }
            #expect(!text.contains("…"), "\(name) at \(width)x\(height) cuts text")
        }
    }

    @Test("a dialog taller than the screen says what is below, scrolls with ↓/PgDn and the typed name still works")
    func scrolls() throws {
        var state = DialogScenarios.rehearsalDialog(width: 80, height: 24)
        var first = DashboardRenderer.render(state)
        #expect(Self.rows(first).contains { $0.contains("↓") && $0.contains("more") })
        _ = DashboardReducer.reduce(&state, .key(.pageDown))
        first = DashboardRenderer.render(state)
        #expect(Self.rows(first).contains { $0.contains("↑") && $0.contains("more") })
        for character in "staging" { _ = DashboardReducer.reduce(&state, .key(.character(character))) }
        guard case .confirm(let request)? = state.overlay else { throw Failure("the dialog closed") }
        #expect(request.typed == "staging")
        _ = DashboardReducer.reduce(&state, .key(.escape))
        #expect(state.overlay == nil && state.dialogScroll == 0)
    }

    struct Failure: Error { let message: String; init(_ message: String) { self.message = message } }

    static func rows(_ buffer: CellBuffer) -> [String] { (0..<buffer.height).map(buffer.rowText) }

    /// The dialog's text (between its ║ borders), whitespace removed, scrolled from top to bottom: the
    /// first body row at each scroll position, then the whole last page.
    static func scrolledText(_ state: inout DashboardState) -> String {
        var pages: [[String]] = []
        for _ in 0..<100 {
            let inner = rows(DashboardRenderer.render(state)).compactMap { row -> String? in
                guard let open = row.firstIndex(of: "║"), let close = row.lastIndex(of: "║"), open < close else { return nil }
                return String(row[row.index(after: open)..<close])
            }
            if let last = pages.last, last == inner { break }
            pages.append(inner)
            _ = DashboardReducer.reduce(&state, .key(.down))
        }
        // Body rows: after the title line and a blank; before a blank and the buttons.
        let bodies = pages.map { Array($0.dropFirst(2).dropLast(2)) }
        let text = bodies.dropLast().compactMap(\.first).joined() + (bodies.last ?? []).joined()
        return squeezed(text)
    }

    static func squeezed(_ text: String) -> String { text.filter { !$0.isWhitespace } }
}
