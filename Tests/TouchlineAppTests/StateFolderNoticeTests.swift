import Foundation
import Testing
@testable import TouchlineApp
@testable import TouchlineCore

/// A state folder touchline cannot create or write is said at start (Events and the footer), not discovered
/// at the first refused action.
@Suite("State folder notice")
struct StateFolderNoticeTests {
    private func folder() throws -> String {
        let path = NSTemporaryDirectory() + "touchline-statefolder-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A config of environments named with their `state_dir`, one tcp probe each.
    private func text(_ environments: [(String, String)]) -> String {
        environments.map { name, stateDirectory in
            "[environments.\(name)]\nstate_dir = \"\(stateDirectory)\"\n"
                + "[[environments.\(name).probes]]\nname = \"api\"\nkind = \"tcp\"\naddress = \"127.0.0.1:9\"\n"
        }.joined()
    }

    private func state(_ text: String, folder: String, shown: Int = 0) throws -> DashboardState {
        let config = try ConfigLoader.parse(text, file: "\(folder)/config.toml", baseDirectory: folder, environment: [:])
        var state = DashboardState(environments: config.environments, environmentIndex: shown, theme: "default", themes: ["default"],
                                   readOnly: false, now: Date(), width: 120, height: 40)
        StateFolderNotice.note(in: &state, environments: config.environments)
        return state
    }

    @Test("a state_dir under a regular file, or that is a file: a red event per environment, the shown one in the footer")
    func unusable() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(FileManager.default.createFile(atPath: root + "/plain", contents: Data("x".utf8)))
        let text = text([("staging", "\(root)/plain/state"), ("production", "\(root)/plain")])
        let state = try state(text, folder: root)
        let lines = state.events.map(\.message)
        #expect(lines.contains("state folder \(root)/plain/state: Not a directory: no touchline.log, and actions are refused (their audit cannot be written)"),
                "\(lines)")
        #expect(lines.contains("state folder \(root)/plain: Not a directory: no touchline.log, and actions are refused (their audit cannot be written)"),
                "\(lines)")
        #expect(state.events.allSatisfy { $0.status == .down })
        #expect(Set(state.events.compactMap(\.environment)) == ["staging", "production"])
        #expect(state.notice?.hasPrefix("state folder \(root)/plain/state: Not a directory") == true, "\(state.notice ?? "")")
    }

    @Test("a missing state_dir is created and nothing is said")
    func created() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let text = text([("staging", "\(root)/a/b/state")])
        let state = try state(text, folder: root)
        #expect(state.events.isEmpty && state.notice == nil)
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: root + "/a/b/state", isDirectory: &isFolder) && isFolder.boolValue)
    }
}
