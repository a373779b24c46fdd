import TouchlineCore

/// Runs a restart spec with ``RestartAction``: the service's command, then the wait for its probe.
public struct RestartRunner: ActionRunner {
    /// The environment.
    public let environment: EnvironmentConfig
    /// The restart tables by service.
    public let configs: [String: RestartConfig]

    /// Creates the runner.
    public init(environment: EnvironmentConfig, configs: [String: RestartConfig]) {
        self.environment = environment
        self.configs = configs
    }

    /// Runs the restart of the spec's service.
    public func run(_ spec: ActionSpec, control: ActionControl, output: ActionOutputSink) -> ActionReport {
        guard let service = spec.target, let config = configs[service] else {
            return ActionReport(.refused, "no restart configured for \(spec.target ?? "?") in \(environment.name)")
        }
        let cancellation = CancellationSwitch()
        control.onCancel { cancellation.flip(.cancelled($0)) }
        return RestartAction(environment: environment, config: config).perform(cancellation: cancellation, progress: output.line)
    }
}
