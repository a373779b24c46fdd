import Foundation
import Testing
import TouchlineCore

/// Every machine-readable output shares one style: sorted keys and slashes as they are (a tester found
/// `touchline snapshot --json` printing `"\/work\/…"` while `config snapshots --json` printed `/work/…`).
@Suite("JSON output style")
struct JSONOutputTests {
    private func text(_ value: JSONValue, pretty: Bool = false) throws -> String {
        String(decoding: try JSONOutput.encoder(pretty: pretty).encode(value), as: UTF8.self)
    }

    @Test("keys sorted, slashes not escaped, one line or indented")
    func style() throws {
        let value = JSONValue.object(["json": "/work/state/snapshots/x.json", "environment": "staging", "url": "https://a/b"])
        #expect(try text(value) == #"{"environment":"staging","json":"/work/state/snapshots/x.json","url":"https://a/b"}"#)
        let pretty = try text(value, pretty: true)
        #expect(pretty.contains("\n") && pretty.contains(#""json" : "/work/state/snapshots/x.json""#), "\(pretty)")
        #expect(!pretty.contains("\\/"))
    }

    @Test("ActionJSON's encoder (audit records, action results) has the same style")
    func outputs() throws {
        let actions = try String(decoding: ActionJSON.encoder().encode(["path": "/a/b"]), as: UTF8.self)
        #expect(actions == #"{"path":"/a/b"}"#)
    }
}
