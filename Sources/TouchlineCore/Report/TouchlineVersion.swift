/// touchline's own version: `touchline --version` prints `touchline MAJOR.MINOR.PATCH` and, when known,
/// the git revision the binary was built from.
public enum TouchlineVersion {
    /// The release number, bumped by hand with each release (semantic versioning).
    public static let number = "0.17.0"

    /// The `--version` line: `touchline 0.17.0` or `touchline 0.17.0 (git 1a2b3c4)`.
    /// - Parameter revision: an abbreviated commit id, or nil when unknown (an installed binary).
    public static func line(revision: String?) -> String {
        guard let revision, !revision.isEmpty else { return "touchline \(number)" }
        return "touchline \(number) (git \(revision))"
    }
}
