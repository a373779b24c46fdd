import Foundation
import Testing
@testable import TouchlineUI

@Suite("Themes: shipped files, layering, warnings, errors, search order")
struct ThemeTests {
    static let themesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Themes").path
    static let shipped = ["default", "light", "high-contrast", "monochrome", "colorblind"]

    /// A style no real theme uses, to tell "set by the file" from "inherited".
    static let sentinel = TextStyle(foreground: RGB(0x010203), background: RGB(0x040506), bold: true, dim: true,
                                    underline: true, reverse: true)

    static func text(of name: String) throws -> String {
        let path = "\(themesDirectory)/\(name).toml"
        let data = try #require(FileManager.default.contents(atPath: path), "missing \(path)")
        return try #require(String(data: data, encoding: .utf8))
    }

    @Test("every shipped theme loads without warnings and sets every role itself", arguments: shipped)
    func shippedTheme(name: String) throws {
        let loaded = try ThemeLoader(directories: [Self.themesDirectory]).load(name)
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
        #expect(loaded.path == "\(Self.themesDirectory)/\(name).toml")
        let overSentinel = try ThemeParser.parse(try Self.text(of: name), file: "\(name).toml", name: name,
                                                 base: Theme(name: "sentinel", base: Self.sentinel))
        for role in StyleRole.allCases {
            #expect(overSentinel.theme[role] != Self.sentinel, "\(name).toml does not set \(role.name)")
        }
    }

    @Test("production is unmistakable in every shipped theme: bold, and a background or reverse video", arguments: shipped)
    func productionStandsOut(name: String) throws {
        let theme = try ThemeLoader(directories: [Self.themesDirectory]).load(name).theme
        let production = theme[.envProduction]
        #expect(production.bold)
        #expect(production.background != nil || production.reverse)
        #expect(production != theme[.envStaging])
    }

    @Test("the shipped default and monochrome files repeat the built-in themes")
    func filesMatchBuiltIns() throws {
        var standard = try ThemeLoader(directories: [Self.themesDirectory]).load("default").theme
        standard.name = Theme.standard.name
        #expect(standard == Theme.standard)
        let monochrome = try ThemeLoader(directories: [Self.themesDirectory]).load("monochrome").theme
        #expect(monochrome == Theme.monochrome)
    }

    @Test("monochrome uses attributes only, and still tells problems apart")
    func monochrome() throws {
        #expect(!Theme.monochrome.hasColors)
        #expect(!(try ThemeLoader(directories: [Self.themesDirectory]).load("monochrome").theme.hasColors))
        let mono = Theme.monochrome
        #expect(mono[.critical] != mono[.ok])
        #expect(mono[.warn] != mono[.ok])
        #expect(mono[.selection].reverse)
        #expect(mono[.envProduction] != mono[.envStaging])
        #expect(!Theme.standard.withoutColors.hasColors)
    }

    @Test("roles a file leaves out keep the built-in default; a role it sets is replaced entirely")
    func layering() throws {
        let loaded = try ThemeParser.parse("[roles]\nok = { fg = \"#00ff00\" }\n", file: "partial.toml", name: "partial")
        #expect(loaded.warnings.isEmpty)
        #expect(loaded.theme.name == "partial")
        #expect(loaded.theme[.ok] == TextStyle(foreground: RGB(0x00FF00)))
        #expect(loaded.theme[.warn] == Theme.standard[.warn])
        #expect(loaded.theme[.critical] == Theme.standard[.critical])
        let inline = try ThemeParser.parse("[roles.critical]\nfg = \"default\"\nbold = true\nreverse = true\n",
                                           file: "tables.toml", name: "tables")
        #expect(inline.theme[.critical] == TextStyle(bold: true, reverse: true))
        let empty = try ThemeParser.parse("", file: "empty.toml", name: "empty")
        #expect(empty.theme[.border] == Theme.standard[.border])
    }

    @Test("unknown roles and keys are warnings naming file, line and role, with a suggestion")
    func unknownRoles() throws {
        let text = """
            description = "test"
            colour = "blue"
            [roles]
            ok = { fg = "#00ff00", italic = true }
            blinky = { fg = "#ffffff" }
            borderFocused = { bold = true }
            """
        let loaded = try ThemeParser.parse(text, file: "Themes/custom.toml", name: "custom")
        #expect(loaded.warnings == [
            "Themes/custom.toml:2: colour: unknown key, ignored (a theme file has [roles] and an optional description)",
            "Themes/custom.toml:4: roles.ok.italic: unknown key, ignored (a role takes fg, bg, bold, dim, underline, reverse)",
            "Themes/custom.toml:5: roles.blinky: unknown role 'blinky', ignored",
            "Themes/custom.toml:6: roles.borderFocused: unknown role 'borderFocused', ignored (did you mean 'border_focused'?)",
        ])
        #expect(loaded.theme[.ok] == TextStyle(foreground: RGB(0x00FF00)))
        #expect(loaded.warnings.allSatisfy { !$0.contains("\n") })
    }

    @Test("malformed files are one-line ThemeErrors naming file, line and key", arguments: [
        ("[roles]\nok = { fg = \"#12345\" }\n", "bad.toml:2: roles.ok.fg: \"#12345\" is not a colour: write \"#RRGGBB\" (six hex digits) or \"default\""),
        ("[roles]\nwarn = { fg = \"orange\" }\n", "bad.toml:2: roles.warn.fg: \"orange\" is not a colour: write \"#RRGGBB\" (six hex digits) or \"default\""),
        ("[roles]\nok = { bold = \"yes\" }\n", "bad.toml:2: roles.ok.bold: expected true or false, found string"),
        ("[roles]\nok = { fg = 255 }\n", "bad.toml:2: roles.ok.fg: expected a colour string such as \"#5fd75f\", found integer"),
        ("[roles]\nok = \"green\"\n", "bad.toml:2: roles.ok: expected a table such as { fg = \"#5fd75f\", bold = true }, found string"),
        ("roles = 3\n", "bad.toml:1: roles: expected a table ([roles]), found integer"),
        ("[roles.critical]\nfg = \"#ff0000\"\nbg = \"#GG0000\"\n", "bad.toml:3: roles.critical.bg: \"#GG0000\" is not a colour: write \"#RRGGBB\" (six hex digits) or \"default\""),
    ])
    func malformed(text: String, message: String) {
        #expect(throws: ThemeError.self) { try ThemeParser.parse(text, file: "bad.toml", name: "bad") }
        do {
            _ = try ThemeParser.parse(text, file: "bad.toml", name: "bad")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("a TOML syntax error names the file and line, on one line")
    func syntaxError() {
        do {
            _ = try ThemeParser.parse("[roles]\nok = { fg = \"#00ff00\"\nwarn = {}\n", file: "broken.toml", name: "broken")
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.file == "broken.toml")
            #expect(error.line != nil)
            #expect(error.description.hasPrefix("broken.toml:"))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test("search order: --themes-dir, then $XDG_CONFIG_HOME (or ~/.config), then the installation")
    func searchOrder() {
        let withXDG = ThemeLoader.searchDirectories(themesDirectory: "/tmp/mine", environment: ["XDG_CONFIG_HOME": "/cfg", "HOME": "/home/op"],
                                                    installationDirectories: ["/opt/touchline/Themes"])
        #expect(withXDG == ["/tmp/mine", "/cfg/touchline/themes", "/opt/touchline/Themes"])
        let withHome = ThemeLoader.searchDirectories(themesDirectory: nil, environment: ["HOME": "/home/op", "XDG_CONFIG_HOME": ""],
                                                     installationDirectories: ["/opt/touchline/Themes", "/opt/touchline/Themes"])
        #expect(withHome == ["/home/op/.config/touchline/themes", "/opt/touchline/Themes"])
        #expect(ThemeLoader.searchDirectories(themesDirectory: nil, environment: [:], installationDirectories: []) == [])

        let loader = ThemeLoader(directories: ["/a", "/b", "/c"])
        #expect(loader.path(of: "dusk") { $0 == "/b/dusk.toml" || $0 == "/c/dusk.toml" } == "/b/dusk.toml")
        #expect(loader.path(of: "dusk") { _ in false } == nil)
        #expect(loader.path(of: "../etc/passwd") { _ in true } == nil)
    }

    @Test("the first folder holding a theme wins; listing merges folders, default first")
    func foldersOnDisk() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("touchline-themes-\(UUID().uuidString)")
        let user = root.appendingPathComponent("user"), install = root.appendingPathComponent("install")
        try FileManager.default.createDirectory(at: user, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: install, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try "[roles]\nok = { fg = \"#111111\" }\n".write(to: user.appendingPathComponent("dusk.toml"), atomically: true, encoding: .utf8)
        try "[roles]\nok = { fg = \"#222222\" }\n".write(to: install.appendingPathComponent("dusk.toml"), atomically: true, encoding: .utf8)
        try "[roles]\n".write(to: install.appendingPathComponent("dawn.toml"), atomically: true, encoding: .utf8)
        try "not a theme".write(to: install.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        let loader = ThemeLoader(directories: [root.appendingPathComponent("missing").path, user.path, install.path])
        #expect(try loader.load("dusk").theme[.ok].foreground == RGB(0x111111))
        #expect(try loader.load("dawn").warnings.isEmpty)
        #expect(loader.availableThemes() == ["default", "dawn", "dusk", "monochrome"])
        #expect(ThemeLoader.availableThemes(in: [install.path]) == ["default", "dawn", "dusk", "monochrome"])
        #expect(try loader.load("default").theme == Theme.standard)
        #expect(try loader.load("monochrome").theme == Theme.monochrome)
        do {
            _ = try loader.load("solarized")
            Issue.record("expected an error for a missing theme")
        } catch {
            #expect(error.description.hasPrefix("solarized.toml: no theme named 'solarized' (looked in: "))
            #expect(error.description.hasSuffix("available: default, dawn, dusk, monochrome"))
        }
    }

    @Test("the shipped folder lists every shipped theme")
    func shippedList() {
        let names = ThemeLoader(directories: [Self.themesDirectory]).availableThemes()
        #expect(names.first == "default")
        #expect(Set(names) == Set(Self.shipped))
    }

    @Test("NO_COLOR switches colour off when set to anything but the empty string")
    func noColor() {
        #expect(ThemeLoader.colorDisabled(environment: ["NO_COLOR": "1"]))
        #expect(!ThemeLoader.colorDisabled(environment: ["NO_COLOR": ""]))
        #expect(!ThemeLoader.colorDisabled(environment: [:]))
    }

    @Test("role names round-trip and every role has a distinct overlay code and slot")
    func roleNames() {
        for role in StyleRole.allCases {
            #expect(StyleRole(name: role.name) == role)
            #expect(StyleRole(slot: role.slot) == role)
        }
        #expect(Set(StyleRole.allCases.map(\.code)).count == StyleRole.allCases.count)
        #expect(StyleRole(name: "border_focused") == .borderFocused)
        #expect(StyleRole(name: "borderFocused") == nil)
        #expect(Theme.standard.stylesBySlot.count == StyleRole.allCases.count)
    }
}
