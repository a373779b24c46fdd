import FoundationEssentials

/// The pure heart of the dashboard: applies one event to the state and says what work to start.
public enum DashboardReducer {
    /// Applies `event` to `state`; returns the effects for the runner to carry out. Every event the
    /// timeline gains is tagged with the environment shown when it was added.
    public static func reduce(_ state: inout DashboardState, _ event: DashboardEvent) -> [DashboardEffect] {
        let effects = apply(event, to: &state)
        let environment = state.environment.name
        for index in state.events.indices where state.events[index].environment == nil {
            state.events[index].environment = environment
        }
        return effects
    }

    private static func apply(_ event: DashboardEvent, to state: inout DashboardState) -> [DashboardEffect] {
        switch event {
        case .sample(let sample, let generation):
            guard generation == state.generation else { return [] }
            record(sample, in: &state)
            return []
        case .tick(let now):
            state.now = now
            return SessionsKeys.tick(in: &state)
        case .resize(let width, let height):
            state.width = width
            state.height = height
            return []
        case .key(let key):
            state.notice = nil
            return handle(key, in: &state)
        case .terminate:
            return [.quit]
        case .configReloaded(let loaded):
            return ConfigReload.apply(loaded, to: &state)
        case .configSnapshotsListed(let listing):
            return ConfigSnapshotsNavigation.listed(listing, in: &state)
        case .configDiffed(let diff):
            return ConfigSnapshotsNavigation.diffed(diff, in: &state)
        case .logLines(let batch):
            receive(batch, in: &state)
            return []
        case .sessionsListed(let probe, let list, let error, let seconds):
            SessionsKeys.listed(probe: probe, list: list, error: error, querySeconds: seconds, in: &state)
            return []
        case .sessionSignalled(let ok, let message):
            return SessionsKeys.signalled(ok: ok, message: message, in: &state)
        case .alertsPolled(let poll):
            return AlertsReducer.polled(poll, in: &state)
        case .alertActionFinished(let result):
            return AlertsReducer.finished(result, in: &state)
        case .configReloadFailed(let message):
            state.notice = "config not reloaded (running one kept): \(message)"
            state.events.insert(TimelineEvent(time: state.now, probe: nil, status: .degraded, message: state.notice ?? message), at: 0)
            return []
        case .backupsListed(let rows, let warning, let environment):
            guard environment == nil || environment == state.environment.name else { return [] }
            // A re-read (every 15 s, after an action) may add rows above the selected one: the selection stays
            // on its file, so Restore never moves to another backup under the cursor.
            if case .backups(let selected) = state.overlay, state.backupRows.indices.contains(selected),
               let index = rows.firstIndex(where: { $0.file == state.backupRows[selected].file }) {
                state.overlay = .backups(selected: index)
            } else if case .backups(let selected) = state.overlay {
                state.overlay = .backups(selected: max(0, min(selected, rows.count - 1)))
            }
            state.backupRows = rows
            state.backupWarning = warning
            return []
        case .releasesListed(let releases, let error):
            ActionConfirmation.showReleases(releases, error: error, in: &state)
            return []
        case .actionProgress(let line):
            state.runningAction?.progress = line
            return []
        case .rehearsalProgress(let progress):
            state.actionOutput?.steps = progress.steps
            if !progress.activity.isEmpty, state.actionOutput?.lines.last != progress.activity {
                state.actionOutput?.append([progress.activity])
            }
            if let running = progress.running {
                state.runningAction?.progress = "step \(running.step.number)/\(RehearsalStep.allCases.count) \(running.step.title)"
            }
            noteCompensation(progress, in: &state)
            return []
        case .actionOutput(let lines):
            state.actionOutput?.append(lines)
            if let last = lines.last { state.runningAction?.progress = last }
            return []
        case .snapshotWritten(let path, let error):
            let message = path.map { "snapshot written: \($0)" } ?? "snapshot failed: \(error ?? "unknown error")"
            state.notice = message
            state.events.insert(TimelineEvent(time: state.now, probe: nil, status: path == nil ? .down : nil, message: message), at: 0)
            return []
        case .coordination(let update):
            return coordinate(update, in: &state)
        case .auditHistory(let history):
            mergeHistory(history, into: &state)
            return []
        case .actionFinished(let action, let ok, let message):
            state.runningAction = nil
            let (summary, outcome) = ActionSummary.ended(action: action, ok: ok, message: message)
            state.notice = summary
            state.actionOutput?.append([(ok ? "✔ " : "✖ ") + summary])
            state.actionOutput?.succeeded = ok
            state.actionOutput?.outcome = outcome
            if state.focus == .output, let output = state.actionOutput, output.scrollBack == 0, !state.zoomed {
                state.focus = state.visiblePanes.contains(output.returnFocus) ? output.returnFocus : .services
            }
            // A refused action never started: its `started on` line goes, the refusal stays.
            let verb = action.split(separator: " ").first.map(String.init) ?? action
            if outcome == "refused", let started = state.events.prefix(50).firstIndex(where: {
                $0.probe == nil && $0.message.hasPrefix(verb + " ") && $0.message.contains(" started on ")
            }) {
                state.events.remove(at: started)
            }
            state.events.insert(TimelineEvent(time: state.now, probe: nil, status: ok ? .up : .down, message: summary), at: 0)
            return (state.actions.backup(in: state.environment.name) != nil ? [.listBackups] : [])
                + ConfigSnapshotsNavigation.refresh(state)
        case .redisDiagnosticsRead(let probe, let diagnostics, let error):
            RedisDiagnosticsPanel.receive(probe: probe, diagnostics: diagnostics, error: error, in: &state)
            return []
        }
    }

    /// Follows a rehearsal's compensating step: the footer says `compensating: …`, the running action knows
    /// (so `c` asks whether to stop the recovery), and its start and a stop are Events.
    private static func noteCompensation(_ progress: RehearsalProgress, in state: inout DashboardState) {
        guard state.runningAction != nil else { return }
        let was = state.runningAction?.compensating
        state.runningAction?.compensating = progress.compensating
        state.runningAction?.leftIfStopped = progress.leftIfStopped
        if let doing = progress.compensating {
            state.runningAction?.progress = "compensating: \(doing)"
            if was == nil {
                state.events.insert(TimelineEvent(time: state.now, probe: nil, status: .degraded,
                                                  message: "\(state.runningAction?.action ?? "action") compensating: \(doing)"), at: 0)
            }
        }
        if progress.activity.hasPrefix("compensation stopped") || progress.activity.hasPrefix("compensation timed out") {
            state.events.insert(TimelineEvent(time: state.now, probe: nil, status: .down, message: progress.activity), at: 0)
        }
    }

    /// Adds `sample` to its probe's window and moves the shown status when the probe's thresholds say so;
    /// every change of the shown status becomes an event (a probe's first "up" excepted).
    private static func record(_ sample: ProbeSample, in state: inout DashboardState) {
        guard let index = state.probes.firstIndex(where: { $0.config.name == sample.probe }) else { return }
        let config = state.probes[index].config
        let previous = state.probes[index].status
        let previousVersion = state.probes[index].window.retained.last { $0.version != nil }?.version
        var sample = sample
        if case .http(var snapshot) = sample.metrics, let capture = snapshot.capture {
            state.probes[index].lastResponse = capture
            snapshot.capture = nil
            sample.metrics = .http(snapshot)
        }
        state.probes[index].window.append(sample)
        state.now = max(state.now, sample.time)
        defer {
            if let release = ReleaseChange.message(probe: sample.probe, previous: previousVersion, current: sample.version) {
                insert(TimelineEvent(time: sample.time, probe: sample.probe, status: nil, message: release), in: &state)
            }
        }
        guard state.probes[index].hysteresis.apply(sample.status, failureThreshold: config.failureThreshold,
                                                   successThreshold: config.successThreshold) else { return }
        let status = state.probes[index].status
        if previous == .unknown && status == .up { return }
        var message = "\(sample.probe) \(status.rawValue)"
        if status == .up {
            if let episode = state.probes[index].episode {
                message = episode.recoveryMessage(probe: sample.probe, at: sample.time)
            }
            state.probes[index].episode = nil
        } else {
            if state.probes[index].episode == nil {
                state.probes[index].episode = StatusEpisode(status: status, at: sample.time)
            } else {
                state.probes[index].episode?.move(to: status, at: sample.time)
            }
            if let error = sample.error { message += ": \(error)" }
        }
        insert(TimelineEvent(time: sample.time, probe: sample.probe, status: status, message: message), in: &state)
    }

    /// Puts a probe's event on top of the timeline, tagged with the shown environment, within the limit.
    private static func insert(_ event: TimelineEvent, in state: inout DashboardState) {
        var event = event
        event.environment = state.environment.name
        state.events.insert(event, at: 0)
        if state.events.count > DashboardState.eventLimit { state.events.removeLast(state.events.count - DashboardState.eventLimit) }
    }

    /// Adds earlier actions from the audit logs below this session's events, newest first, within the limit.
    private static func mergeHistory(_ history: [TimelineEvent], into state: inout DashboardState) {
        let merged = (state.events + history).enumerated().sorted {
            $0.element.time != $1.element.time ? $0.element.time > $1.element.time : $0.offset < $1.offset
        }
        state.events = Array(merged.map(\.element).prefix(DashboardState.eventLimit))
    }

    private static func handle(_ key: KeyPress, in state: inout DashboardState) -> [DashboardEffect] {
        if state.editingFilter { return editFilter(key, in: &state) }
        switch state.overlay {
        case .help:
            if key == .escape || state.bindings.action(for: key) == .help || key == .enter {
                state.overlay = nil
            } else if state.bindings.action(for: key) == .quit {
                return [.quit]
            }
            return []
        case .environmentPicker(let selected):
            return pick(key, selected: selected, in: &state)
        case .confirm(let request):
            if DialogScroll.apply(key, in: &state) { return [] }
            let effects = ActionConfirmation.handle(key, request: request, in: &state)
            SessionsKeys.afterDialog(request, in: &state)
            return effects
        case .releasePicker(let choice):
            return ActionConfirmation.pickRelease(key, choice: choice, in: &state)
        case .backups(let selected):
            let action = state.bindings.action(for: key)
            if key == .escape || action == .backups || action == .quit {
                state.overlay = nil
            } else if action == .restore {
                return ActionConfirmation.open(restoreOf: selected, in: &state)
            } else if action == .up || action == .down {
                let moved = selected + (action == .up ? -1 : 1)
                state.overlay = .backups(selected: max(0, min(max(0, state.backupRows.count - 1), moved)))
            } else {
                state.notice = KeyFeedback.unused(key.label, in: "Backups view")
            }
            return []
        case .configSnapshots(let selected):
            return ConfigSnapshotsNavigation.handle(key, selected: selected, in: &state)
        case .configDiff(let diff):
            return ConfigSnapshotsNavigation.handle(key, diff: diff, in: &state)
        case .logs:
            return handleLogs(key, in: &state)
        case .sessions:
            return SessionsKeys.handle(key, in: &state)
        case .redisDiagnostics(let panel):
            return RedisDiagnosticsPanel.handle(key, panel: panel, in: &state)
        case .alerts, .silence, .expireSilence:
            return AlertsReducer.handle(key, in: &state)
        case nil:
            break
        }
        if case .character(let character) = key, let digit = character.wholeNumberValue, (1...9).contains(digit) {
            if digit > state.environments.count {
                state.notice = KeyFeedback.noEnvironment(digit, configured: state.environments.count)
            } else if digit - 1 == state.environmentIndex {
                state.notice = "\(state.environment.name) is shown"
            }
            return switchEnvironment(to: digit - 1, in: &state)
        }
        if state.detailProbe != nil, ProbeDetailNavigation.handle(key, in: &state) { return [] }
        if key == .escape {
            if state.zoomed { state.zoomed = false } else if !state.filter.isEmpty { state.filter = "" }
            return []
        }
        if state.focus == .output, scrollOutput(key, in: &state) { return [] }
        guard let action = state.bindings.action(for: key) else { return [] }
        if let busy = KeyFeedback.busy(action, key: key.label, running: state.runningAction) {
            state.notice = busy
            return []
        }
        switch action {
        case .quit:
            return [.quit]
        case .help:
            state.overlay = .help
        case .focusNext, .focusPrevious:
            let panes = state.visiblePanes
            let index = panes.firstIndex(of: state.focus) ?? 0
            let step = action == .focusNext ? 1 : panes.count - 1
            state.focus = panes[(index + step) % panes.count]
        case .zoom:
            state.zoomed.toggle()
        case .detail:
            ProbeDetailNavigation.open(in: &state)
        case .sortNext, .sortPrevious, .sortReverse:
            ServicesSort.apply(action, in: &state)
        case .acknowledge:
            return acknowledge(in: &state)
        case .alerts:
            return AlertsReducer.open(in: &state)
        case .environments:
            state.overlay = .environmentPicker(selected: state.environmentIndex)
        case .refresh:
            state.notice = KeyFeedback.refresh(probes: state.probes.count, paused: state.paused, key: key.label)
            return state.paused ? [] : [.pollNow]
        case .pause:
            state.frozen = state.frozen == nil ? state.probes : nil
        case .filter:
            state.editingFilter = true
            state.focus = .services
        case .theme:
            guard !state.themes.isEmpty else { return [] }
            let index = state.themes.firstIndex(of: state.theme) ?? -1
            state.theme = state.themes[(index + 1) % state.themes.count]
            state.notice = "theme: \(state.theme)"
            return [.applyTheme(state.theme)]
        case .backup:
            return ActionConfirmation.open(backupIn: &state)
        case .restart:
            return ActionConfirmation.open(restartIn: &state)
        case .rollback:
            return ActionConfirmation.askForReleases(in: &state)
        case .backups:
            guard state.actions.backup(in: state.environment.name) != nil else {
                state.notice = "no backup configured: add [environments.\(state.environment.name).backup] to the config"
                return []
            }
            state.overlay = .backups(selected: 0)
            return [.listBackups]
        case .unlock:
            if state.readOnly {
                state.notice = "read-only for this run (--read-only): actions cannot be unlocked"
            } else if !state.environment.protected {
                state.notice = "\(state.environment.name) is not protected: its actions are already on"
            } else {
                state.overlay = .confirm(ActionRequest(
                    purpose: .unlock, action: "unlock", environment: state.environment.name, requiresTypedName: true, commands: [],
                    effect: "turns actions on for \(DurationText.format(state.unlockSeconds)); they lock again by themselves"))
            }
        case .restore:
            state.notice = "open the Backups view (\(state.bindings.label(.backups))) and pick the backup to restore"
        case .cancel:
            return ActionConfirmation.askToCancel(in: &state)
        case .output:
            toggleOutput(in: &state)
        case .snapshot:
            state.notice = "writing an incident snapshot…"
            return [.writeSnapshot]
        case .rehearse:
            return ActionConfirmation.open(rehearsalIn: &state)
        case .sessions:
            return SessionsKeys.open(in: &state)
        case .reload:
            state.notice = "reloading config.toml…"
            return [.reloadConfig]
        case .configSnapshots:
            return ConfigSnapshotsNavigation.open(in: &state)
        case .logs:
            return openLogs(in: &state)
        case .redisDiagnostics:
            return RedisDiagnosticsPanel.open(in: &state)
        case .up, .down:
            let count = rowCount(state.focus, state)
            let current = state.selectedRow(state.focus, count: count)
            state.selection[state.focus] = max(0, min(count - 1, current + (action == .up ? -1 : 1)))
            if state.focus == .services { ServicesSort.pinSelection(in: &state) }
        }
        return []
    }

    /// Shows or hides the Output pane (focusing it when shown).
    private static func toggleOutput(in state: inout DashboardState) {
        guard let output = state.actionOutput else {
            state.notice = "no action output yet: it appears when an action runs"
            return
        }
        state.actionOutput?.visible = !output.visible
        if output.visible {
            if state.focus == .output { state.focus = .services }
            if state.zoomed && state.focus == .services { state.zoomed = false }
        } else {
            state.focus = .output
        }
    }

    /// Scrolls the focused Output pane: ↑/↓ a line, PgUp/PgDn a page, Home the oldest line, End follows
    /// the newest. Returns false for keys that are not for scrolling.
    private static func scrollOutput(_ key: KeyPress, in state: inout DashboardState) -> Bool {
        guard state.actionOutput != nil else { return false }
        let page = max(1, state.height / 3)
        let action = state.bindings.action(for: key)
        switch key {
        case .pageUp: state.actionOutput?.scroll(by: -page, page: page)
        case .pageDown: state.actionOutput?.scroll(by: page, page: page)
        case .home: state.actionOutput?.scroll(by: -Int(Int32.max), page: page)
        case .end: state.actionOutput?.scrollBack = 0
        default:
            if action == .up {
                state.actionOutput?.scroll(by: -1, page: page)
            } else if action == .down {
                state.actionOutput?.scroll(by: 1, page: page)
            } else {
                return false
            }
        }
        return true
    }

    private static func rowCount(_ pane: Pane, _ state: DashboardState) -> Int {
        switch pane {
        case .services: return state.filteredProbes.count
        case .events: return state.events.count
        default: return 0
        }
    }

    private static func editFilter(_ key: KeyPress, in state: inout DashboardState) -> [DashboardEffect] {
        switch key {
        case .enter:
            state.editingFilter = false
        case .escape:
            state.editingFilter = false
            state.filter = ""
        case .backspace:
            if !state.filter.isEmpty { state.filter.removeLast() }
        case .character(let character) where !(character.asciiValue.map { $0 < 32 } ?? false):
            state.filter.append(character)
        default:
            break
        }
        state.selection[.services] = 0
        state.selectedService = nil
        return []
    }

    private static func pick(_ key: KeyPress, selected: Int, in state: inout DashboardState) -> [DashboardEffect] {
        let count = state.environments.count
        let action = state.bindings.action(for: key)
        switch key {
        case .escape:
            state.overlay = nil
        case .enter:
            state.overlay = nil
            return switchEnvironment(to: selected, in: &state)
        case .character(let character) where character.wholeNumberValue.map { (1...9).contains($0) } == true:
            state.overlay = nil
            return switchEnvironment(to: (character.wholeNumberValue ?? 1) - 1, in: &state)
        default:
            if action == .up {
                state.overlay = .environmentPicker(selected: (selected + count - 1) % count)
            } else if action == .down {
                state.overlay = .environmentPicker(selected: (selected + 1) % count)
            } else if action == .environments {
                state.overlay = nil
            } else if action == .quit {
                return [.quit]
            }
        }
        return []
    }

    private static func switchEnvironment(to index: Int, in state: inout DashboardState) -> [DashboardEffect] {
        guard index >= 0, index < state.environments.count, index != state.environmentIndex else { return [] }
        let from = state.environment.name
        for probe in state.probes.indices { state.probes[probe].stopPolling(at: state.now) }
        state.away[from] = state.probes
        state.environmentIndex = index
        state.generation += 1
        state.probes = state.away.removeValue(forKey: state.environment.name) ?? state.environment.probes.map(ProbeState.init)
        for probe in state.probes.indices { state.probes[probe].resumePolling(at: state.now) }
        state.frozen = nil
        state.filter = ""
        state.selection = [:]
        state.selectedService = nil
        state.zoomed = false
        state.detailProbe = nil
        state.events.insert(TimelineEvent(time: state.now, probe: nil, status: nil,
                                          message: "switched from \(from) to \(state.environment.name)"), at: 0)
        state.backupRows = []
        state.backupWarning = nil
        state.configSnapshots = nil
        state.coordination = CoordinationView()
        state.alerting.reset()
        return (state.actions.backup(in: state.environment.name) != nil ? [.restartProbes, .listBackups] : [.restartProbes])
            + ConfigSnapshotsNavigation.refresh(state)
    }
}
