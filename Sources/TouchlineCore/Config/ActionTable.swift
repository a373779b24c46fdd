import FoundationEssentials

/// Reading one action table of an environment (`[environments.NAME.backup]`, `.rehearsal`, …) with every
/// problem reported as one ``ConfigError`` naming the file, the line when it can be found, and the key.
enum ActionTable {
    /// A reader over `values`, the table `environments.ENV.NAME`, locating keys with `locator` (the text the
    /// config was loaded from) or, without one, in the file `configFile` as it is on disk now.
    static func reader(_ values: [String: ConfigValue], environment: EnvironmentConfig, name: String,
                       configFile: String, locator: TOMLKeyLocator? = nil) -> TableReader {
        let context = TableReader.Context(file: configFile, locator: locator ?? TOMLKeyLocator(
            text: onDisk(configFile)))
        return TableReader(values, path: "environments.\(environment.name).\(name)", context: context)
    }

    /// The text of the config file as it is on disk now, for line numbers; empty when it is not a regular
    /// file (a pipe it was read from cannot be read twice) or cannot be read.
    private static func onDisk(_ configFile: String) -> String {
        guard let bytes = try? BoundedFile.read(configFile, limit: ConfigLoader.maximumFileSize, source: .regularFile) else { return "" }
        return String(validating: bytes, as: UTF8.self) ?? ""
    }

    /// Reads the table `name` of `environment` with `read`; `missing` completes the error when there is none.
    static func parse<Value>(_ name: String, of environment: EnvironmentConfig, configFile: String,
                             locator: TOMLKeyLocator? = nil, missing: String, _ read: (inout TableReader) throws -> Value) throws(ConfigError) -> Value {
        let path = "environments.\(environment.name).\(name)"
        guard let raw = environment.actionTables[name] else {
            throw ConfigError(file: configFile, line: nil, key: path, message: "no \(name) configured: add [\(path)] \(missing)")
        }
        guard case .table(let values) = raw else {
            throw ConfigError(file: configFile, line: nil, key: path, message: "expected a table, found \(raw.typeName)")
        }
        var reader = reader(values, environment: environment, name: name, configFile: configFile, locator: locator)
        do {
            return try read(&reader)
        } catch let error as ConfigError {
            throw error
        } catch {
            throw ConfigError(file: configFile, line: nil, key: path, message: "\(error)")
        }
    }
}
