import CPosixShims
import Glibc
import TouchlineCore
import TouchlineProbes

/// Starts a command that never outlives touchline, not even a SIGKILL of it: it runs under a small guard
/// process (`touchline_spawn_guarded` in CPosixShims) that leads a process group of its own, mirrors the
/// command's exit status as its own, and, when touchline is gone (`PR_SET_PDEATHSIG`), sends SIGTERM to the
/// group and SIGKILL to whatever is left of it 1 s later. The log commands run this way.
enum GuardedSpawn {
    /// Spawns `argv` (searched in PATH) with `environment` in `directory` (nil: the current one), reading
    /// `/dev/null` and writing `output` and `error`. Returns the guard's pid, which is the group's id.
    ///
    /// - Throws: `cannot run ARGV0: REASON` when it could not be started (fork, chdir or exec failed).
    static func spawn(argv: [String], environment: [String: String], directory: String?,
                      output: Int32, error: Int32) throws(ActionFailure) -> pid_t {
        guard let file = argv.first else { throw ActionFailure("cannot run an empty command") }
        let pairs = environment.map { "\($0.key)=\($0.value)" }
        var failure: Int32 = 0
        let pid = withCStringArray(argv) { arguments in
            withCStringArray(pairs) { variables in
                if let directory {
                    return touchline_spawn_guarded(file, arguments, variables, directory, output, error, &failure)
                }
                return touchline_spawn_guarded(file, arguments, variables, nil, output, error, &failure)
            }
        }
        guard pid > 0 else { throw ActionFailure(SystemError.text("cannot run \(file)", code: failure)) }
        return pid
    }
}
