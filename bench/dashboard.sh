#!/usr/bin/env bash
# Benchmark: the dashboard's idle cost against htop and pg_activity (--refresh 1, on the stack's database)
# in the same run, time to the first full frame, and frame render time at 200x60. Needs the stack up and a
# release build (make bench does both); installs htop and pg_activity (Debian pg-activity) when missing.
# Usage: bench/dashboard.sh [SECONDS]          Results: bench/results/dashboard.md
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
seconds="${1:-60}"
bin="${TOUCHLINE_BIN:-$PWD/.build/release/touchline}"   # TOUCHLINE_BIN: measure another build
[ -x "$bin" ] || { echo "bench: build first: swift build -c release" >&2; exit 1; }
install_tool() { # command package
    command -v "$1" >/dev/null && return 0
    echo "bench: installing $2"
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$2" >/dev/null \
        || { echo "bench: apt-get install $2 failed" >&2; exit 1; }
}
install_tool htop htop
install_tool pg_activity pg-activity
eval "$(scripts/stack env)"
pg_port="$bench_pg_port"
work="$(mktemp -d /tmp/touchline-bench-dashboard.XXXXXX)"
bench_config "$work/config.toml" "$work"   # staging on this stack's ports; state (and log) under $work
log="$work/state/touchline.log"
run="$bin --config $work/config.toml --env staging"
sock="touchline-bench-$$"
tm() { tmux -L "$sock" "$@"; }
trap 'tm kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
wait_pid() { for _ in $(seq 50); do p=$(pgrep -f "^$1" | head -1); [ -n "$p" ] && { echo "$p"; return; }; sleep 0.1; done; }

# 1. Idle cost: the three tools side by side at 120x40 for $seconds seconds. pg_activity is a Python
#    program: its pid is the tmux pane's (exec'd), not found by name.
tm new-session -d -s dash -x 120 -y 40 "env TERM=xterm-256color $run"
tm new-session -d -s htop -x 120 -y 40 "env TERM=xterm-256color htop -d 10"
tm new-session -d -s pga -x 120 -y 40 "exec env TERM=xterm-256color PGPASSWORD=$STAGING_DB_PASSWORD pg_activity --refresh 1 \
    -h 127.0.0.1 -p $pg_port -U football_staging_user -d football_prediction_staging"
tl_pid=$(wait_pid "$run"); htop_pid=$(wait_pid "htop -d 10")
pga_pid=$(tm list-panes -t pga -F '#{pane_pid}')
sleep 5
grep -q pg_activity "/proc/$pga_pid/cmdline" 2>/dev/null || { echo "bench: pg_activity did not start: $(tm capture-pane -p -t pga | grep -m1 .)" >&2; exit 1; }
t0=$(cpu_ticks "$tl_pid"); h0=$(cpu_ticks "$htop_pid"); g0=$(cpu_ticks "$pga_pid")
sleep "$seconds"
t1=$(cpu_ticks "$tl_pid"); h1=$(cpu_ticks "$htop_pid"); g1=$(cpu_ticks "$pga_pid")
tl_rss=$(rss_kb "$tl_pid"); htop_rss=$(rss_kb "$htop_pid"); pga_rss=$(rss_kb "$pga_pid")
tm send-keys -t dash q; tm kill-session -t htop; tm kill-session -t pga
sleep 1

# 2. Time to the first full frame, 5 launches.
starts=()
for _ in 1 2 3 4 5; do
    before=$(wc -l < "$log" 2>/dev/null || echo 0)
    tm new-session -d -s start -x 120 -y 40 "env TERM=xterm-256color $run"
    for _ in $(seq 50); do tail -n +"$((before + 1))" "$log" | grep -q "first full frame" && break; sleep 0.1; done
    starts+=("$(tail -n +"$((before + 1))" "$log" | grep -o 'first full frame after [0-9.e-]* seconds' | awk '{print $5}')")
    tm send-keys -t start q; sleep 0.5; tm kill-session -t start 2>/dev/null || true
done

# 3. Frame render time at 200x60 over 10 s of live updates.
before=$(wc -l < "$log")
tm new-session -d -s big -x 200 -y 60 "env TERM=xterm-256color $run"
sleep 10
tm send-keys -t big q; sleep 1
render=$(tail -n +"$((before + 1))" "$log" | grep -o 'render_avg_ms [0-9.]* render_max_ms [0-9.]* paint_avg_ms [0-9.]*' | tail -1)

python3 - "$seconds" "$ticks" "$t0" "$t1" "$h0" "$h1" "$tl_rss" "$htop_rss" "${starts[*]}" "$render" "$g0" "$g1" "$pga_rss" <<'PY'
import sys, statistics, datetime
secs, ticks, t0, t1, h0, h1, tl_rss, htop_rss = (float(x) for x in sys.argv[1:9])
starts = [float(x) * 1000 for x in sys.argv[9].split()]
render = sys.argv[10].split()
g0, g1, pga_rss = (float(x) for x in sys.argv[11:14])
tl_cpu = (t1 - t0) / ticks / secs * 100
htop_cpu = (h1 - h0) / ticks / secs * 100
pga_cpu = (g1 - g0) / ticks / secs * 100
ratio = tl_cpu / htop_cpu if htop_cpu > 0 else float("inf")
avg, mx, paint = float(render[1]), float(render[3]), float(render[5])
yes = lambda ok: "yes" if ok else "NO"
lines = [
    f"# dashboard benchmark ({datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC; staging, 1 s interval, tmux)",
    "",
    "| figure | touchline | htop -d 10 (peer, same run) | pg_activity --refresh 1 (peer, same run) | target | holds |",
    "|---|---|---|---|---|---|",
    f"| idle CPU, 120x40, {secs:.0f} s | {tl_cpu:.2f} % of a core | {htop_cpu:.2f} % | {pga_cpu:.2f} % | at most 0.8x htop | {yes(ratio <= 0.8)} ({ratio:.2f}x htop, {tl_cpu / pga_cpu if pga_cpu else float('inf'):.2f}x pg_activity) |",
    f"| resident memory | {tl_rss/1024:.1f} MB | {htop_rss/1024:.1f} MB | {pga_rss/1024:.1f} MB | under 20 MB | {yes(tl_rss < 20*1024)} |",
    f"| launch to first full frame (median of 5) | {statistics.median(starts):.0f} ms | - | - | under 200 ms | {yes(statistics.median(starts) < 200)} |",
    f"| frame render at 200x60 (mean / max) | {avg:.3f} / {mx:.3f} ms | - | - | under 2 ms | {yes(avg < 2)} |",
    f"| frame paint (ncurses diff + refresh), mean | {paint:.3f} ms | - | - | - | - |",
]
text = "\n".join(lines)
print(text)
open("bench/results/dashboard.md", "w").write(text + "\n")
PY
