import Foundation
@testable import TouchlineCore

/// Probes, environments and sample feeding shared by the "numbers that look calm" suites.
enum NumbersFixtures {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func api(timeout: Double = 2, failureThreshold: Int = 2, successThreshold: Int = 2) -> ProbeConfig {
        ProbeConfig(name: "api", interval: 1, timeout: timeout, latencyWarn: nil,
                    target: .http(HTTPProbeTarget(url: "http://127.0.0.1:8001/health", address: HostPort(host: "127.0.0.1", port: 8001),
                                                  path: "/health", expectStatus: [200], statusField: nil, versionField: nil)),
                    failureThreshold: failureThreshold, successThreshold: successThreshold)
    }

    static func state(_ probes: [ProbeConfig] = [api()], environments names: [String] = ["staging"]) -> DashboardState {
        let environments = names.map {
            EnvironmentConfig(name: $0, label: $0.uppercased(), interval: 1, protected: false, stateDirectory: "/tmp/\($0)",
                              probes: probes)
        }
        return DashboardState(environments: environments, environmentIndex: 0, theme: "default", themes: [],
                              readOnly: false, now: start, width: 120, height: 40)
    }

    /// One staging api probe with these thresholds.
    static func thresholdState(failureThreshold: Int = 2, successThreshold: Int = 2) -> DashboardState {
        state([api(failureThreshold: failureThreshold, successThreshold: successThreshold)])
    }

    static func sample(_ status: ProbeStatus, at second: Double, latency: Double? = 0.02, probe: String = "api",
                       error: String? = nil) -> ProbeSample {
        ProbeSample(probe: probe, time: start.addingTimeInterval(second), status: status,
                    latency: status == .down ? nil : latency, error: error ?? (status == .up ? nil : "\(status.rawValue) reason"))
    }

    static func feed(_ state: inout DashboardState, _ sample: ProbeSample) {
        _ = DashboardReducer.reduce(&state, .sample(sample, generation: state.generation))
    }

    /// Feeds raw statuses one poll a second from `from`; returns the shown status after each poll.
    @discardableResult
    static func feed(_ state: inout DashboardState, statuses: [ProbeStatus], from: Double = 0) -> [ProbeStatus] {
        statuses.enumerated().map { offset, status in
            feed(&state, sample(status, at: from + Double(offset)))
            return state.probes[0].status
        }
    }

    /// Messages of the probe events, oldest first.
    static func messages(_ state: DashboardState) -> [String] {
        state.events.reversed().filter { $0.probe != nil }.map(\.message)
    }
}
