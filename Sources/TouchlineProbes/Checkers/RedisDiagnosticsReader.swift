import FoundationEssentials
import TouchlineCore

/// Reads the Redis diagnostics of a redis probe's server (key `d`, `touchline redis-info`, the incident
/// snapshot) over one ``RedisConnection`` named `touchline-diagnostics-PID`.
///
/// Read-only: `CONFIG GET` of the slow log's and latency monitor's settings, `SLOWLOG GET 128`, `LATENCY LATEST`,
/// `CLIENT LIST`, `MEMORY DOCTOR`, `LATENCY DOCTOR`, `INFO keyspace`. Each command has a deadline of its own, the
/// probe's timeout. An error reply (an ACL's `NOPERM`, `ERR unknown command` for a command renamed away) fills
/// only its own section with the refusal in words; a command that times out or loses the connection fills its
/// section with that failure and the next command reconnects.
public enum RedisDiagnosticsReader {
    /// Reads every section; fails only when the server cannot be reached or refuses the connection (`AUTH`).
    /// `environment` supplies the probe's `password_env`.
    public static func read(_ probe: ProbeConfig, environment: [String: String]) -> Result<RedisDiagnostics, ProbeFailure> {
        guard case .redis(let address, let passwordEnv, let username) = probe.target else {
            return .failure(ProbeFailure("\(probe.name) is \(probe.kind.withArticle) probe, not a redis one"))
        }
        let connection = RedisConnection(address: address, password: passwordEnv.flatMap { environment[$0] }, username: username,
                                         clientName: RedisConnection.clientName(role: "diagnostics"))
        defer { connection.close() }
        var session = Session(connection: connection, timeout: probe.timeout)
        do throws(ProbeFailure) {
            try session.reopen()
        } catch {
            return .failure(error)
        }
        var settings: [String: String] = [:]
        for name in RedisDiagnostics.settingNames {
            guard case .value(let reply) = session.run(["CONFIG", "GET", name]) else { break }
            if let value = reply.configValue { settings[name] = value }
        }
        let slowlog = session.run(["SLOWLOG", "GET", String(RedisDiagnostics.slowlogCount)]).map(slowlogEntries)
        let latency = session.run(["LATENCY", "LATEST"]).map(latencyEvents)
        let clients = session.run(["CLIENT", "LIST"]).map { RedisClientSummary(clients: RedisClient.parse(list: $0.text)) }
        let memoryDoctor = session.run(["MEMORY", "DOCTOR"]).map(\.text)
        let latencyDoctor = session.run(["LATENCY", "DOCTOR"]).map(\.text)
        let keyspace = session.run(["INFO", "keyspace"]).map { RedisKeyspaceDatabase.parse(info: $0.text) }
        let own = RedisDiagnostics.withoutOwn(slowlog.value ?? [], ownAddresses: session.ownAddresses)
        var diagnostics = RedisDiagnostics(probe: probe.name, address: address.description, takenAt: Date(),
                                           slowlog: slowlog.value == nil ? slowlog : .value(own.kept), latency: latency,
                                           clients: clients, memoryDoctor: memoryDoctor, latencyDoctor: latencyDoctor,
                                           keyspace: keyspace)
        diagnostics.slowlogOwnLeftOut = own.leftOut
        diagnostics.settings = settings
        return .success(diagnostics)
    }

    /// The connection and what the commands so far learnt: the local addresses it used (touchline's own
    /// slow log entries come from them) and the failure that stopped reconnecting.
    private struct Session {
        let connection: RedisConnection
        let timeout: Double
        var ownAddresses: Set<String> = []
        var unreachable: ProbeFailure?

        init(connection: RedisConnection, timeout: Double) {
            self.connection = connection
            self.timeout = timeout
        }

        mutating func reopen() throws(ProbeFailure) {
            try connection.open(deadline: Deadline(seconds: timeout))
            if let local = connection.localAddress { ownAddresses.insert(local) }
        }

        /// Runs one command under a deadline of its own; reconnects first when the last command lost the
        /// connection.
        mutating func run(_ arguments: [String]) -> RedisDiagnosticSection<RedisReply> {
            let name = arguments.prefix(2).joined(separator: " ")
            if let unreachable { return .failed(unreachable.message) }
            do throws(ProbeFailure) {
                if !connection.isOpen { try reopen() }
            } catch {
                unreachable = error
                return .failed(error.message)
            }
            do throws(ProbeFailure) {
                let reply = try connection.command(arguments, deadline: Deadline(seconds: timeout))
                if case .error(let message) = reply { return .refused(RedisDiagnosticsReader.refusal(command: name, reply: message, username: connection.username)) }
                return .value(reply)
            } catch {
                return .failed("\(name): \(error.message)")
            }
        }
    }

    /// The line for an error reply to `command`: an ACL's refusal in words (``RedisRefusal``), a command
    /// renamed away or missing (`ERR unknown command`) said to be so, any other error as Redis gave it.
    static func refusal(command: String, reply: String, username: String?) -> String {
        if RedisRefusal.isAccessRefusal(reply) { return RedisRefusal.describe(command: command, reply: reply, username: username) }
        if reply.hasPrefix("ERR unknown command") || reply.hasPrefix("ERR unknown subcommand") {
            return "\(command) refused: \(reply.trimming(charactersIn: " \t")) (renamed or disabled with rename-command, or not in this Redis version)"
        }
        return "\(command) refused: \(reply)"
    }

    /// `SLOWLOG GET`'s entries: `[id, time, µs, [args…]]` plus `addr` and `name` since Redis 4.0.
    static func slowlogEntries(_ reply: RedisReply) -> [RedisSlowlogEntry] {
        guard case .array(let entries) = reply else { return [] }
        return entries.compactMap { item -> RedisSlowlogEntry? in
            guard case .array(let fields) = item, fields.count >= 4,
                  let id = Int64(fields[0].text), let time = Int64(fields[1].text), let micros = Int64(fields[2].text),
                  case .array(let arguments) = fields[3] else { return nil }
            return RedisSlowlogEntry(id: id, time: time, durationMicroseconds: micros, arguments: arguments.map(\.text),
                                     clientAddress: fields.count > 4 ? fields[4].text : "",
                                     clientName: fields.count > 5 ? fields[5].text : "")
        }
    }

    /// `LATENCY LATEST`'s rows: `[event, time, latest ms, max ms]`.
    static func latencyEvents(_ reply: RedisReply) -> [RedisLatencyEvent] {
        guard case .array(let rows) = reply else { return [] }
        return rows.compactMap { row -> RedisLatencyEvent? in
            guard case .array(let fields) = row, fields.count >= 4, let time = Int64(fields[1].text),
                  let latest = Int64(fields[2].text), let max = Int64(fields[3].text) else { return nil }
            return RedisLatencyEvent(event: fields[0].text, time: time, latestMilliseconds: latest, maxMilliseconds: max)
        }
    }
}

extension RedisDiagnosticSection {
    /// The section with its value transformed; a refusal or failure stays as it is.
    func map<Other>(_ transform: (Value) -> Other) -> RedisDiagnosticSection<Other> {
        switch self {
        case .value(let value): return .value(transform(value))
        case .refused(let line): return .refused(line)
        case .failed(let line): return .failed(line)
        }
    }
}
