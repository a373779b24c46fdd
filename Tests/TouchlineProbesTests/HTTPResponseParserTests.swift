import Testing
@testable import TouchlineOps
@testable import TouchlineProbes
@testable import TouchlineTestSupport

@Suite("HTTP response parser")
struct HTTPResponseParserTests {
    private func parse(_ text: String, limit: Int = 1024, pieces: Int = 1) throws -> HTTPResponse? {
        var parser = HTTPResponseParser(bodyLimit: limit)
        let bytes = Array(text.utf8)
        let size = max(1, bytes.count / pieces)
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + size)
            if let response = try parser.feed(Array(bytes[offset..<end])) { return response }
            offset = end
        }
        return nil
    }

    @Test("Content-Length body, fed whole or byte by byte")
    func contentLength() throws {
        let text = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n{\"status\":\"ok\"}"
        for pieces in [1, 7, text.utf8.count] {
            let response = try #require(try parse(text, pieces: pieces))
            #expect(response.status == 200)
            #expect(String(decoding: response.body, as: UTF8.self) == "{\"status\":\"ok\"}")
            #expect(response.keepAlive)
            #expect(response.headers["content-type"] == "application/json")
        }
    }

    @Test("chunked body with extensions and trailers")
    func chunked() throws {
        let text = "HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: chunked\r\n\r\n4;x=y\r\nabcd\r\n3\r\nefg\r\n0\r\nX-T: 1\r\n\r\n"
        for pieces in [1, 5, text.utf8.count] {
            let response = try #require(try parse(text, pieces: pieces))
            #expect(response.status == 503)
            #expect(String(decoding: response.body, as: UTF8.self) == "abcdefg")
        }
    }

    @Test("Connection: close and HTTP/1.0 end keep-alive; a close-delimited body ends at EOF")
    func closeDelimited() throws {
        var parser = HTTPResponseParser(bodyLimit: 100)
        #expect(try parser.feed(Array("HTTP/1.0 200 OK\r\n\r\nhello".utf8)) == nil)
        let response = try parser.finish()
        #expect(String(decoding: response.body, as: UTF8.self) == "hello")
        #expect(!response.keepAlive)
        let closing = try #require(try parse("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"))
        #expect(!closing.keepAlive)
    }

    @Test("bodies over the limit are refused, declared or streamed")
    func bodyLimit() {
        #expect(throws: ProbeFailure("response body larger than 1024 bytes")) {
            try parse("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n", limit: 1024)
        }
        let chunk = String(repeating: "x", count: 600)
        #expect(throws: ProbeFailure("response body larger than 1024 bytes")) {
            try parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n258\r\n\(chunk)\r\n258\r\n\(chunk)\r\n0\r\n\r\n", limit: 1024)
        }
    }

    @Test("garbage is invalid HTTP, not a crash", arguments: [
        "SSH-2.0-OpenSSH_9.2\r\n\r\n", "HTTP/1.1 abc OK\r\n\r\n", "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: -4\r\n\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    ])
    func garbage(text: String) {
        #expect(throws: ProbeFailure.self) { try parse(text) }
    }

    @Test("204 and HEAD have no body")
    func noBody() throws {
        let response = try #require(try parse("HTTP/1.1 204 No Content\r\n\r\n"))
        #expect(response.body.isEmpty)
    }
}
