#!/usr/bin/env bash
# Benchmark: rolling the API back to 1.4.2 and forward to 1.5.0 with touchline — from the confirmation to
# "verified healthy" (the probe up AND reporting the chosen release) — against the same by hand
# (`scripts/stack rollback VERSION`, then curl /health until it reports VERSION), in the same run,
# interleaved. touchline is driven both ways it is used: headless (`touchline rollback RELEASE --confirm ENV
# --json`) and through the dashboard in tmux (u, pick the release, type the environment's name, Enter).
# Its own figures come from the audit log's end record (total_seconds, downtime_seconds); an independent
# observer polls /health every 20 ms during every run and measures the gap without a healthy answer
# (downtime) for touchline and by hand alike. Target: touchline's downtime (observer, median) no more than
# by hand's plus 0.1 s.
# Usage: bench/rollback.sh [ROUNDS]          Results: bench/results/rollback.md
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
rounds="${1:-3}"
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || bench_die "ROUNDS must be a positive number, got '$rounds'"
bin="$PWD/.build/release/touchline"
[ -x "$bin" ] || bench_die "build first: make release"
command -v tmux >/dev/null || bench_die "tmux is needed (scripts/deps)"
url="http://127.0.0.1:$bench_api_port/health"
eval "$(scripts/stack env)"
releases="$(scripts/stack releases)"
grep -qx 1.4.2 <<<"$releases" && grep -qx 1.5.0 <<<"$releases" || bench_die "the stack needs releases 1.4.2 and 1.5.0 (scripts/stack up)"
curl -fsS -m 2 -o /dev/null "$url" || bench_die "the API at $url does not answer (scripts/stack up)"

work="$(mktemp -d /tmp/touchline-bench-rollback.XXXXXX)"
sock="touchline-bench-rollback-$$"
tm() { tmux -L "$sock" "$@"; }
observer=""
cleanup() {
    [ -n "$observer" ] && kill "$observer" 2>/dev/null || true
    tm kill-server 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
bench_config "$work/config.toml" "$work"
audit="$work/state/audit.jsonl"

# (the root command also answers `rollback --help`, with its own help: look for the subcommand's option)
"$bin" rollback --help 2>/dev/null | grep -q -- "--confirm" || bench_die "this build has no headless \`touchline rollback\`"

# The observer: GET /health every 20 ms, one line per answer: time ok version (ok=0 for errors).
start_observer() { # log
    python3 - "$url" "$1" <<'PY' &
import http.client, json, sys, time, urllib.parse
url, log = urllib.parse.urlparse(sys.argv[1]), open(sys.argv[2], "w", buffering=1)
while True:
    t, ok, version = time.time(), 0, "-"
    try:
        c = http.client.HTTPConnection(url.hostname, url.port, timeout=1)
        c.request("GET", url.path)
        r = c.getresponse(); body = json.loads(r.read())
        ok, version = int(r.status == 200 and body.get("status") == "healthy"), body.get("version", "-")
        c.close()
    except Exception:
        pass
    log.write(f"{t:.4f} {ok} {version}\n")
    time.sleep(max(0, 0.02 - (time.time() - t)))
PY
    observer=$!
    sleep 0.3
}
stop_observer() { kill "$observer" 2>/dev/null || true; wait "$observer" 2>/dev/null || true; observer=""; }

ends() { if [ -f "$audit" ]; then grep -c '"phase":"end"' "$audit" || true; else echo 0; fi; }

# Waits for the audit log to gain an end record beyond $1 (up to 120 s); prints the time it was seen.
wait_end() {
    local before="$1" deadline=$((SECONDS + 120))
    until [ "$(ends)" -gt "$before" ]; do
        [ $SECONDS -lt $deadline ] || bench_die "no audit end record within 120 s (see $audit)"
        sleep 0.02
    done
    bench_now
}

dash_up=""
start_dashboard() {
    tm new-session -d -s dash -x 120 -y 40 "env TERM=xterm-256color $bin --config $work/config.toml --env staging"
    for _ in $(seq 100); do tm capture-pane -p -t dash 2>/dev/null | grep -q "1\.[45]\.[0-9] · HTTP" && { dash_up=1; return; }; sleep 0.1; done
    bench_die "the dashboard did not show the API's version within 10 s"
}
stop_dashboard() {
    [ -n "$dash_up" ] || return 0
    tm send-keys -t dash q
    for _ in $(seq 50); do tm has-session -t dash 2>/dev/null || break; sleep 0.1; done
    tm kill-server 2>/dev/null || true
    dash_up=""
}
screen_has() { # text seconds
    local end=$((SECONDS + $2))
    while [ $SECONDS -lt $end ]; do tm capture-pane -p -t dash | grep -qF "$1" && return 0; sleep 0.02; done
    return 1
}

# touchline to RELEASE, LABEL names the run, MODE is headless or tmux: writes "t_confirm t_seen total downtime"
# to $work/LABEL.MODE.
touchline_to() { # release label mode
    local release="$1" label="$2" mode="$3" before t0 t1
    before="$(ends)"
    start_observer "$work/$label.$mode.obs"
    if [ "$mode" = headless ]; then
        t0="$(bench_now)"
        "$bin" rollback "$release" --config "$work/config.toml" --env staging --confirm staging --json >"$work/$label.out" 2>&1 \
            || bench_die "touchline rollback $release failed: $(tail -n 2 "$work/$label.out")"
        t1="$(wait_end "$before")"
    else
        [ -n "$dash_up" ] || start_dashboard
        tm send-keys -t dash u
        screen_has "Roll back" 10 || bench_die "the release picker did not open"
        # releases are listed newest first: go to the top, then down to RELEASE
        local index; index=$(($(grep -nx "$release" <<<"$releases" | cut -d: -f1) - 1))
        for _ in $(seq "$(wc -l <<<"$releases")"); do tm send-keys -t dash k; done
        for _ in $(seq "$index"); do tm send-keys -t dash j; done
        tm send-keys -t dash Enter
        screen_has "Confirm rollback" 5 || bench_die "the confirmation dialog did not open: $(tm capture-pane -p -t dash | grep -m1 -i 'rollback\|running' || true)"
        tm send-keys -t dash -l staging
        screen_has "staging█" 5 || bench_die "the typed name did not appear in the dialog"
        t0="$(bench_now)"
        tm send-keys -t dash Enter
        t1="$(wait_end "$before")"
    fi
    sleep 0.3; stop_observer
    python3 - "$audit" "$release" "$t0" "$t1" >"$work/$label.$mode" <<'PY'
import json, sys
audit, release, t0, t1 = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
end = [json.loads(l) for l in open(audit) if '"phase":"end"' in l][-1]
if end.get("action") != "rollback" or end.get("outcome") != "ok":
    sys.exit(f"bench: the rollback to {release} did not succeed: {end.get('error', end.get('outcome'))}")
d = end.get("details", {})
print(t0, t1, d["total_seconds"], d["downtime_seconds"])
PY
    echo "  touchline $mode -> $release: $(awk '{ printf "confirm->verified %.2f s (own figures: total %.2f s, downtime %.2f s)", $2 - $1, $3, $4 }' "$work/$label.$mode")"
}

# By hand to RELEASE: the stack's rollback, then curl every 100 ms until /health reports RELEASE.
hand_to() { # release label
    local release="$1" label="$2" t0 t1
    start_observer "$work/$label.hand.obs"
    t0="$(bench_now)"
    scripts/stack rollback "$release" >"$work/$label.hand.out" 2>&1 || bench_die "scripts/stack rollback $release failed: $(tail -n 2 "$work/$label.hand.out")"
    until curl -fsS -m 1 "$url" 2>/dev/null | grep -q "\"version\":\"$release\""; do sleep 0.1; done
    t1="$(bench_now)"
    sleep 0.3; stop_observer
    echo "$t0 $t1" >"$work/$label.hand"
    echo "  by hand   -> $release: $(awk '{ printf "command->verified %.2f s", $2 - $1 }' "$work/$label.hand")"
}

# Start from 1.5.0.
[ "$(scripts/stack current)" = 1.5.0 ] || scripts/stack rollback 1.5.0 >/dev/null
echo "bench: $rounds rounds; each: back to 1.4.2 and forward to 1.5.0 by hand, with touchline headless and through the dashboard, rotating who goes first"
for round in $(seq "$rounds"); do
    case $((round % 3)) in
        1) order="hand headless tmux" ;;
        2) order="headless tmux hand" ;;
        0) order="tmux hand headless" ;;
    esac
    for way in $order; do
        if [ "$way" = hand ]; then
            hand_to 1.4.2 "r$round-back"; hand_to 1.5.0 "r$round-fwd"
        else
            touchline_to 1.4.2 "r$round-back" "$way"; touchline_to 1.5.0 "r$round-fwd" "$way"
            stop_dashboard   # not left running (and probing) during the other ways' runs
        fi
    done
done

python3 - "$work" "$rounds" "$(bench_machine)" <<'PY'
import datetime, glob, statistics, sys
work, rounds, machine = sys.argv[1], int(sys.argv[2]), sys.argv[3]

def gap(path):
    """Seconds without a healthy answer: from the last healthy answer before the first failure to the first
    healthy answer after the last failure (0 when none failed)."""
    rows = [l.split() for l in open(path) if l.strip()]
    rows = [(float(t), int(ok), v) for t, ok, v in rows]
    bad = [i for i, r in enumerate(rows) if not r[1]]
    if not bad:
        return 0.0
    before = rows[bad[0] - 1][0] if bad[0] > 0 else rows[0][0]
    after = rows[bad[-1] + 1][0] if bad[-1] + 1 < len(rows) else rows[-1][0]
    return after - before

ways = ("headless", "tmux")
total, own, down, obs = ({w: [] for w in ways} for _ in range(4))
hand_total, hand_obs = [], []
for r in range(1, rounds + 1):
    for leg in ("back", "fwd"):
        label = f"{work}/r{r}-{leg}"
        for w in ways:
            t0, t1, tl_total, tl_down = (float(x) for x in open(f"{label}.{w}").read().split())
            total[w].append(t1 - t0); own[w].append(tl_total); down[w].append(tl_down); obs[w].append(gap(f"{label}.{w}.obs"))
        h0, h1 = (float(x) for x in open(f"{label}.hand").read().split())
        hand_total.append(h1 - h0); hand_obs.append(gap(f"{label}.hand.obs"))
med = statistics.median
n = 2 * rounds
def cell(values): return f"{med(values):.2f} s (max {max(values):.2f})"
holds = all(med(obs[w]) <= med(hand_obs) + 0.1 for w in ways)
lines = [
    f"# rollback benchmark ({datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; {machine})",
    "",
    f"{rounds} rounds, each 1.5.0 → 1.4.2 → 1.5.0 three ways, rotating who goes first: by hand (`scripts/stack rollback "
    "VERSION`, then `curl /health` every 100 ms until it reports VERSION), touchline headless (`touchline rollback "
    "RELEASE --confirm staging --json`) and touchline's dashboard in tmux (`u`, pick, type `staging`, Enter; timed from "
    "that Enter to the audit end record). Observer: an independent GET /health every 20 ms during every run.",
    "",
    f"| figure (median of {n} rollbacks) | touchline headless | touchline dashboard | by hand (peer, same run) |",
    "|---|---|---|---|",
    f"| downtime the observer saw (no healthy answer) | {cell(obs['headless'])} | {cell(obs['tmux'])} | {cell(hand_obs)} |",
    f"| confirm → verified healthy on the new release | {cell(total['headless'])} | {cell(total['tmux'])} | {cell(hand_total)} |",
    f"| touchline's own total_seconds (command start → verified) | {med(own['headless']):.2f} s | {med(own['tmux']):.2f} s | - |",
    f"| downtime touchline reports (downtime_seconds) | {med(down['headless']):.2f} s | {med(down['tmux']):.2f} s | - |",
    "",
    "Target: the observer's downtime through touchline no more than by hand's plus 0.1 s (the rollback itself is the "
    "stack's: stop uvicorn, switch the release link, start it, wait for liveness; touchline adds its list command, "
    "lock, audit and 100 ms probe polling around it, none of which should lengthen the outage): "
    + ("holds." if holds else "does NOT hold."),
]
text = "\n".join(lines)
print(text)
open("bench/results/rollback.md", "w").write(text + "\n")
PY
