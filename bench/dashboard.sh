#!/usr/bin/env bash
# Benchmark: the dashboard's idle cost (CPU, RSS and PSS from /proc/PID/smaps_rollup) against htop, btop and
# pg_activity (--refresh 1, on the stack's database) in the same run, touchline's memory by mapping and by
# library family (bench/smaps.py), time to the first full frame, and frame render time at 200x60. Every
# staging probe polls at 1 s. Needs the stack up and a release build (make bench does both); installs htop
# and btop (Debian) when missing, and pg_activity from PyPI into BENCH_VENV (default .stack/bench-venv).
# Usage: bench/dashboard.sh [SECONDS]          Results: bench/results/dashboard.md
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
seconds="${1:-60}"
bin="${TOUCHLINE_BIN:-$PWD/.build/release/touchline}"   # TOUCHLINE_BIN: measure another build
[ -x "$bin" ] || { echo "bench: build first: make release" >&2; exit 1; }
install_tool() { # command package
    command -v "$1" >/dev/null && return 0
    echo "bench: installing $2"
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$2" >/dev/null \
        || { echo "bench: apt-get install $2 failed" >&2; exit 1; }
}
install_tool htop htop
install_tool btop btop
venv="${BENCH_VENV:-$PWD/.stack/bench-venv}"
if [ ! -x "$venv/bin/pg_activity" ]; then
    echo "bench: installing pg_activity (PyPI) into $venv"
    { python3 -m venv "$venv" && "$venv/bin/pip" install -q 'pg_activity[psycopg]'; } >/dev/null \
        || { echo "bench: pip install pg_activity into $venv failed" >&2; exit 1; }
fi
eval "$(scripts/stack env)"
pg_port="$bench_pg_port"
work="$(mktemp -d /tmp/touchline-bench-dashboard.XXXXXX)"
bench_config "$work/config.toml" "$work"   # staging on this stack's ports; state (and log) under $work
sed -i 's/^interval = "[0-9]*s"/interval = "1s"/' "$work/config.toml"   # every probe polls at 1 s
log="$work/state/touchline.log"
run="$bin --config $work/config.toml --env staging"
sock="touchline-bench-$$"
tm() { tmux -L "$sock" "$@"; }
trap 'tm kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
memory_kb() { bench/smaps.py rollup "$1"; }   # "RSS PSS" in kB
wait_pid() { for _ in $(seq 50); do p=$(pgrep -f "^$1" | head -1); [ -n "$p" ] && { echo "$p"; return; }; sleep 0.1; done; }

# 1. Idle cost: the four tools side by side at 120x40 for $seconds seconds. pg_activity is a Python
#    program: its pid is the tmux pane's (exec'd), not found by name.
tm new-session -d -s dash -x 120 -y 40 "env TERM=xterm-256color $run"
tm new-session -d -s htop -x 120 -y 40 "env TERM=xterm-256color htop -d 10"
tm new-session -d -s btop -x 120 -y 40 "env TERM=xterm-256color btop"
tm new-session -d -s pga -x 120 -y 40 "exec env TERM=xterm-256color PGPASSWORD=$STAGING_DB_PASSWORD $venv/bin/python $venv/bin/pg_activity --refresh 1 \
    -h 127.0.0.1 -p $pg_port -U football_staging_user -d football_prediction_staging"
tl_pid=$(wait_pid "$run"); htop_pid=$(wait_pid "htop -d 10"); btop_pid=$(wait_pid "btop")
pga_pid=$(tm list-panes -t pga -F '#{pane_pid}')
sleep 5
grep -q pg_activity "/proc/$pga_pid/cmdline" 2>/dev/null || { echo "bench: pg_activity did not start: $(tm capture-pane -p -t pga | grep -m1 .)" >&2; exit 1; }
t0=$(cpu_ticks "$tl_pid"); h0=$(cpu_ticks "$htop_pid"); b0=$(cpu_ticks "$btop_pid"); g0=$(cpu_ticks "$pga_pid")
sleep "$seconds"
t1=$(cpu_ticks "$tl_pid"); h1=$(cpu_ticks "$htop_pid"); b1=$(cpu_ticks "$btop_pid"); g1=$(cpu_ticks "$pga_pid")
tl_mem=$(memory_kb "$tl_pid"); htop_mem=$(memory_kb "$htop_pid"); btop_mem=$(memory_kb "$btop_pid"); pga_mem=$(memory_kb "$pga_pid")
bench/smaps.py mappings "$tl_pid" 15 >"$work/mappings.md"; bench/smaps.py groups "$tl_pid" >"$work/groups.md"
bench/smaps.py segments "$tl_pid" >"$work/segments.md"
tm send-keys -t dash q; tm kill-session -t htop; tm kill-session -t btop; tm kill-session -t pga
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

python3 - "$seconds" "$ticks" "$t0" "$t1" "$h0" "$h1" "$tl_mem" "$htop_mem" "${starts[*]}" "$render" "$g0" "$g1" "$pga_mem" \
    "$b0" "$b1" "$btop_mem" "$work/mappings.md" "$work/groups.md" "$work/segments.md" <<'PY'
import sys, statistics, datetime
secs, ticks, t0, t1, h0, h1 = (float(x) for x in sys.argv[1:7])
(tl_rss, tl_pss), (htop_rss, htop_pss) = ([float(v) for v in sys.argv[i].split()] for i in (7, 8))
starts = [float(x) * 1000 for x in sys.argv[9].split()]
render = sys.argv[10].split()
g0, g1 = float(sys.argv[11]), float(sys.argv[12])
pga_rss, pga_pss = (float(v) for v in sys.argv[13].split())
b0, b1 = float(sys.argv[14]), float(sys.argv[15])
btop_rss, btop_pss = (float(v) for v in sys.argv[16].split())
mappings, groups = open(sys.argv[17]).read().strip(), open(sys.argv[18]).read().strip()
segments = open(sys.argv[19]).read().strip()
tl_cpu = (t1 - t0) / ticks / secs * 100
htop_cpu = (h1 - h0) / ticks / secs * 100
btop_cpu = (b1 - b0) / ticks / secs * 100
pga_cpu = (g1 - g0) / ticks / secs * 100
mb = lambda kb: f"{kb / 1024:.1f} MB"
ratio = tl_cpu / htop_cpu if htop_cpu > 0 else float("inf")
avg, mx, paint = float(render[1]), float(render[3]), float(render[5])
yes = lambda ok: "yes" if ok else "NO"
lines = [
    f"# dashboard benchmark ({datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC; staging, every probe at 1 s, tmux)",
    "",
    "| figure | touchline | htop -d 10 (peer, same run) | btop (peer, same run) | pg_activity --refresh 1 (peer, same run) | target | holds |",
    "|---|---|---|---|---|---|---|",
    f"| idle CPU, 120x40, {secs:.0f} s | {tl_cpu:.2f} % of a core | {htop_cpu:.2f} % | {btop_cpu:.2f} % | {pga_cpu:.2f} % | at most 0.8x htop | {yes(ratio <= 0.8)} ({ratio:.2f}x htop, {tl_cpu / pga_cpu if pga_cpu else float('inf'):.2f}x pg_activity) |",
    f"| resident memory (RSS, smaps_rollup) | {mb(tl_rss)} ({tl_rss:.0f} kB) | {mb(htop_rss)} | {mb(btop_rss)} | {mb(pga_rss)} | under 20 MiB (20,480 kB) | {yes(tl_rss < 20480)} |",
    f"| proportional set size (PSS, smaps_rollup) | {mb(tl_pss)} ({tl_pss:.0f} kB) | {mb(htop_pss)} | {mb(btop_pss)} | {mb(pga_pss)} | - | - |",
    f"| launch to first full frame (median of 5) | {statistics.median(starts):.0f} ms | - | - | - | under 200 ms | {yes(statistics.median(starts) < 200)} |",
    f"| frame render at 200x60 (mean / max) | {avg:.3f} / {mx:.3f} ms | - | - | - | under 2 ms | {yes(avg < 2)} |",
    f"| frame paint (ncurses diff + refresh), mean | {paint:.3f} ms | - | - | - | - | - |",
    "",
    "touchline's memory by library family (/proc/PID/smaps, summed; Rss counts only pages present, so a library",
    "mapped but never touched costs nothing):",
    "",
    groups,
    "",
    "touchline's 15 largest mappings by Rss (summed per mapped file):",
    "",
    mappings,
    "",
    "the executable's own mappings (what of its code and data the run touched):",
    "",
    segments,
]
text = "\n".join(lines)
print(text)
open("bench/results/dashboard.md", "w").write(text + "\n")
PY
