import Foundation
import TouchlineCore

/// What the alert suites against the real stack share: the `[alerts]` table pointing at the stack's
/// Alertmanager, Alertmanager's own view of an alert (read with curl, not with touchline), and waiting for it.
struct AlertsStackSupport {
    let stack: TestStack

    /// `[environments.staging.alerts]` for the stack's Alertmanager, polled every second.
    var alertsTable: String {
        """

        [environments.staging.alerts]
        alertmanager = "\(stack.alertmanagerURL)"
        matchers = ["env=staging"]
        interval = "1s"
        timeout = "2s"
        """
    }

    /// Alertmanager's alerts named `name` (GET /api/v2/alerts with curl): each alert's `status.state` and `silencedBy`.
    func alertmanagerStates(_ name: String) -> [(state: String, silencedBy: [String])] {
        let (code, output) = ProcessRunner.run("/usr/bin/curl", ["-sS", "-m", "3", "\(stack.alertmanagerURL)/api/v2/alerts"],
                                               environment: stack.environment, timeout: 5)
        guard code == 0, let array = try? JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]] else { return [] }
        return array.compactMap { alert in
            guard let labels = alert["labels"] as? [String: String], labels["alertname"] == name,
                  let status = alert["status"] as? [String: Any] else { return nil }
            return ((status["state"] as? String) ?? "", (status["silencedBy"] as? [String]) ?? [])
        }
    }

    /// Waits up to `seconds` for `condition` on Alertmanager's states of `name`.
    @discardableResult
    func waitForAlertmanager(_ name: String, seconds: Double, _ condition: ([(state: String, silencedBy: [String])]) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            if condition(alertmanagerStates(name)) { return true }
            Thread.sleep(forTimeInterval: 0.5)
        } while Date() < deadline
        return false
    }

    /// Expires every silence still active in the stack's Alertmanager (a failed case must not leave one behind).
    func expireAllSilences() {
        let (_, output) = ProcessRunner.run("/usr/bin/curl", ["-sS", "-m", "3", "\(stack.alertmanagerURL)/api/v2/silences"],
                                            environment: stack.environment, timeout: 5)
        guard let array = try? JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]] else { return }
        for silence in array {
            guard let id = silence["id"] as? String, (silence["status"] as? [String: Any])?["state"] as? String == "active" else { continue }
            _ = ProcessRunner.run("/usr/bin/curl", ["-sS", "-m", "3", "-X", "DELETE", "\(stack.alertmanagerURL)/api/v2/silence/\(id)"],
                                  environment: stack.environment, timeout: 5)
        }
    }
}
