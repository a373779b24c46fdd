import ArgumentParser
import TouchlineCore

/// The one line a usage error prints on standard error, naming the subcommand it belongs to:
/// `touchline restore: missing expected argument '<file>' (see touchline restore --help)`.
///
/// A command group given no subcommand, or one it does not have, names the ones it has
/// (`touchline config: no subcommand given (one of: snapshot, snapshots, diff, restore)`), where the
/// argument parser would only have said that the next option was unknown; an unknown first word is an unknown
/// command (`touchline: unknown command 'chek' (see touchline --help)`).
enum UsageErrorLine {
    /// The line (without its newline) for `message`, the parser's or a validation's text, given the command line.
    static func line(message: String, arguments: [String]) -> String {
        let (path, command, rest) = walk(arguments)
        let name = (["touchline"] + path).joined(separator: " ")
        let subcommands = command.configuration.subcommands.map { $0.configuration.commandName ?? "\($0)" }
        let hint = "(see \(name) --help)"
        if !subcommands.isEmpty {
            let names = subcommands.joined(separator: ", ")
            if let next = rest.first, !next.hasPrefix("-") {
                if path.isEmpty { return "\(name): unknown command '\(next)' \(hint)" }
                return "\(name): unknown subcommand '\(next)' (one of: \(names)) \(hint)"
            }
            if command.configuration.defaultSubcommand == nil {
                return "\(name): no subcommand given (one of: \(names)) \(hint)"
            }
        }
        if let negative = negativeValue(message: message, arguments: Array(rest)) { return "\(name): \(negative) \(hint)" }
        let text = message.split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
            .joined(separator: "; ")
        return "\(name): \(lowercasedFirstWord(text)) \(hint)"
    }

    /// Follows the subcommand names at the start of `arguments` from the root: the names taken, the command
    /// reached and the arguments after them.
    private static func walk(_ arguments: [String]) -> ([String], any ParsableCommand.Type, ArraySlice<String>) {
        var command: any ParsableCommand.Type = Touchline.self
        var path: [String] = []
        var rest = arguments[...]
        while let next = rest.first,
              let sub = command.configuration.subcommands.first(where: { $0.configuration.commandName == next }) {
            path.append(next)
            command = sub
            rest = rest.dropFirst()
        }
        return (path, command, rest)
    }

    /// The parser reads `--limit -1` as `--limit` without its value (`-1` looks like an option): say what was given.
    private static func negativeValue(message: String, arguments: [String]) -> String? {
        if message.hasPrefix("Missing expected argument '<"),
           let given = arguments.first(where: { $0.count > 1 && $0.hasPrefix("-") && $0.dropFirst().first?.isNumber == true }) {
            let argument = message.dropFirst("Missing expected argument '".count).prefix { $0 != "'" }
            return "\(argument): '\(given)' is negative; \(argument) takes no negative value"
        }
        guard message.hasPrefix("Missing value for '--"),
              let option = message.dropFirst("Missing value for '".count).split(whereSeparator: { $0 == " " || $0 == "'" }).first,
              let index = arguments.firstIndex(of: String(option)), index + 1 < arguments.count else { return nil }
        let next = arguments[index + 1]
        guard next.count > 1, next.hasPrefix("-"), next.dropFirst().first?.isNumber == true else { return nil }
        return "\(option): '\(next)' is negative; \(option) takes no negative value"
    }

    /// `Unknown option '--x'` → `unknown option '--x'`; a word in capitals (`PID must …`) stays.
    private static func lowercasedFirstWord(_ text: String) -> String {
        guard let first = text.first, first.isUppercase else { return text }
        let second = text.dropFirst().first
        guard second.map({ $0.isLowercase || $0 == " " }) ?? true else { return text }
        return first.lowercased() + text.dropFirst()
    }
}
