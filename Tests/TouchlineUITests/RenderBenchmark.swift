import Foundation
import Testing
import TouchlineUI

/// Frame time at 200x60; runs only with TOUCHLINE_BENCH=1 (use a release build: `swift test -c release`).
@Suite("Render benchmark")
struct RenderBenchmark {
    @Test("render 200x60", .enabled(if: ProcessInfo.processInfo.environment["TOUCHLINE_BENCH"] == "1"))
    func frameTime() {
        for (name, state) in [("all-up", Scenarios.allUp(width: 200, height: 60)), ("redis-down", Scenarios.redisDown(width: 200, height: 60)),
                              ("help", Scenarios.help(width: 200, height: 60)), ("all-up 120x40", Scenarios.allUp(width: 120, height: 40))] {
            var frames = 0
            var checksum = 0
            let start = Date()
            while Date().timeIntervalSince(start) < 2 {
                let buffer = DashboardRenderer.render(state)
                checksum &+= buffer.styleSlot(x: 3, y: 3)
                frames += 1
            }
            let perFrame = Date().timeIntervalSince(start) / Double(frames)
            print(String(format: "render %@: %.3f ms per frame over %d frames (checksum %d)", name, perFrame * 1000, frames, checksum))
        }
    }
}
