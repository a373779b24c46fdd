import CHiredis

/// One RESP reply as the Redis checker uses it: text (status, bulk string or integer), an error, an array
/// or nil.
enum RedisReply: Equatable {
    case text(String)
    case error(String)
    case array([RedisReply])
    case null

    /// Copies a hiredis reply (and its elements) out of C memory.
    init(_ reply: redisReply) {
        let body = reply.str.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: reply.len), as: UTF8.self) } ?? ""
        switch reply.type {
        case REDIS_REPLY_ERROR:
            self = .error(body)
        case REDIS_REPLY_INTEGER:
            self = .text(String(reply.integer))
        case REDIS_REPLY_NIL:
            self = .null
        case REDIS_REPLY_ARRAY:
            var elements: [RedisReply] = []
            if let element = reply.element {
                for index in 0..<reply.elements {
                    elements.append(element[index].map { RedisReply($0.pointee) } ?? .null)
                }
            }
            self = .array(elements)
        default:
            self = .text(body)
        }
    }

    /// The value of the first name/value pair of a `CONFIG GET` answer, or nil for an empty answer.
    var configValue: String? {
        guard case .array(let pairs) = self, pairs.count >= 2, case .text(let value) = pairs[1] else { return nil }
        return value
    }

    /// The reply as text: a string's or integer's text, an error's message, empty for an array or nil.
    var text: String {
        switch self {
        case .text(let text), .error(let text): return text
        case .array, .null: return ""
        }
    }
}
