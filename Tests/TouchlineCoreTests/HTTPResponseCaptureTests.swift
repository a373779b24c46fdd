import Testing
@testable import TouchlineCore

/// The last response kept for the detail view stays small: headers to 4 KiB, the body to 2 KiB.
@Suite("HTTP response capture: status line, headers capped at 4 KiB, the first 2 KiB of the body")
struct HTTPResponseCaptureTests {
    @Test("a 1 MiB body keeps its first 2048 bytes and its full length; 200 long headers stop at 4 KiB, in order")
    func caps() {
        let body = Array(repeating: UInt8(ascii: "x"), count: 1 << 20)
        let headers = (0..<200).map { "x-filler-\($0): " + String(repeating: "v", count: 40) }
        let capture = HTTPResponseCapture(statusLine: "HTTP/1.1 200 OK", headerLines: headers, body: body)
        #expect(capture.bodyPrefix.utf8.count == HTTPResponseCapture.bodyLimit)
        #expect(capture.bodyBytes == 1 << 20)
        #expect(capture.headerLines.reduce(0) { $0 + $1.utf8.count } <= HTTPResponseCapture.headerLimit)
        #expect(capture.headersTruncated)
        #expect(capture.headerLines.first == headers.first && capture.headerLines == Array(headers.prefix(capture.headerLines.count)))
    }

    @Test("a small response is kept whole; bytes that are not UTF-8 are replaced, not dropped")
    func small() {
        let capture = HTTPResponseCapture(statusLine: "HTTP/2 503", headerLines: ["content-type: application/json"],
                                          body: Array(#"{"error":"injected fault"}"#.utf8) + [0xFF])
        #expect(!capture.headersTruncated && capture.headerLines.count == 1)
        #expect(capture.bodyPrefix == #"{"error":"injected fault"}"# + "\u{FFFD}")
        #expect(capture.bodyBytes == 27)
    }
}
