import Foundation
import TouchlineApp
import TouchlineCore
import TouchlineOps
import TouchlineTestSupport
import TouchlineUI

/// The dashboard in-process for the App tier: a ``DashboardLoop`` over a ``TestScreenBackend``, an idle probe
/// fleet (the script posts the samples), and a ``FakeActionRunner`` for every confirmed action.
///
/// Two environments: `staging` (not protected) and `production` (protected), each with the probes `api`,
/// `postgres`, `redis` and every action configured (the commands are never run: the fake runner gets them).
final class DashboardHarness {
    /// What one run of the loop left.
    struct Run {
        /// The loop's exit code.
        var code: Int32
        /// Every frame's text, oldest first.
        var frames: [String]
        /// The screen, for its themes, its unplayed steps and its failed waits.
        var screen: TestScreenBackend
        /// The last frame's text.
        var last: String { frames.last ?? "" }
    }

    let folder: String
    var environments: [EnvironmentConfig]
    let runner: FakeActionRunner
    /// The releases the rollback picker lists (the fake `list_command`), oldest first.
    var releases = ["1.4.2", "1.5.0", "1.6.0"]
    var readOnly = false
    var environmentIndex = 0
    var width = 120
    var height = 40
    /// The loop's ``DashboardLoop/backupRereadSeconds``.
    var backupRereadSeconds = 15
    private(set) var queue = EventQueue()
    private var fleet: ProbeFleet?

    /// A fresh state folder and a fake runner printing `lines` (and compensating when `compensating` is set).
    /// With `stuck`, the runner writes its audit start record in staging's state folder and ignores cancels.
    init(lines: [String] = [], compensating: String? = nil, stuck: Bool = false, exitWait: Double = 2) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("touchline-app-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let config = try ConfigLoader.parse(Self.configText(folder: folder), file: "app-tier.toml", baseDirectory: folder,
                                            environment: [:])
        environments = config.environments
        runner = FakeActionRunner(lines: lines, compensating: compensating,
                                  auditDirectory: stuck ? config.environments.first?.stateDirectory : nil, stuck: stuck,
                                  exitWait: exitWait)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// Runs the loop on the calling thread until `q` (or a failed wait), playing `script`; at most `limit` seconds.
    func run(_ script: [TestScreenBackend.Step], limit: Duration = .seconds(8)) -> Run {
        let queue = EventQueue()
        self.queue = queue
        let screen = TestScreenBackend(width: width, height: height, script: script, keyGap: 150)
        screen.onTimeout = { queue.post(.terminate(signal: 15)) }
        let log = StateLog(directory: folder)
        let fleet = ProbeFleet(idle: queue)
        self.fleet = fleet
        let runner = runner
        let releases = releases
        let desk = ActionDesk(environments: environments, queue: queue, log: log, runners: { _ in runner },
                              releases: { _ in .success(releases) })
        let state = DashboardState(environments: environments, environmentIndex: environmentIndex, theme: "default",
                                   themes: ["default", "light", "high-contrast"], readOnly: readOnly, now: Date(),
                                   width: width, height: height)
        let themes = ThemePalette(loader: ThemeLoader(directories: [Self.themesDirectory]), monochrome: false)
        let loop = DashboardLoop(state: state, screen: screen, queue: queue, fleet: fleet, log: log, themes: themes,
                                 actions: desk)
        loop.backupRereadSeconds = backupRereadSeconds
        // The hard limit: a watchdog ends the loop (exit 137) if the script never reaches its `q`.
        let watchdog = DispatchWorkItem { queue.post(.terminate(signal: 9)) }
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(Int(limit.components.seconds * 1000)), execute: watchdog)
        let code = loop.run()
        watchdog.cancel()
        return Run(code: code, frames: screen.frames.map(\.text), screen: screen)
    }

    /// A step posting one sample of `probe` (up, `latency` seconds) for the environment the fleet polls now.
    func sample(_ probe: String, latency: Double, status: ProbeStatus = .up) -> TestScreenBackend.Step {
        .perform { [unowned self] in
            guard let fleet else { return }
            queue.post(.sample(ProbeSample(probe: probe, time: Date(), status: status, latency: latency),
                               generation: fleet.generation))
        }
    }

    /// Posts a sample of `probe` tagged with the generation before the current one (a probe of the environment
    /// switched away from answering late); call from a ``TestScreenBackend/Step/perform(_:)`` step.
    func postStale(_ probe: String, latency: Double) {
        guard let fleet else { return }
        queue.post(.sample(ProbeSample(probe: probe, time: Date(), status: .up, latency: latency), generation: fleet.generation - 1))
    }

    /// Posts `event` to the loop's queue (as a worker thread would); call from a perform step.
    func post(_ event: DashboardEvent) { queue.post(event) }

    /// A step running `body` on the loop's thread.
    static func perform(_ body: @escaping () -> Void) -> TestScreenBackend.Step { .perform(body) }

    /// A step waiting until the frame shows `text`.
    static func waitFor(_ text: String) -> TestScreenBackend.Step { .waitUntil(text) { $0.contains(text) } }

    /// Steps typing `text`, one key per character.
    static func type(_ text: String) -> [TestScreenBackend.Step] { text.map { .key(.character($0)) } }

    /// One key.
    static func key(_ character: Character) -> TestScreenBackend.Step { .key(.character(character)) }

    /// The repository's `Themes/` folder.
    static var themesDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Themes").path
    }

    private static func configText(folder: String) -> String {
        ["staging", "production"].map { name in
            """
            [environments.\(name)]
            label = "\(name.uppercased())"
            interval = "1s"
            protected = \(name == "production")
            state_dir = "\(folder)/\(name)-state"

            [[environments.\(name).probes]]
            name = "api"
            kind = "http"
            url = "http://127.0.0.1:9/health"
            version_field = "version"

            [[environments.\(name).probes]]
            name = "postgres"
            kind = "postgres"
            dsn = "host=127.0.0.1 port=9 dbname=\(name) user=\(name)_user"

            [[environments.\(name).probes]]
            name = "redis"
            kind = "redis"
            address = "127.0.0.1:9"

            [environments.\(name).backup]
            probe = "postgres"
            directory = "\(folder)/\(name)-backups"

            [environments.\(name).restart.redis]
            command = ["/bin/true", "restart", "redis", "\(name)"]
            wait_healthy = "15s"

            [environments.\(name).rollback]
            probe = "api"
            list_command = ["/bin/true", "releases"]
            command = ["/bin/true", "rollback", "{release}", "\(name)"]

            [environments.\(name).rehearsal]
            deploy_command = ["/bin/true", "deploy", "{release}", "\(name)"]

            """
        }.joined(separator: "\n")
    }
}
