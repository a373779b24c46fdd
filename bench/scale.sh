#!/usr/bin/env bash
# Benchmark: 500 probes at 1 s (HTTP paths on the API stand-in plus TCP) under the dashboard at 200x60:
# CPU of a core, poll lateness (p99 under 50 ms), frame render (under 5 ms), memory growth against the
# bound the history window sets. Needs the stack up and a release build (make bench does both).
# Usage: bench/scale.sh [SECONDS] [PROBES]          Results: bench/results/scale.md
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-90}"
probes="${2:-500}"
bin="$PWD/.build/release/touchline"
[ -x "$bin" ] || { echo "bench: build first: make release" >&2; exit 1; }
api="${STACK_API_PORT:-8001}"; pg="${STACK_PG_PORT:-5433}"; redis="${STACK_REDIS_PORT:-6380}"
work="$(mktemp -d)"
sock="touchline-scale-$$"
tm() { tmux -L "$sock" "$@"; }
trap 'tm kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
curl -fsS -m 2 "http://127.0.0.1:$api/health/liveness" >/dev/null || { echo "bench: the API stand-in does not answer on $api (make stack-up)" >&2; exit 1; }

# Half HTTP (distinct URLs on the stand-in's cheap liveness path), half TCP (the three services' ports).
{
    echo 'default_environment = "scale"'
    echo '[environments.scale]'
    echo 'label = "SCALE"'
    echo 'interval = "1s"'
    echo "state_dir = \"$work/state\""
    for i in $(seq 1 "$probes"); do
        echo '[[environments.scale.probes]]'
        if (( i % 2 )); then
            printf 'name = "http-%03d"\nkind = "http"\nurl = "http://127.0.0.1:%s/health/liveness?probe=%d"\ntimeout = "2s"\n' "$i" "$api" "$i"
        else
            port=$(( i % 3 == 0 ? pg : (i % 3 == 1 ? redis : api) ))
            printf 'name = "tcp-%03d"\nkind = "tcp"\naddress = "127.0.0.1:%s"\ntimeout = "1s"\n' "$i" "$port"
        fi
    done
} > "$work/scale.toml"

ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
tm new-session -d -s scale -x 200 -y 60 "env TERM=xterm-256color $bin --config $work/scale.toml"
pid=""
for _ in $(seq 50); do pid=$(pgrep -f "^$bin --config $work/scale.toml" | head -1 || true); [ -n "$pid" ] && break; sleep 0.1; done
[ -n "$pid" ] || { echo "bench: touchline did not start" >&2; exit 1; }
sleep 20                                  # warm-up: every probe connected, the first minute of history
c0=$(cpu_ticks "$pid"); r0=$(rss_kb "$pid"); t0=$(date +%s.%N)
sleep "$seconds"
c1=$(cpu_ticks "$pid"); r1=$(rss_kb "$pid"); t1=$(date +%s.%N)
threads=$(ls "/proc/$pid/task" | wc -l)
tm send-keys -t scale q
for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
stopped=$(grep "dashboard stopped" "$work/state/touchline.log" | tail -1)
[ -n "$stopped" ] || { echo "bench: no summary in $work/state/touchline.log" >&2; exit 1; }

python3 - "$probes" "$ticks" "$c0" "$c1" "$t0" "$t1" "$r0" "$r1" "$threads" "$stopped" <<'PY'
import sys, re, datetime
probes, ticks, c0, c1, t0, t1, r0, r1, threads = (float(x) for x in sys.argv[1:10])
line = sys.argv[10]
field = lambda name: float(re.search(name + r" ([0-9.]+)", line).group(1))
cpu = (c1 - c0) / ticks / (t1 - t0) * 100
growth_mb_per_min = (r1 - r0) / 1024 / ((t1 - t0) / 60)
# The bound: 900 s of samples per probe; a sample without metrics is about 120 bytes in the window.
bound_mb = probes * 900 * 120 / 1e6
yes = lambda ok: "yes" if ok else "NO"
rows = [
    f"# scale benchmark ({datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC)",
    "",
    f"{probes:.0f} probes at a 1 s interval ({probes/2:.0f} HTTP on the API stand-in, {probes/2:.0f} TCP), dashboard at 200x60 in tmux,",
    f"measured over {t1 - t0:.0f} s after a 20 s warm-up; {threads:.0f} threads.",
    "",
    "| figure | measured | target | holds |",
    "|---|---|---|---|",
    f"| CPU | {cpu:.1f} % of a core | under 15 % | {yes(cpu < 15)} |",
    f"| poll lateness p99 / max | {field('lateness_p99_ms'):.0f} / {field('lateness_max_ms'):.0f} ms over {field('polls'):.0f} polls | p99 under 50 ms | {yes(field('lateness_p99_ms') < 50)} |",
    f"| missed polls (started more than one interval late) | {field('missed'):.0f} | 0 | {yes(field('missed') == 0)} |",
    f"| frame render at 200x60 (mean / max) | {field('render_avg_ms'):.2f} / {field('render_max_ms'):.2f} ms | under 5 ms | {yes(field('render_avg_ms') < 5)} |",
    f"| resident memory | {r0/1024:.1f} → {r1/1024:.1f} MB ({growth_mb_per_min:+.2f} MB/min) | bounded by the 15-minute history (about {bound_mb:.0f} MB of samples) | {yes(r1/1024 < r0/1024 + bound_mb)} |",
]
text = "\n".join(rows)
print(text)
open("bench/results/scale.md", "w").write(text + "\n")
PY
