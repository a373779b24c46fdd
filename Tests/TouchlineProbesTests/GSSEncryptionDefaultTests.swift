import Testing
@testable import TouchlineProbes

@Suite("libpq's gssencmode default")
struct GSSEncryptionDefaultTests {
    @Test("disabled only when no Kerberos is configured and the user chose nothing")
    func decision() {
        let none: (String) -> String? = { _ in nil }
        let noFiles: (String) -> Bool = { _ in false }
        let disabled = GSSEncryptionDefault.keywords(variable: none, userID: 1000, exists: noFiles)
        #expect(disabled.map(\.0) == ["gssencmode"] && disabled.map(\.1) == ["disable"])
        for variable in ["PGGSSENCMODE", "KRB5CCNAME", "KRB5_CONFIG"] {
            #expect(GSSEncryptionDefault.keywords(variable: { $0 == variable ? "x" : nil }, userID: 1000, exists: noFiles).isEmpty)
        }
        for file in ["/etc/krb5.conf", "/tmp/krb5cc_1000"] {
            #expect(GSSEncryptionDefault.keywords(variable: none, userID: 1000, exists: { $0 == file }).isEmpty)
        }
        #expect(GSSEncryptionDefault.keywords(variable: none, userID: 1000, exists: { $0 == "/tmp/krb5cc_0" }).count == 1)
    }
}
