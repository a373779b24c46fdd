import Foundation
import Testing
import TouchlineCore
@testable import TouchlineUI

/// The Redis pane while the server loads its dataset and when its memory limit is unknown.
@Suite("Redis pane: loading and an unknown limit")
struct RedisPaneStateTests {
    private func render(_ snapshot: RedisSnapshot, status: ProbeStatus, error: String?) -> String {
        var state = Scenarios.base(width: 160, height: 50)
        Scenarios.feed(&state, override: [
            "redis": { _, ago in
                ProbeSample(probe: "redis", time: Scenarios.time(ago), status: status, latency: 0.0005, error: error,
                            metrics: .redis(snapshot))
            },
        ])
        let buffer = DashboardRenderer.render(state)
        RenderTests.checkInvariants(buffer, "redis pane")
        return buffer.text
    }

    @Test("loading:1 shows `loading 25%` in the pane and the reason in the services list")
    func loading() throws {
        var snapshot = try #require(Scenarios.redis())
        snapshot.loading = true
        snapshot.loadingLoadedPerc = 25.4
        snapshot.loadingEtaSeconds = 42
        let text = render(snapshot, status: .down, error: snapshot.condition?.reason)
        #expect(text.contains("loading 25%"), "\(text)")
        #expect(text.contains("loading dataset 25% (eta 42 s)"), "\(text)")
    }

    @Test("an unknown maxmemory reads `limit unknown`, not `no limit`")
    func unknownLimit() throws {
        var snapshot = try #require(Scenarios.redis())
        snapshot.maxmemory = nil
        let text = render(snapshot, status: .up, error: nil)
        #expect(text.contains("limit unknown"), "\(text)")
        #expect(!text.contains("no limit"))
    }
}
