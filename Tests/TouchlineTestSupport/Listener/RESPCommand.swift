/// RESP encoding for the local listener that plays a Redis server.
enum RESPCommand {
    /// The first complete command (`*N` then N `$len` bulk strings) in `bytes` and how many bytes it
    /// used; nil while it is incomplete.
    static func parse(_ bytes: [UInt8]) -> ([String], Int)? {
        var index = 0
        func line() -> String? {
            var end = index
            while end + 1 < bytes.count {
                if bytes[end] == 13 && bytes[end + 1] == 10 {
                    let text = String(decoding: bytes[index..<end], as: UTF8.self)
                    index = end + 2
                    return text
                }
                end += 1
            }
            return nil
        }
        guard let header = line(), header.hasPrefix("*"), let count = Int(header.dropFirst()) else { return nil }
        var arguments: [String] = []
        for _ in 0..<count {
            guard let size = line(), size.hasPrefix("$"), let length = Int(size.dropFirst()),
                  index + length + 2 <= bytes.count else { return nil }
            arguments.append(String(decoding: bytes[index..<index + length], as: UTF8.self))
            index += length + 2
        }
        return (arguments, index)
    }

    /// A bulk string reply.
    static func bulk(_ text: String) -> [UInt8] {
        Array("$\(text.utf8.count)\r\n\(text)\r\n".utf8)
    }

    /// An array of bulk strings.
    static func array(_ items: [String]) -> [UInt8] {
        Array("*\(items.count)\r\n".utf8) + items.flatMap(bulk)
    }

    /// An error reply.
    static func error(_ text: String) -> [UInt8] {
        Array("-\(text)\r\n".utf8)
    }
}
