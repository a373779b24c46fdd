import TouchlineCore

/// The database password of a backup configuration and the environments of the child processes around it:
/// libpq tools get it in `PGPASSWORD` (never on a command line), every other tool gets no password at all.
struct DatabaseCredentials: Sendable {
    /// The variable named by `password_env`, if any.
    let passwordVariable: String?
    /// The environment of the caller; the password is read from it.
    let processEnvironment: [String: String]

    /// Credentials for `config`, read from `processEnvironment`.
    init(config: BackupConfig, processEnvironment: [String: String]) {
        passwordVariable = config.passwordEnv
        self.processEnvironment = processEnvironment
    }

    /// The password, from `password_env` (nil when unset or empty).
    var password: String? {
        passwordVariable.flatMap { processEnvironment[$0] }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The environment of a libpq tool (pg_dump, psql) named `application`, with `extra` variables laid over it.
    func libpqEnvironment(application: String, extra: [String: String] = [:]) -> [String: String] {
        var environment = processEnvironment
        if let password { environment["PGPASSWORD"] = password }
        environment["PGAPPNAME"] = application
        if environment["PGCONNECT_TIMEOUT"] == nil { environment["PGCONNECT_TIMEOUT"] = "10" }
        environment.merge(extra) { _, new in new }
        return environment
    }

    /// The environment of every other tool (gzip, pigz, gunzip): no password.
    var toolEnvironment: [String: String] {
        var environment = processEnvironment
        environment.removeValue(forKey: "PGPASSWORD")
        if let passwordVariable { environment.removeValue(forKey: passwordVariable) }
        return environment
    }

    /// `text` with the password (and a `PGPASSWORD` the caller passes on) replaced by `***`, in case a tool
    /// ever echoes it.
    func scrubbed(_ text: String) -> String {
        SecretRedactor.scrub(text, secrets: [password, processEnvironment["PGPASSWORD"]].compactMap { $0 })
    }
}
