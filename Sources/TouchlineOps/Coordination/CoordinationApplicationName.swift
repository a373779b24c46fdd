/// The `application_name` of a coordination session, `touchline:alice@ops-1:staging`, which is how other
/// operators see who is on the other end (the presence list reads the watchers' names back).
///
/// PostgreSQL keeps 63 bytes of an application name, which would cut off the environment the presence list
/// matches (a cloud host name such as `ip-10-0-12-34.eu-west-1.compute.internal` is 40 bytes): a longer name
/// keeps only the host's first label, and if that is still too long, the operator part is shortened — the
/// environment at the end always survives. PostgreSQL shows bytes outside printable ASCII as `?`: the operator
/// part is percent-encoded there, and ``who(_:)`` reads it back.
public enum CoordinationApplicationName {
    /// PostgreSQL keeps 63 bytes of an `application_name`.
    static let limit = 63

    /// `ROLE:USER@HOST:ENVIRONMENT`, within ``limit`` bytes.
    static func make(role: CoordinationStore.Role, user: String, host: String, environment: String) -> String {
        func name(_ who: String) -> String { "\(role.rawValue):\(encode(who)):\(environment)" }
        let full = name("\(user)@\(host)")
        if full.utf8.count <= limit { return full }
        var who = "\(user)@\(host.prefix { $0 != "." })"
        guard name("").utf8.count < limit else { return full }
        while name(who).utf8.count > limit { who.removeLast() }
        return name(who)
    }

    /// The operator part of an application name: `%` and every byte outside printable ASCII as `%XX`.
    static func encode(_ who: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var text = ""
        for byte in who.utf8 {
            if byte >= 0x20 && byte < 0x7f && byte != UInt8(ascii: "%") {
                text.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                text += "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 0xf)]], as: UTF8.self)
            }
        }
        return text
    }

    /// The operator `NAME@HOST` of a watcher's application name part (between `touchline:` and `:ENV`).
    public static func who(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var rest = text.utf8[...]
        while let byte = rest.first {
            if byte == UInt8(ascii: "%"), rest.count >= 3,
               let value = UInt8(String(decoding: rest.dropFirst().prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                rest = rest.dropFirst(3)
            } else {
                bytes.append(byte)
                rest = rest.dropFirst()
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
