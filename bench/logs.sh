#!/usr/bin/env bash
# Benchmark: the Logs view under a flood. A local generator appends 50,000 lines/s for SECONDS (default 10)
# to a file the dashboard follows (tmux, 120x40, the view open on it), and `tail -f` follows the same file
# in the same run as the peer. Reports the view's frame interval p50/p99 while lines stream (from the
# dashboard's log line `logs of app closed: …`), the dashboard's resident-memory growth over the flood, and
# CPU of both. Needs no stack; needs a release build (TOUCHLINE_BIN measures another build).
# LOG_SOURCE=command follows the same file through a command source instead (`tail -n 0 -F FILE`: the
# guard process, the pipe and the command reader), results in bench/results/logs-command.md.
# Usage: [LOG_SOURCE=file|command] bench/logs.sh [SECONDS]          Results: bench/results/logs.md
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
seconds="${1:-10}"
rate=50000
source_kind="${LOG_SOURCE:-file}"
case "$source_kind" in
    file) results=bench/results/logs.md ;;
    command) results=bench/results/logs-command.md ;;
    *) bench_die "LOG_SOURCE must be file or command" ;;
esac
bin="${TOUCHLINE_BIN:-$PWD/.build/release/touchline}"
[ -x "$bin" ] || bench_die "build first: make release (or TOUCHLINE_BIN=.build/debug/touchline)"
command -v tmux >/dev/null || bench_die "tmux is needed"
py="$(python3 -c 'import sys; print(sys.executable)')"   # the real interpreter, not a pyenv shim
work="$(mktemp -d /tmp/touchline-bench-logs.XXXXXX)"
sock="touchline-bench-logs-$$"
tm() { tmux -L "$sock" "$@"; }
tail_pid=""
trap 'tm kill-server 2>/dev/null || true; [ -n "$tail_pid" ] && kill "$tail_pid" 2>/dev/null; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
flood="$work/flood.log"
: >"$flood"
cat >"$work/config.toml" <<TOML
[environments.bench]
label = "BENCH"
interval = "1s"
state_dir = "$work/state"

[[environments.bench.probes]]
name = "app"
kind = "tcp"
address = "127.0.0.1:9"
timeout = "500ms"

TOML
if [ "$source_kind" = command ]; then
    printf '[environments.bench.logs.app]\ncommand = ["tail", "-n", "0", "-F", "%s"]\n' "$flood" >>"$work/config.toml"
else
    printf '[environments.bench.logs.app]\nfile = "%s"\n' "$flood" >>"$work/config.toml"
fi
ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
log="$work/state/touchline.log"

tm new-session -d -s dash -x 120 -y 40 "env TERM=xterm-256color $bin --config $work/config.toml"
tl_pid=""
for _ in $(seq 50); do tl_pid=$(tm list-panes -t dash -F '#{pane_pid}'); [ -n "$tl_pid" ] && grep -q touchline "/proc/$tl_pid/cmdline" 2>/dev/null && break; sleep 0.1; done
[ -n "$tl_pid" ] || bench_die "the dashboard did not start"
sleep 2
tm send-keys -t dash l
for _ in $(seq 50); do tm capture-pane -p -t dash | grep -q "Logs · app" && break; sleep 0.1; done
tm capture-pane -p -t dash | grep -q "Logs · app" || bench_die "the Logs view did not open: $(tm capture-pane -p -t dash | head -3)"
tail -f "$flood" >/dev/null &
tail_pid=$!
sleep 1
rss0=$(rss_kb "$tl_pid"); t0=$(cpu_ticks "$tl_pid"); f0=$(cpu_ticks "$tail_pid")
"$py" - "$flood" "$rate" "$seconds" >"$work/generated" <<'PY' &
import sys, time
path, rate, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
levels = ["INFO"] * 45 + ["WARN"] * 4 + ["ERROR"]
written, start = 0, time.monotonic()
with open(path, "a", buffering=1 << 20) as out:
    while True:
        elapsed = time.monotonic() - start
        if elapsed >= seconds:
            break
        due = int(rate * elapsed)
        out.write("".join(f"2026-11-30T05:00:00.{i % 1000:03d}Z {levels[i % 50]} req={i} GET /api/v1/matches/{i % 380} 200 {i % 97 / 10:.1f}ms\n"
                          for i in range(written, due)))
        out.flush()
        written = due
        time.sleep(0.01)
print(written, time.monotonic() - start)
PY
gen=$!
peak=$rss0
while kill -0 "$gen" 2>/dev/null; do r=$(rss_kb "$tl_pid"); [ "$r" -gt "$peak" ] && peak=$r; sleep 0.2; done
wait "$gen"
sleep 1
t1=$(cpu_ticks "$tl_pid"); f1=$(cpu_ticks "$tail_pid")
r=$(rss_kb "$tl_pid"); [ "$r" -gt "$peak" ] && peak=$r
screen_after="$(tm capture-pane -p -t dash | sed -n 3p)"
tm send-keys -t dash Escape; sleep 0.5; tm send-keys -t dash q
for _ in $(seq 50); do grep -q "logs of app closed" "$log" 2>/dev/null && break; sleep 0.1; done
summary="$(grep "logs of app closed" "$log" | tail -1)"
[ -n "$summary" ] || bench_die "no 'logs of app closed' line in $log"

"$py" - "$seconds" "$ticks" "$t0" "$t1" "$f0" "$f1" "$rss0" "$peak" "$(cat "$work/generated")" "$summary" "$screen_after" "$(bench_machine)" \
    "$source_kind" "$results" <<'PY'
import sys, datetime, re
secs, ticks, t0, t1, f0, f1, rss0, peak = (float(x) for x in sys.argv[1:9])
written, gen_secs = (float(x) for x in sys.argv[9].split())
summary, screen, machine = sys.argv[10], sys.argv[11].strip(" ║"), sys.argv[12]
source_kind, results = sys.argv[13], sys.argv[14]
field = lambda name: float(re.search(name + r" ([0-9.]+)", summary).group(1))
p50, p99, mx = field("frame_interval_p50_ms"), field("frame_interval_p99_ms"), field("frame_interval_max_ms")
lines, dropped, frames = field("lines"), field("dropped"), field("streaming_frame_intervals")
window = secs + 1
tl_cpu = (t1 - t0) / ticks / window * 100
tail_cpu = (f1 - f0) / ticks / window * 100
growth = (peak - rss0) / 1024
yes = lambda ok: "yes" if ok else "NO"
out = [
    f"# Logs view under a flood{' (command source)' if source_kind == 'command' else ''} ({datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC; {machine})",
    "",
    f"A generator appended {written:,.0f} lines in {gen_secs:.1f} s ({written / gen_secs:,.0f} lines/s) to a file the "
    + ("dashboard followed in its Logs view through a command source (`tail -n 0 -F FILE`, run under touchline's guard; "
       "the CPU figure is touchline's own, the command's tail not counted)" if source_kind == "command" else "dashboard followed in its Logs view")
    + " (tmux, 120x40); `tail -f` followed the same file in the same run.",
    "",
    "| figure | touchline | tail -f (peer, same run) | target | holds |",
    "|---|---|---|---|---|",
    f"| frame interval while lines stream, p50 / p99 / max ({frames:.0f} intervals) | {p50:.1f} / {p99:.1f} / {mx:.1f} ms | - | p99 under 50 ms | {yes(p99 < 50)} |",
    f"| resident memory growth over the flood | {growth:.1f} MB (from {rss0/1024:.1f} MB) | - | under 10 MB | {yes(growth < 10)} |",
    f"| CPU over the flood (+1 s) | {tl_cpu:.1f} % of a core | {tail_cpu:.1f} % of a core | - | {tl_cpu / tail_cpu if tail_cpu > 0 else float('inf'):.1f}x tail -f (which draws nothing) |",
    f"| lines received by the view / dropped (counted) | {lines:,.0f} / {dropped:,.0f} | - | drops counted | {yes(lines + dropped >= 0.99 * written)} |",
    "",
    f"The view's counts line after the flood: `{screen}`",
]
text = "\n".join(out)
print(text)
open(results, "w").write(text + "\n")
PY
