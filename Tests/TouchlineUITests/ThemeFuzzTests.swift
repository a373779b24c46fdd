import Foundation
import Testing
@testable import TouchlineUI

/// Theme files broken on disk: a corpus of malformed files and a seeded fuzz of every shipped theme.
/// Each loads (perhaps with warnings) or fails with one ThemeError line starting with the file's path.
@Suite("Theme files: malformed corpus and fuzzing")
struct ThemeFuzzTests {
    static let corpus: [(String, [UInt8])] = [
        ("invalid-utf8", Array("[roles]\nok = { fg = \"#00ff00\" }\n".utf8) + [0xC3, 0x28, 0xFF, 0x0A]),
        ("roles-array", Array("roles = [\"ok\"]\n".utf8)),
        ("duplicate-role", Array("[roles]\nok = { fg = \"#00ff00\" }\nok = { fg = \"#ff0000\" }\n".utf8)),
        ("bad-hex", Array("[roles]\nwarn = { fg = \"#12345G\" }\n".utf8)),
        ("bg-bool", Array("[roles]\ncritical = { bg = true }\n".utf8)),
        ("unterminated-header", Array("[roles\nok = { fg = \"#00ff00\" }\n".utf8)),
        ("nul-in-string", Array("[roles]\nok = { fg = \"#00\u{0}ff00\" }\n".utf8)),
        ("description-table", Array("description = { a = 1 }\n".utf8)),
        ("truncated-inline-table", Array("[roles]\nok = { fg = \"#00ff00\", bold = ".utf8)),
        ("underline-number", Array("[roles]\nok = { underline = 1 }\n".utf8)),
    ]

    private func folder() throws -> String {
        let path = NSTemporaryDirectory() + "touchline-theme-fuzz-\(getpid())-\(UUID().uuidString.prefix(6))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// nil when the file loads, else the problem with its one-line message.
    private func problem(loading path: String) -> String? {
        do {
            _ = try ThemeLoader.load(path: path, name: "fuzz")
            return nil
        } catch {
            let line = error.description
            return line.contains("\n") || line.contains("\r") || !line.hasPrefix(path) ? line.debugDescription : nil
        }
    }

    @Test("each malformed theme file is one ThemeError line naming the file", arguments: corpus.map(\.0))
    func malformed(name: String) throws {
        let bytes = try #require(Self.corpus.first { $0.0 == name }).1
        let directory = try folder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = "\(directory)/\(name).toml"
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        #expect(throws: ThemeError.self) { try ThemeLoader.load(path: path, name: name) }
        #expect(problem(loading: path) == nil, "\(problem(loading: path) ?? "")")
    }

    @Test("200 seeded mutations of each shipped theme load or fail on one line naming the file", arguments: ThemeTests.shipped)
    func fuzz(theme: String) throws {
        let original = Array(try ThemeTests.text(of: theme).utf8)
        let directory = try folder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var state: UInt64 = 0x7E3E_0000 &+ UInt64(theme.utf8.count)
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(max(1, bound)))
        }
        var bad: [String] = []
        for iteration in 0..<200 {
            var bytes = original
            for _ in 0...next(3) where !bytes.isEmpty {
                switch next(4) {
                case 0: bytes.remove(at: next(bytes.count))
                case 1: bytes = Array(bytes[..<next(bytes.count)])
                case 2: bytes.insert(UInt8(truncatingIfNeeded: next(256)), at: next(bytes.count + 1))
                default: bytes.insert(contentsOf: Array(["\"", "{", "=", "\n[", "#", "😀", "\u{0}"][next(7)].utf8), at: next(bytes.count + 1))
                }
            }
            let path = "\(directory)/\(theme)-\(iteration).toml"
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            if let problem = problem(loading: path) { bad.append("#\(iteration): \(problem)") }
        }
        #expect(bad.isEmpty, "\(bad.prefix(10).joined(separator: "\n"))")
    }
}
