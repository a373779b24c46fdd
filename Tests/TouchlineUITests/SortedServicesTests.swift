import Foundation
import Testing
import TouchlineCore
@testable import TouchlineUI

/// The sorted column's heading is marked ▲/▼ and the rows follow the order.
@Suite("Services sorted by a column: the heading marked, the rows in order")
struct SortedServicesTests {
    @Test("by p95, slowest first, then reversed, at 80x24 and 120x40; filtered by kind")
    func sortedSnapshots() {
        for (width, height) in [(80, 24), (120, 40)] {
            var state = Scenarios.allUp(width: width, height: height)
            for key in ">>>>" { _ = DashboardReducer.reduce(&state, .key(.character(key))) }
            #expect(state.sort.column == .p95)
            let buffer = DashboardRenderer.render(state)
            #expect(buffer.rowText(2).contains("▼P95"), "\(buffer.rowText(2))")
            #expect(buffer.rowText(3).contains("auth"), "the slowest p95 first")
            SnapshotAssertion.assertMatches(buffer, named: "services-sorted-p95-\(width)x\(height)")
            _ = DashboardReducer.reduce(&state, .key(.character("I")))
            let reversed = DashboardRenderer.render(state)
            #expect(reversed.rowText(2).contains("▲P95"))
            #expect(reversed.rowText(3).contains("redis") || reversed.rowText(3).contains("queue-worker"))
        }
        var state = Scenarios.allUp(width: 120, height: 40)
        for key in ">" { _ = DashboardReducer.reduce(&state, .key(.character(key))) }
        state.filter = "kind:http"
        let buffer = DashboardRenderer.render(state)
        #expect(buffer.rowText(2).contains("SERVICE▲"))
        SnapshotAssertion.assertMatches(buffer, named: "services-filter-kind-120x40")
    }
}
