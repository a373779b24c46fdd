import Glibc

/// libpq's `gssencmode` default for touchline's own connections: `disable` when this host evidently has no
/// Kerberos (no `KRB5CCNAME`, no `KRB5_CONFIG`, no `/etc/krb5.conf`, no default credential cache
/// `/tmp/krb5cc_UID`) and the user chose nothing (`PGGSSENCMODE` unset; a DSN's own `gssencmode` still wins,
/// because the keyword is placed before the expanded `dbname`).
///
/// Why: with libpq's default `prefer`, every connection first asks GSSAPI for a credential cache, which
/// initialises the Kerberos libraries (libgssapi_krb5, libkrb5, libk5crypto): about 0.6 MB more resident
/// memory for the dashboard's whole life (measured with smaps, docs/LEAN.md). Without a configuration or a
/// cache that lookup can only fail, so disabling it changes nothing but the memory.
public enum GSSEncryptionDefault {
    /// The keyword/value pairs to put before `dbname` (empty when Kerberos may be in use or the user chose).
    /// `variable` reads an environment variable and `exists` tells whether a path exists (both injected by tests).
    public static func keywords(variable: (String) -> String? = { getenv($0).map { String(cString: $0) } },
                                userID: UInt32 = getuid(),
                                exists: (String) -> Bool = { access($0, F_OK) == 0 }) -> [(String, String)] {
        let chosen = ["PGGSSENCMODE", "KRB5CCNAME", "KRB5_CONFIG"].contains { variable($0) != nil }
        guard !chosen, !exists("/etc/krb5.conf"), !exists("/tmp/krb5cc_\(userID)") else { return [] }
        return [("gssencmode", "disable")]
    }
}
