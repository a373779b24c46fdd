import Foundation
import Testing
@testable import TouchlineTestSupport

/// The real binary started on terminal types that cannot be driven full-screen: one line, exit 3, never a blank
/// screen; a type with cursor addressing and clearing still starts the dashboard.
extension RealStackSuite {
@Suite("Terminal capabilities", .serialized)
struct TerminalCapabilityTests {
    private func stack() throws -> TestStack {
        switch TestStack.shared {
        case .success(let stack): return stack
        case .failure(let error): throw error
        }
    }

    /// Compiles terminfo entries that lack one capability each into a private TERMINFO folder.
    private func privateTerminfo(in directory: String) throws -> String {
        let folder = "\(directory)/terminfo-\(UUID().uuidString.prefix(6))"
        let source = """
        tl-nocup|glass tty that clears but cannot address the cursor,
        \tam, cols#80, lines#24, bel=^G, cr=\\r, clear=\\E[H\\E[J, cud1=\\n, ind=\\n,
        tl-noclear|addressable tty that cannot clear,
        \tam, cols#80, lines#24, bel=^G, cr=\\r, cup=\\E[%i%p1%d;%p2%dH, cud1=\\n, ind=\\n,
        tl-hardcopy|printing terminal,
        \thc, cols#132, bel=^G, cr=\\r, cud1=\\n, ind=\\n,
        tl-generic|generic line type,
        \tgn, cols#80, lines#24, bel=^G, cr=\\r, clear=\\E[H\\E[J, cup=\\E[%i%p1%d;%p2%dH, cud1=\\n, ind=\\n,
        tl-generic-bare|generic line type without addressing,
        \tgn, cols#80, bel=^G, cr=\\r, cud1=\\n, ind=\\n,

        """
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try source.write(toFile: "\(folder)/entries.src", atomically: true, encoding: .utf8)
        let (code, output) = ProcessRunner.run("/usr/bin/tic", ["-x", "-o", folder, "\(folder)/entries.src"],
                                               environment: ProcessInfo.processInfo.environment, timeout: 20)
        #expect(code == 0, "tic failed: \(output)")
        return folder
    }

    /// Starts the dashboard in tmux with `TERM=term` and waits for it to exit; returns the screen and the exit status.
    private func start(term: String, terminfo: String?, stack: TestStack) throws -> (screen: String, code: String) {
        let config = try stack.writeConfig()
        let marker = "\(stack.directory)/term-\(UUID().uuidString.prefix(6))"
        let binary = TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path
        let prefix = (terminfo.map { "TERMINFO=\($0) " } ?? "") + "TERM=\(term)"
        let command = "\(prefix) \(binary) --config \(config); echo $? > \(marker).code; echo exited; sleep 60"
        let session = try TmuxSession(command: command, width: 200, height: 30, environment: stack.environment)
        let finished = session.waitFor(seconds: 10) { $0.contains("exited") }
        #expect(finished.matched, "touchline did not exit on TERM=\(term):\n\(finished.screen)")
        let code = (try? String(contentsOfFile: "\(marker).code", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return (finished.screen, code)
    }

    @Test("TERM=dumb, an unknown type and private entries without cup, clear, or with hc / gn: one line naming the type and the lack, exit 3",
          arguments: [
              ("dumb", nil, "cannot address the cursor"),
              ("tl-nocup", "private", "cannot address the cursor"),
              ("tl-noclear", "private", "cannot clear the screen"),
              ("tl-hardcopy", "private", "is a hard-copy or generic type"),
              ("tl-generic", "private", "is a hard-copy or generic type"),
              ("tl-generic-bare", "private", "is not in the terminfo database or is generic (it names no particular terminal)"),
              ("tl-nosuchtype", nil, "is not in the terminfo database or is generic (it names no particular terminal)"),
          ] as [(String, String?, String)])
    func refused(term: String, source: String?, lack: String) throws {
        let stack = try stack()
        let terminfo = try source.map { _ in try privateTerminfo(in: stack.directory) }
        let (screen, code) = try start(term: term, terminfo: terminfo, stack: stack)
        #expect(code == "3", "exit status \(code) on TERM=\(term):\n\(screen)")
        let lines = screen.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        #expect(lines.count == 2, "expected the refusal line and the marker only:\n\(screen)")
        #expect(lines.first?.contains("terminal type '\(term)' \(lack); use a full-screen terminal") == true, "\(screen)")
        #expect(lines.first?.hasSuffix("or touchline check") == true,
                "\(screen)")
    }

    @Test("TERM=vt100 and TERM=ansi (cursor addressing and clearing) still start the dashboard; q exits 0",
          arguments: ["vt100", "ansi"])
    func capableStarts(term: String) throws {
        let stack = try stack()
        let config = try stack.writeConfig()
        let marker = "\(stack.directory)/term-\(UUID().uuidString.prefix(6))"
        let binary = TestStack.repositoryRoot.appendingPathComponent(".build/debug/touchline").path
        let command = "TERM=\(term) \(binary) --config \(config); echo $? > \(marker).code; echo exited; sleep 60"
        let session = try TmuxSession(command: command, width: 100, height: 30, environment: stack.environment)
        let shown = session.waitFor(seconds: 10) { $0.contains("Services") && $0.contains("Events") }
        #expect(shown.matched, "dashboard not drawn on TERM=\(term):\n\(shown.screen)")
        session.send("q")
        let finished = session.waitFor(seconds: 10) { $0.contains("exited") }
        #expect(finished.matched, "\(finished.screen)")
        let code = (try? String(contentsOfFile: "\(marker).code", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(code == "0")
    }
}
}
