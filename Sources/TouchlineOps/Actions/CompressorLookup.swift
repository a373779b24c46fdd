import Glibc
import TouchlineCore

extension BackupCommandLine.Compressor {
    /// The compressor a child process started with `environment` finds: pigz when its `PATH` holds one, else gzip.
    public static func installed(environment: [String: String]) -> Self {
        preferred(searchPath: environment["PATH"]) { access($0, X_OK) == 0 }
    }
}
