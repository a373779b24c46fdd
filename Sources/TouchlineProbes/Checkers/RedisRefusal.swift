/// Puts a Redis error reply into words: which command was refused, for which user, and why.
///
/// Redis 6+ answers a failed `AUTH` with `WRONGPASS invalid username-password pair or user is disabled.`,
/// a command an ACL user may not run with `NOPERM … no permissions to run the 'info' command`, and a
/// command before `AUTH` on a server that requires it with `NOAUTH Authentication required.`.
/// The reply never carries the password, and neither does the text made from it.
enum RedisRefusal {
    /// The message for error reply `reply` to `command`, sent as ACL user `username` (nil: the default user).
    static func describe(command: String, reply: String, username: String?) -> String {
        let code = reply.prefix { !$0.isWhitespace }
        let name = command.uppercased()
        let user = username.map { "user \($0)" } ?? "the default user"
        switch code {
        case "WRONGPASS":
            return "\(name) refused for \(user): wrong password or user disabled"
        case "NOPERM":
            let refused = quoted(in: reply) ?? command.lowercased()
            return "\(name) refused for \(user): no permission to run '\(refused)' (ACL; grant it with ACL SETUSER … +\(refused))"
        case "NOAUTH":
            return "\(name) refused: the server requires authentication (set password_env, and username for an ACL user)"
        default:
            if name == "AUTH", reply.contains("without any password configured") {
                return "AUTH refused for \(user): the server sets no password for it (set username for an ACL user, or remove password_env)"
            }
            if name == "AUTH", reply.hasPrefix("ERR invalid password") {
                return "AUTH refused for \(user): wrong password"
            }
            return "\(name) refused: \(reply)"
        }
    }

    /// Whether `reply` refuses for lack of credentials or permission (`WRONGPASS`, `NOPERM`, `NOAUTH`) rather than
    /// for the server's state.
    static func isAccessRefusal(_ reply: String) -> Bool {
        ["WRONGPASS", "NOPERM", "NOAUTH"].contains(String(reply.prefix { !$0.isWhitespace }))
    }

    /// The first `'…'`-quoted word of `text` (the command name in a NOPERM reply).
    private static func quoted(in text: String) -> String? {
        let parts = text.split(separator: "'", omittingEmptySubsequences: false)
        guard parts.count >= 3, !parts[1].isEmpty else { return nil }
        return String(parts[1])
    }
}
