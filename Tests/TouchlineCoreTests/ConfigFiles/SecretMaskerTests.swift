import Testing
import TouchlineCore

/// Secrets in config text: .env lines, YAML mappings, compose's list form, URL userinfo.
@Suite("Secret masking of config files")
struct SecretMaskerTests {
    @Test("values of keys naming a password, secret, token, key or credential are masked, in every form", arguments: [
        ("DB_PASSWORD=hunter2", "DB_PASSWORD=***"),
        ("export API_TOKEN=\"abc def\"", "export API_TOKEN=***"),
        ("  - SECRET_KEY_BASE=xyz", "  - SECRET_KEY_BASE=***"),
        ("    password: hunter2", "    password: ***"),
        ("aws_credentials: 'x'", "aws_credentials: ***"),
        ("LOG_LEVEL=info", "LOG_LEVEL=info"),
        ("# DB_PASSWORD=commented", "# DB_PASSWORD=commented"),
        ("DB_PASSWORD=", "DB_PASSWORD="),
        ("DATABASE_URL=postgres://app:pw123@db:5432/app", "DATABASE_URL=postgres://app:***@db:5432/app"),
        ("  url: redis://:redispw@cache:6379/0", "  url: redis://:***@cache:6379/0"),
        ("see https://user@example.com/x", "see https://user@example.com/x"),
        ("- \"amqp://u:p@q/x\"", "- \"amqp://u:***@q/x\""),
    ])
    func masks(line: String, masked: String) {
        #expect(SecretMasker.maskLine(line) == masked)
    }

    @Test("against the old side, a masked value says changed or unchanged, never the value")
    func changedOrUnchanged() {
        let old = SecretMasker.secrets(in: "DB_PASSWORD=a1\nAPI_TOKEN=t1\nDATABASE_URL=postgres://u:p1@h/db\n")
        #expect(SecretMasker.mask("DB_PASSWORD=a2", comparedWith: old) == "DB_PASSWORD=***(changed)")
        #expect(SecretMasker.mask("API_TOKEN=t1", comparedWith: old) == "API_TOKEN=***(unchanged)")
        #expect(SecretMasker.mask("NEW_SECRET=s", comparedWith: old) == "NEW_SECRET=***(changed)")
        #expect(SecretMasker.mask("DATABASE_URL=postgres://u:p1@h2/db", comparedWith: old) == "DATABASE_URL=postgres://u:***(unchanged)@h2/db")
        #expect(SecretMasker.mask("DATABASE_URL=postgres://u:p9@h/db", comparedWith: old) == "DATABASE_URL=postgres://u:***(changed)@h/db")
    }

    @Test("a diff of a secret-only change shows the line, masked on both sides")
    func diffOfSecret() {
        let lines = ConfigDiff.lines(path: "/x/.env", name: ".env", snapshot: .bytes(Array("A=1\nDB_PASSWORD=old\n".utf8)),
                                     current: .bytes(Array("A=1\nDB_PASSWORD=new\n".utf8))).map(\.text)
        #expect(lines.contains("-DB_PASSWORD=***") && lines.contains("+DB_PASSWORD=***(changed)"))
        #expect(!lines.joined().contains("old") && !lines.joined().contains("new"))
    }
}
