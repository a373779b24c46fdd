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
        ("# DB_PASSWORD=commented", "# DB_PASSWORD=***"),
        ("# see the README for LOG_LEVEL", "# see the README for LOG_LEVEL"),
        ("DB_PASSWORD = spaced", "DB_PASSWORD = ***"),
        ("export  DB_PASSWORD='single'", "export  DB_PASSWORD=***"),
        ("db_Password=MiXeD", "db_Password=***"),
        ("GITHUB_TOKEN=ghp_x\r", "GITHUB_TOKEN=***\r"),
        ("      - \"DB_PASSWORD=quoted item\"", "      - \"DB_PASSWORD=***\""),
        ("      - 'API_KEY=single item'", "      - 'API_KEY=***'"),
        ("      - \"LOG_LEVEL=info\"", "      - \"LOG_LEVEL=info\""),
        ("  \"DB_PASSWORD\": quoted-key", "  \"DB_PASSWORD\": ***"),
        ("  'client_secret' : x", "  'client_secret' : ***"),
        ("env: { DB_PASSWORD: x1, USER: u }", "env: { DB_PASSWORD: ***, USER: u }"),
        ("environment: [DB_PASSWORD=x1, USER=u]", "environment: [DB_PASSWORD=***, USER=u]"),
        ("DATABASE_URL=postgres://app:p/w#1?x@db:5432/app", "DATABASE_URL=postgres://app:***@db:5432/app"),
        ("DATABASE_URL=postgres://app:p@ss@db/app", "DATABASE_URL=postgres://app:***@db/app"),
        ("API_URL=https://api:8443/v1?mail=a@b", "API_URL=https://api:8443/v1?mail=a@b"),
        ("{\"db_password\":\"x1\",\"user\":\"u\"}", "{\"db_password\":***,\"user\":\"u\"}"),
        ("  \"api_key\":\"x2\",", "  \"api_key\":***"),
        ("url: a:b", "url: a:b"),
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

    @Test("what the lines above say: a secret key's children, list items and block scalar, a quoted value over lines, key paths")
    func multiLine() {
        let yaml = """
        db:
          password: top
        credentials:
          user: admin
          pass: hunter2
          nested:
            deep: value
        api_keys:
          - abc123
        - def456
        private_key: |
          -----BEGIN KEY-----
          MIIEvQ
        tls_key: >-
          folded
        log_level: info
        PRIVATE_KEY="-----BEGIN
        middle
        end-----"
        AFTER=visible

        """
        let masked = SecretMasker.maskText(yaml)
        #expect(masked == """
        db:
          password: ***
        credentials:
          user: ***
          pass: ***
          nested:
            deep: ***
        api_keys:
          - ***
        - ***
        private_key: |
          ***
          ***
        tls_key: >-
          ***
        log_level: info
        PRIVATE_KEY=***
        ***
        ***
        AFTER=visible

        """)
        for secret in ["top", "admin", "hunter2", "value", "abc123", "def456", "BEGIN", "MIIEvQ", "folded", "middle", "end---"] {
            #expect(!masked.contains(secret), "\(secret)")
        }
        let secrets = SecretMasker.secrets(in: yaml)
        #expect(secrets["db.password"] == "top" && secrets["credentials.pass"] == "hunter2")
    }

    @Test("Kubernetes' spelling: the value beside a name naming a secret is masked; other values are not")
    func nameValuePairs() {
        let text = """
        env:
          - name: DB_PASSWORD
            value: k8s-secret-1
          - name: LOG_LEVEL
            value: info
          - name: API_TOKEN
            valueFrom:
              secretKeyRef: { name: api, key: token }
        """
        #expect(SecretMasker.maskText(text) == """
        env:
          - name: DB_PASSWORD
            value: ***
          - name: LOG_LEVEL
            value: info
          - name: API_TOKEN
            valueFrom:
              secretKeyRef: ***
        """, "secretKeyRef names a KEY: its value is masked whole")
    }

    @Test("the same key under two parents: changed or unchanged by its own path; CRLF and lone CR lines")
    func pathsAndLineEnds() {
        let old = "db:\r\n  password: a\r\ncache:\r\n  password: b\r\n"
        let new = ["db:\r", "  password: a\r", "cache:\r", "  password: c\r"]
        #expect(SecretMasker.maskLines(new, comparedWith: SecretMasker.secrets(in: old))
                == ["db:\r", "  password: ***(unchanged)\r", "cache:\r", "  password: ***(changed)\r"])
        #expect(SecretMasker.maskText("A=1\rDB_PASSWORD=x\rB=2") == "A=1\rDB_PASSWORD=***\rB=2")
        #expect(SecretMasker.maskLines(["A=1\rDB_PASSWORD=x"]) == ["A=1\rDB_PASSWORD=***"])
    }

    @Test("a diff of a YAML secret block and of a compose file masks every spelling on both sides")
    func diffOfCompose() {
        let old = """
        services:
          api:
            environment:
              - DB_PASSWORD=old1
              - "API_TOKEN=old2"
              - DATABASE_URL=postgres://u:old3@db/app
            secrets:
              key: |
                old4

        """
        let new = old.replacing("old", with: "new")
        let text = ConfigDiff.lines(path: "/x/c.yml", name: "c.yml", snapshot: .bytes(Array(old.utf8)),
                                    current: .bytes(Array(new.utf8))).map(\.text).joined(separator: "\n")
        for value in ["old1", "old2", "old3", "old4", "new1", "new2", "new3", "new4"] {
            #expect(!text.contains(value), "\(value) shows in\n\(text)")
        }
        #expect(text.contains("+      - DB_PASSWORD=***(changed)") && text.contains("+      - \"API_TOKEN=***(changed)\""))
        #expect(text.contains("+      - DATABASE_URL=postgres://u:***(changed)@db/app") && text.contains("+        ***(changed)"))
    }
}
