/// Which keys trigger which actions: the defaults, with the `[keys]` table of config.toml laid over them.
public struct KeyBindings: Sendable, Equatable {
    /// Keys per action.
    public private(set) var keys: [KeyAction: [KeyPress]]

    /// The default bindings.
    public static let standard = KeyBindings(keys: Dictionary(uniqueKeysWithValues: KeyAction.allCases.map { ($0, $0.defaultKeys) }))

    /// Creates bindings from a complete map.
    public init(keys: [KeyAction: [KeyPress]]) {
        self.keys = keys
    }

    /// Rebinds `action` to `presses`.
    public mutating func bind(_ action: KeyAction, to presses: [KeyPress]) {
        keys[action] = presses
    }

    /// The action bound to `key`, if any.
    public func action(for key: KeyPress) -> KeyAction? {
        KeyAction.allCases.first { keys[$0]?.contains(key) == true }
    }

    /// The keys of `action` as the help and footer show them, e.g. `↑/k`.
    public func label(_ action: KeyAction) -> String {
        (keys[action] ?? []).map(\.label).joined(separator: "/")
    }

    /// The first action bound to two actions' shared key, as a conflict message; nil when none.
    public var conflict: String? {
        var seen: [KeyPress: KeyAction] = [:]
        for action in KeyAction.allCases {
            for key in keys[action] ?? [] {
                if let other = seen[key] { return "key '\(key.label)' is bound to both \(other.rawValue) and \(action.rawValue)" }
                seen[key] = action
            }
        }
        return nil
    }
}
