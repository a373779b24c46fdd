import CNcursesw
import TouchlineCore

/// Maps what `wget_wch` returns to a ``KeyPress`` (or a resize).
enum KeyDecoder {
    /// What one read produced.
    enum Input {
        case key(KeyPress)
        case resize
        case ignored
    }

    /// One read of `wget_wch`.
    enum Read: Equatable {
        /// A function-key code (`KEY_CODE_YES`).
        case function(Int32)
        /// A character code (`OK`).
        case character(UInt32)
    }

    /// Decodes one batch of reads, in order: a run of characters starting with ESC that forms a key
    /// sequence (``EscapeSequence``) becomes that key, or nothing; everything else decodes on its own.
    static func decode(_ reads: [Read]) -> [Input] {
        var inputs: [Input] = []
        var index = 0
        while index < reads.count {
            switch reads[index] {
            case .function(let code):
                inputs.append(function(code))
                index += 1
            case .character(let code):
                if code == 27 {
                    var run: [UInt32] = []
                    for read in reads[index...].prefix(32) {  // a key sequence is a few bytes
                        guard case .character(let next) = read else { break }
                        run.append(next)
                    }
                    if let sequence = EscapeSequence.decode(run[...]) {
                        inputs.append(sequence.key.map(Input.key) ?? .ignored)
                        index += sequence.length
                        continue
                    }
                }
                inputs.append(character(code))
                index += 1
            }
        }
        return inputs
    }

    /// Decodes a function-key code (`KEY_CODE_YES`).
    static func function(_ code: Int32) -> Input {
        switch code {
        case KEY_RESIZE: return .resize
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_BTAB: return .key(.backTab)
        case KEY_ENTER: return .key(.enter)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        default: return .ignored
        }
    }

    /// Decodes a character code.
    static func character(_ code: UInt32) -> Input {
        switch code {
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        case 1...26:
            // Ctrl-A … Ctrl-Z (those bound, e.g. Ctrl-R reload); Ctrl-C and Ctrl-Z arrive as signals instead.
            guard let scalar = Unicode.Scalar(code) else { return .ignored }
            return .key(.character(Character(scalar)))
        case 0..<32: return .ignored
        default:
            guard let scalar = Unicode.Scalar(code) else { return .ignored }
            return .key(.character(Character(scalar)))
        }
    }
}
