import Foundation
import Testing
import TouchlineCore

/// Issue 18's build check: no product target imports the full Foundation (or its internationalization, ICU,
/// networking or XML parts) — only FoundationEssentials — and the built executable does not load them,
/// whatever a dependency imports. (The test targets themselves may use Foundation.)
@Suite("Lean: no full Foundation in touchline")
struct NoFoundationTests {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The modules that load libFoundation, FoundationInternationalization or ICU.
    private static let forbidden = ["Foundation", "FoundationInternationalization", "FoundationNetworking", "FoundationXML",
                                    "_FoundationICU", "CoreFoundation"]

    /// `file:line: import X` for every import of a forbidden module in `text`, in any spelling Swift accepts
    /// (`@preconcurrency`, access levels, `@_exported`, `import struct Foundation.Date`).
    static func forbiddenImports(in text: String, file: String) -> [String] {
        var found: [String] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let importAt = words.firstIndex(of: "import") else { continue }
            let before = words[..<importAt]
            let modifiers: Set<String> = ["@preconcurrency", "@_exported", "@_implementationOnly", "@testable", "public", "package",
                                          "internal", "fileprivate", "private"]
            guard before.allSatisfy({ modifiers.contains($0) || $0.hasPrefix("@_spi") }) else { continue }
            var rest = words[(importAt + 1)...]
            if let kind = rest.first, ["struct", "class", "enum", "protocol", "func", "var", "let", "typealias"].contains(kind) {
                rest = rest.dropFirst()
            }
            guard let path = rest.first else { continue }
            let module = String(path.split(separator: ".").first ?? "")
            if forbidden.contains(module) { found.append("\(file):\(number + 1): \(line.trimmingWhitespace())") }
        }
        return found
    }

    @Test("the check itself finds every spelling and leaves FoundationEssentials alone")
    func spellings() {
        let text = """
            import FoundationEssentials
            import Foundation
            @preconcurrency import Foundation
            public import FoundationInternationalization
            import struct Foundation.Date
            @_exported import Foundation
            // import Foundation in a comment does not count when not at a line's start
            let x = 1 // import Foundation
            import Glibc
            """
        let found = Self.forbiddenImports(in: text, file: "x.swift")
        #expect(found.map { $0.split(separator: ":")[1] } == ["2", "3", "4", "5", "6"], "\(found)")
    }

    @Test("no file under Sources imports Foundation, FoundationInternationalization or ICU")
    func sources() throws {
        let sources = Self.root.appendingPathComponent("Sources")
        let files = try FileManager.default.subpathsOfDirectory(atPath: sources.path).filter { $0.hasSuffix(".swift") }
        #expect(files.count > 100)
        var found: [String] = []
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            found += Self.forbiddenImports(in: text, file: "Sources/\(file)")
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    @Test("the built touchline loads no libFoundation, FoundationInternationalization or ICU (ldd)")
    func executable() throws {
        let binary = Self.root.appendingPathComponent(".build/debug/touchline").path
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build first: swift build --build-tests")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ldd")
        process.arguments = [binary]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(output.contains("libswiftCore") || output.contains("libc.so"), "\(output)")
        let loaded = output.split(separator: "\n").filter {
            $0.contains("libFoundation.so") || $0.contains("libFoundationInternationalization") || $0.contains("FoundationICU")
                || $0.contains("libFoundationNetworking") || $0.contains("libFoundationXML")
        }
        #expect(loaded.isEmpty, "\(loaded.joined(separator: "\n"))")
    }
}
