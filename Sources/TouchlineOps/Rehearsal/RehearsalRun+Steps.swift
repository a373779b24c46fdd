import Dispatch
import FoundationEssentials
import TouchlineCore
import TouchlineProbes

/// The bodies of the eight steps (and the automatic rollback), each returning what it measured.
extension RehearsalRun {
    /// 1. Probes up, the running release known, the release to rehearse chosen, storage and tools fit, lock held.
    func preflight() -> RehearsalStepOutcome {
        var (figures, problems, notes) = RehearsalPreflight.probes(environment, names: config.probes,
                                                                   processEnvironment: processEnvironment)
        if let lock { figures.append(.text("action_lock", "held by this rehearsal (\(lock.path))")) }
        let running = currentVersion()
        report.originalRelease = running
        if let running { figures.append(.text("release_running", running)) } else {
            problems.append("\(rollbackConfig.probe.name) does not report a version, so a rollback could not be proven")
        }
        switch chooseRelease() {
        case .success(let release):
            report.targetRelease = release
            figures.append(.text("release_to_deploy", release))
            if release == running {
                problems.append("\(release) already runs: choose another release with --to or `release` in the rehearsal table")
            }
        case .failure(let failure):
            problems.append(failure.message)
        }
        let storage = RehearsalPreflight(environment: environment, backup: backupConfig, requiredProbes: config.probes,
                                         processEnvironment: processEnvironment).storageAndTools()
        figures += storage.figures
        problems += storage.problems
        let up = figures.filter { $0.name.hasPrefix("probe_") }.count
        guard problems.isEmpty else { return .fail(problems.joined(separator: "; "), figures, notes: notes) }
        return .pass("\(up) probes up; running \(running ?? "?"), deploying \(report.targetRelease ?? "?")", figures, notes: notes)
    }

    /// 2. A verified backup by the backup action, under the rehearsal's lock.
    func backup() -> RehearsalStepOutcome {
        let action = BackupAction(environment: environment, config: backupConfig, processEnvironment: processEnvironment,
                                  identity: identity, heldLock: lock, origin: .rehearsal)
        whileRunning { action.cancel(reason: "the rehearsal was cancelled") }
        let progress = say(.backup)
        let result = action.run { progress($0.text) }
        guard let backup = result.report else { return .fail(result.reason ?? result.message) }
        report.backup = backup.record
        report.backupPath = backup.path
        let rows = backup.record.tableRows.values.reduce(0, +)
        let figures: [RehearsalFigure] = [
            .text("file", backup.path),
            RehearsalFigure("size_bytes", text: ByteText.format(backup.record.size), value: .integer(backup.record.size)),
            .text("sha256", backup.record.sha256),
            RehearsalFigure("verified", text: backup.record.verified ? "yes" : "no", value: .bool(backup.record.verified)),
            .count("tables", Int64(backup.record.tableRows.count)),
            .count("rows", rows),
            .seconds("dump_seconds", backup.dumpSeconds),
            .seconds("verify_seconds", backup.verifySeconds),
        ]
        return .pass("\(ByteText.format(backup.record.size)), verified, \(backup.record.tableRows.count) tables / \(rows) rows", figures)
    }

    /// 3. The deploy command, then the probe up and reporting the release.
    func deploy() -> RehearsalStepOutcome {
        guard let release = report.targetRelease else { return .fail("no release chosen") }
        let action = DeployAction(environment: environment, rollback: rollbackConfig, rehearsal: config,
                                  processEnvironment: processEnvironment, heldLock: lock)
        let cancellation = CancellationSwitch()
        whileRunning { cancellation.flip(.cancelled("the rehearsal was cancelled")) }
        let outcome = action.run(release: release, cancellation: cancellation, progress: say(.deploy))
        report.configSnapshot = outcome.configSnapshot
        deployRan = outcome.commandRan
        return switched("deploy", to: release, outcome)
    }

    /// 4. The configured requests, each judged on status, fields and sums.
    func checks() -> RehearsalStepOutcome {
        guard !config.checks.isEmpty else { return .pass("no checks configured", notes: ["no [[rehearsal.checks]] in the config"]) }
        guard let address = apiAddress else { return .fail("the rollback probe is not an http probe") }
        let client = RehearsalHTTP(address: address)
        defer { client.close() }
        var figures: [RehearsalFigure] = []
        var failures: [String] = []
        for check in config.checks {
            let (response, seconds, error) = client.send(check.request, timeout: 10)
            guard let response else {
                failures.append("\(check.name): \(error ?? "no answer")")
                figures.append(.text("check \(check.name)", "no answer after \(LatencyText.format(seconds)): \(error ?? "")"))
                continue
            }
            let (problems, sum) = RehearsalCheckEvaluator.evaluate(check, status: response.status, body: response.body)
            var text = "\(check.request.label) → HTTP \(response.status) in \(LatencyText.format(seconds))"
            if let sum { text += ", sum " + DecimalText.fixed(sum, digits: 6) }
            text += problems.isEmpty ? ", passed" : ", FAILED: \(problems.joined(separator: "; "))"
            figures.append(.text("check \(check.name)", text))
            if !problems.isEmpty {
                failures.append("\(check.name): \(problems.joined(separator: "; "))")
            }
        }
        guard failures.isEmpty else {
            return .fail(failures.joined(separator: "; "), figures)
        }
        return .pass("\(config.checks.count) of \(config.checks.count) checks passed", figures)
    }

    /// 5. The load test, judged against the p95 and error-rate thresholds: wrk when it is on `PATH` and the
    /// duration is whole seconds (``WrkLoadTest``), else touchline's own generator (``LoadTest``);
    /// `generator` = `wrk` or `touchline` insists on one.
    func loadTest() -> RehearsalStepOutcome {
        guard let address = apiAddress else { return .fail("the rollback probe is not an http probe") }
        let result: LoadTestResult
        let client: String
        let wrk: WrkLoadTest?
        switch WrkLoadTest.chosen(config: config.load, address: address, processEnvironment: processEnvironment) {
        case .success(let chosen): wrk = chosen
        case .failure(let failure): return .fail(failure.message)
        }
        if let wrk {
            let cancellation = CancellationSwitch()
            whileRunning { cancellation.flip(.cancelled("the rehearsal was cancelled")) }
            switch wrk.run(cancellation: cancellation, progress: say(.load)) {
            case .success(let measured): result = measured
            case .failure(let failure): return .fail(failure.message, [.text("client", wrk.executable)])
            }
            client = "wrk (\(wrk.executable)), \(result.concurrency) kept-alive connections"
        } else {
            let test = LoadTest(config: config.load, address: address)
            whileRunning { test.cancel() }
            result = test.run(progress: say(.load))
            client = "touchline HTTP/1.1, \(result.concurrency) workers, one kept-alive connection each"
        }
        report.load = result
        let figures: [RehearsalFigure] = [
            .count("requests", Int64(result.requests)),
            .count("errors", Int64(result.errors)),
            RehearsalFigure("error_rate", text: DecimalText.fixed(result.errorRate * 100, digits: 2) + " %", value: .number(result.errorRate)),
            RehearsalFigure("throughput_rps", text: DecimalText.fixed(result.throughput, digits: 1) + " req/s", value: .number(result.throughput)),
            .seconds("p50_seconds", result.p50 ?? 0), .seconds("p95_seconds", result.p95 ?? 0), .seconds("p99_seconds", result.p99 ?? 0),
            .text("endpoints", config.load.endpoints.map(\.label).joined(separator: ", ")),
            .text("client", client),
        ]
        if let breach = result.breach { return .fail("\(breach) (\(result.summary))", figures) }
        return .pass(result.summary, figures)
    }

    /// 6. Back to the release that ran before the deploy: the compensating step, which a cancel does not stop.
    func rollback() -> RehearsalStepOutcome {
        guard let original = report.originalRelease else { return .fail("the release before the deploy is not known") }
        return compensate(to: original, kind: "rollback")
    }

    /// 6 after a failure or a cancel: back to the original release, unless the probe still reports it.
    func automaticRollback() -> RehearsalStepOutcome {
        guard let original = report.originalRelease else { return .fail("the release before the deploy is not known") }
        if currentVersion() == original {
            report.stateLeft = "\(environment.name) still on \(original)"
            return .pass("not needed: \(rollbackConfig.probe.name) still reports \(original)",
                         notes: ["automatic rollback after a failure: the probe reported \(original), so nothing was switched"])
        }
        var outcome = compensate(to: original, kind: "automatic rollback")
        outcome.notes.insert("automatic rollback after a \(cancellation == nil ? "failure" : "cancel") (rollback_on_failure = true)",
                             at: 0)
        outcome.summary = "automatic: " + outcome.summary
        return outcome
    }

    /// The rollback to `original` as the compensating step: shown as `compensating: rolling back to …`, audited
    /// with `compensates`, stopped only by ``stopCompensation(reason:)`` or its own deadline (the rollback
    /// table's `timeout` + `wait_healthy` + 30 s). Records in the report which release it left running.
    private func compensate(to original: String, kind: String) -> RehearsalStepOutcome {
        let candidate = report.targetRelease ?? "the candidate release"
        let deadline = rollbackConfig.timeout + rollbackConfig.waitHealthy + 30
        setCompensation("rolling back to \(original)",
                        leftIfStopped: "\(environment.name) will be left on \(candidate) (or between releases)")
        defer { setCompensation(nil) }
        emit("compensating: rolling back to \(original)… (its own deadline \(DurationText.format(deadline)); "
             + "a cancel of the rehearsal does not stop it)", changed: .rollback)
        let watchdog = compensationSwitch.timeOut(after: deadline)
        defer { watchdog.cancel() }
        let action = RollbackAction(environment: environment, config: rollbackConfig, processEnvironment: processEnvironment,
                                    heldLock: lock)
        let measured = action.measure(to: original, cancellation: compensationSwitch,
                                      compensates: "rehearsal deploy of \(candidate)", progress: say(.rollback))
        var outcome = switched(kind, to: original, measured)
        if measured.succeeded {
            report.stateLeft = "\(environment.name) back on \(original) (\(kind))"
            return outcome
        }
        let left = measured.leftOn.flatMap { $0 == "not reported" ? nil : $0 }
        let stateLeft = leftSentence(release: left)
        report.stateLeft = stateLeft
        if let stopped = compensationSwitch.reason {
            let how = stopped.isTimeout ? "compensation timed out" : "compensation stopped"
            outcome.summary = "\(how): \(stateLeft) — \(stopped.text)"
            emit("\(how): \(stateLeft)", changed: .rollback)
        } else {
            outcome.summary += ": \(stateLeft)"
        }
        return outcome
    }

    /// `staging left on 1.6.0: roll back with u (or touchline rollback 1.5.0 --env staging --confirm staging)`;
    /// the release is asked of the probe when not given.
    func leftSentence(release: String? = nil) -> String {
        let running = release ?? currentVersion()
        let undo = report.originalRelease.map { " (or touchline rollback \($0) --env \(environment.name) --confirm \(environment.name))" } ?? ""
        guard let running else {
            return "\(environment.name) left with \(rollbackConfig.probe.name) reporting no release: roll back with u\(undo)"
        }
        return "\(environment.name) left on \(running): roll back with u\(undo)"
    }

    /// 7. The database restored from the step 2 backup (with its safety backup and row-count verification).
    func restore() -> RehearsalStepOutcome {
        guard let backup = report.backup else { return .fail("no backup from step 2") }
        let action = RestoreAction(environment: environment, config: backupConfig, processEnvironment: processEnvironment,
                                   identity: identity, heldLock: lock)
        whileRunning { action.cancel(reason: "the rehearsal was cancelled") }
        let (ok, message) = action.run(file: backup.file, progress: say(.restore))
        let figures: [RehearsalFigure] = [.text("file", backup.file), .text("result", message)]
        return ok ? .pass("restored \(backup.file), row counts verified", figures) : .fail(message, figures)
    }

    /// 8. Probes up, the original release, and every table's row count equal to the step 2 manifest's.
    func verify() -> RehearsalStepOutcome {
        var (figures, problems, notes) = RehearsalPreflight.probes(environment, names: config.probes,
                                                                   processEnvironment: processEnvironment)
        let version = currentVersion()
        figures.append(.text("release_running", version ?? "not reported"))
        if version != report.originalRelease {
            problems.append("\(rollbackConfig.probe.name) reports \(version ?? "no version"), expected \(report.originalRelease ?? "?")")
        }
        if let backup = report.backup {
            do throws(ActionFailure) {
                let counts = try RestoreSteps(config: backupConfig, processEnvironment: processEnvironment).countRows()
                report.rowCounts = RowCountCheck.compare(expected: backup.tableRows, found: counts)
                let matching = report.rowCounts.filter(\.matches).count
                figures.append(.text("row_counts", "\(matching) of \(report.rowCounts.count) tables equal the backup's manifest"))
                for check in report.rowCounts where !check.matches {
                    problems.append("\(check.table) has \(check.found.map(String.init) ?? "no table"), the backup had \(check.expected)")
                }
            } catch {
                problems.append("row counts: \(error.message)")
            }
        }
        guard problems.isEmpty else { return .fail(problems.joined(separator: "; "), figures, notes: notes) }
        return .pass("probes up, \(version ?? "?") runs, \(report.rowCounts.count) tables match the backup", figures, notes: notes)
    }

    /// The step outcome of a release switch, recording its measurement.
    private func switched(_ kind: String, to release: String, _ outcome: ReleaseSwitchOutcome) -> RehearsalStepOutcome {
        let from = kind == "deploy" ? report.originalRelease : report.targetRelease
        if outcome.commandRan {
            report.switches.append(RollbackMeasurement(kind: kind, from: from, to: release, succeeded: outcome.succeeded,
                                                       downtime: outcome.downtime, total: outcome.total))
        }
        var figures: [RehearsalFigure] = [.text("release", release), .seconds("total_seconds", outcome.total)]
        if let downtime = outcome.downtime { figures.append(.seconds("downtime_seconds", downtime)) }
        guard outcome.succeeded else { return .fail(outcome.message, figures, tail: outcome.outputTail) }
        return .pass("\(release) in \(SecondsText.format(outcome.total)), downtime \(SecondsText.format(outcome.downtime ?? 0))", figures)
    }

    /// The version the rollback probe reports now (one check).
    func currentVersion() -> String? {
        let checker = CheckerFactory.make(rollbackConfig.probe, environment: processEnvironment)
        defer { checker.close() }
        return checker.check().version
    }

    /// `--to`, else the config's `release`, else the newest listed release.
    private func chooseRelease() -> Result<String, ActionFailure> {
        if let chosen = requestedRelease ?? config.release {
            guard RehearsalConfig.isValidRelease(chosen) else { return .failure(ActionFailure("'\(chosen)' is not a release name")) }
            return .success(chosen)
        }
        let listing = RollbackAction(environment: environment, config: rollbackConfig, processEnvironment: processEnvironment)
        return listing.listReleases().flatMap { releases in
            releases.first.map { .success($0) } ?? .failure(ActionFailure("the list command printed no releases"))
        }
    }

    /// Where the functional checks and the load test send their requests: the rollback probe's host and port.
    private var apiAddress: HostPort? {
        guard case .http(let target) = rollbackConfig.probe.target else { return nil }
        return target.address
    }
}
