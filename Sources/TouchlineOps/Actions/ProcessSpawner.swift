import TouchlineCore
import FoundationEssentials
import CPosixShims
import Glibc
import TouchlineProbes

/// Starts one process of a pipeline with `posix_spawnp`: no shell, chosen standard descriptors and no other,
/// default signal handling, and a process group shared by the pipeline.
enum ProcessSpawner {
    /// Spawns `command` reading `input` (nil: `/dev/null`) and writing `output` and `error`; joins
    /// `processGroup`, or starts a new group when it is 0; runs in `directory` (nil: the current one). Returns the pid.
    static func spawn(_ command: ProcessPipeline.Command, input: Int32?, output: Int32, error: Int32,
                      processGroup: pid_t, directory: String? = nil) throws(ActionFailure) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let input {
            posix_spawn_file_actions_adddup2(&actions, input, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, error, 2)
        touchline_spawn_addclosefrom(&actions, 3)
        if let directory { touchline_spawn_addchdir(&actions, directory) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT] { sigaddset(&defaultSignals, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setpgroup(&attributes, processGroup)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))
        let environment = command.environment.map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        let result = withCStringArray(command.argv) { argv in
            withCStringArray(environment) { envp in
                posix_spawnp(&pid, command.argv[0], &actions, &attributes, argv, envp)
            }
        }
        guard result == 0 else { throw ActionFailure(SystemError.text("cannot run \(command.argv[0])", code: result)) }
        return pid
    }

    /// Waits for `pid` to exit, discarding its status.
    static func reap(_ pid: pid_t) {
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
    }
}
