#!/usr/bin/env bash
# Benchmark: the floor under the dashboard's resident memory (issue 18). Two programs that do nothing of
# touchline's own, measured in the same run as the dashboard:
#   - bench/floor/floor.c: touchline's C libraries doing the staging dashboard's I/O every second (an HTTPS
#     request with the stack's CA, an HTTP request, a query on a kept PostgreSQL connection, INFO on a kept
#     Redis connection, a curses screen), with GNUTLS_NO_IMPLICIT_INIT=1 as the dashboard has it;
#   - bench/floor/runtime.swift: the Swift runtime as the release build links it (standard library, Dispatch,
#     FoundationEssentials statically), one JSON decode, then idle.
# Their sum (glibc counted once) is what any program doing this job on these libraries costs; the dashboard's
# RSS above it is touchline's own code, data and threads. Needs the stack up and a release build (make bench
# does both). Usage: bench/floor.sh [SECONDS]         Results: bench/results/floor.md
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
seconds="${1:-20}"
bin="${TOUCHLINE_BIN:-$PWD/.build/release/touchline}"
[ -x "$bin" ] || bench_die "build first: make release"
eval "$(scripts/stack env)"
work="$(mktemp -d /tmp/touchline-bench-floor.XXXXXX)"
sock="touchline-bench-floor-$$"
tm() { tmux -L "$sock" "$@"; }
trap 'tm kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# shellcheck disable=SC2046
gcc -O2 -o "$work/floor" bench/floor/floor.c $(pkg-config --cflags --libs libcurl libpq) -lhiredis -lncursesw \
    || bench_die "cannot build bench/floor/floor.c"
swiftc -O -static-stdlib -o "$work/runtime" bench/floor/runtime.swift 2>"$work/swiftc.log" \
    || bench_die "cannot build bench/floor/runtime.swift: $(head -3 "$work/swiftc.log")"
bench_config "$work/config.toml" "$work"
sed -i 's/^interval = "[0-9]*s"/interval = "1s"/' "$work/config.toml"

tls_port="${STACK_API_TLS_PORT:-8443}"
conninfo="host=127.0.0.1 port=$bench_pg_port dbname=football_prediction_staging user=football_staging_user gssencmode=disable"
tm new-session -d -s floor -x 120 -y 40 "env TERM=xterm-256color GNUTLS_NO_IMPLICIT_INIT=1 STACK_CA_FILE=$STACK_CA_FILE \
    PGPASSWORD=$STAGING_DB_PASSWORD $work/floor https://127.0.0.1:$tls_port/health http://127.0.0.1:$bench_api_port/health \
    '$conninfo' $bench_redis_port $((seconds + 15))"
tm new-session -d -s runtime -x 120 -y 40 "$work/runtime $((seconds + 15))"
tm new-session -d -s dash -x 120 -y 40 "env TERM=xterm-256color $bin --config $work/config.toml --env staging"
sleep "$seconds"
floor_pid=$(pgrep -f "^$work/floor " | head -1); runtime_pid=$(pgrep -f "^$work/runtime " | head -1)
dash_pid=$(pgrep -f "^$bin --config $work/config.toml" | head -1)
[ -n "$floor_pid" ] && [ -n "$runtime_pid" ] && [ -n "$dash_pid" ] \
    || bench_die "a program did not start (floor: $(tm capture-pane -p -t floor | grep -m1 . || true))"
screen="$(tm capture-pane -p -t floor | grep -m1 https || true)"
case "$screen" in *"https 0 http 0 pg 0 redis 0"*) ;; *) bench_die "the floor program's I/O failed: $screen" ;; esac

python3 - "$floor_pid" "$runtime_pid" "$dash_pid" <<'PY'
import datetime, importlib.util, sys
spec = importlib.util.spec_from_file_location("smaps", "bench/smaps.py")
smaps = importlib.util.module_from_spec(spec)
spec.loader.exec_module(smaps)

def families(pid):
    import os
    binary = os.readlink(f"/proc/{pid}/exe")
    sums = {}
    for name, values in smaps.mappings(pid).items():
        label = smaps.group_of(name, binary)
        sums[label] = sums.get(label, 0) + values[0]
    return sums

floor, runtime, dash = (families(int(pid)) for pid in sys.argv[1:4])
total = lambda sums: sum(sums.values())
glibc = min(floor.get("glibc", 0), runtime.get("glibc", 0))
both = total(floor) + total(runtime) - glibc
mb = lambda kb: f"{kb / 1024:.1f} MB ({kb:,} kB)"
lines = [
    f"# floor benchmark ({datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC; staging, every probe at 1 s, tmux 120x40)",
    "",
    "| program | RSS |",
    "|---|---:|",
    f"| C floor: libcurl+OpenSSL, libpq, hiredis, ncursesw doing the dashboard's I/O (bench/floor/floor.c) | {mb(total(floor))} |",
    f"| Swift floor: the release build's runtime, statically linked, idle (bench/floor/runtime.swift) | {mb(total(runtime))} |",
    f"| both, glibc counted once | {mb(both)} |",
    f"| the dashboard, same run | {mb(total(dash))} |",
    f"| the dashboard above the floor: touchline's own code, data, heap and threads | {mb(total(dash) - both)} |",
    f"| the issue's target | 20.0 MB (20,480 kB): {'under' if both < 20480 else 'not under'} the floor's {mb(both)}, leaving {mb(20480 - both)} for touchline's own |",
    "",
    "By library family (RSS kB): C floor / Swift floor / dashboard",
    "",
    "| family | C floor | Swift floor | dashboard |",
    "|---|---:|---:|---:|",
]
for label in sorted(set(floor) | set(runtime) | set(dash), key=lambda name: -dash.get(name, 0)):
    lines.append(f"| {label} | {floor.get(label, 0):,} | {runtime.get(label, 0):,} | {dash.get(label, 0):,} |")
text = "\n".join(lines)
print(text)
open("bench/results/floor.md", "w").write(text + "\n")
PY
tm send-keys -t dash q
