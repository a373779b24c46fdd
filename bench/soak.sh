#!/usr/bin/env bash
# Soak: the dashboard in tmux at a 1 s interval against a private stack for SOAK_MINUTES (default 30),
# with a fault cycled every minute (redis stopped, API slower than its timeout, API stopped, PostgreSQL
# restarted, API answering 500) and cleared 20 s later. Every 10 s it samples the touchline process's
# resident memory (/proc/PID/status) and open descriptors (/proc/PID/fd).
# Passes when RSS grows under 2 MB (the healthy sample at minute 2 against the healthy one at the end),
# the descriptor count does not grow, no poll was late (ProbeRunner logs "late poll" to touchline.log),
# the dashboard is still alive with every probe up at the end, and q exits 0.
# Usage: SOAK_MINUTES=30 bench/soak.sh        Results: bench/results/soak.md (exit 0 pass, 1 fail)
# Knobs: SOAK_BIN (default .build/release/touchline, else the debug build), SOAK_STACK_DIR, SOAK_KEEP_STACK=1,
#        STACK_VENV (default .stack/venv), SOAK_FAULT_SECONDS (default 20).
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
minutes="${SOAK_MINUTES:-30}"
fault_seconds="${SOAK_FAULT_SECONDS:-20}"
bin="${SOAK_BIN:-}"
if [ -z "$bin" ]; then
    if [ -x .build/release/touchline ]; then bin="$repo/.build/release/touchline"; else bin="$repo/.build/debug/touchline"; fi
fi
[ -x "$bin" ] || { echo "soak: no touchline binary at $bin: build first (swift build -c release)" >&2; exit 1; }
bin="$(realpath "$bin")"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

export STACK_DIR="${SOAK_STACK_DIR:-/tmp/touchline-soak-$$}"
export STACK_API_PORT="${STACK_API_PORT:-$(free_port)}"
export STACK_API_TLS_PORT="${STACK_API_TLS_PORT:-$(free_port)}"
export STACK_PG_PORT="${STACK_PG_PORT:-$(free_port)}"
export STACK_REDIS_PORT="${STACK_REDIS_PORT:-$(free_port)}"
export STACK_VENV="${STACK_VENV:-$repo/.stack/venv}"
stack() { "$repo/scripts/stack" "$@"; }
sock="touchline-soak-$$"
tm() { tmux -L "$sock" "$@"; }
cleanup() {
    tm kill-server 2>/dev/null || true
    stack fault clear >/dev/null 2>&1 || true
    if [ "${SOAK_KEEP_STACK:-0}" != 1 ]; then stack destroy >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

echo "soak: $minutes min, stack in $STACK_DIR (api $STACK_API_PORT, pg $STACK_PG_PORT, redis $STACK_REDIS_PORT), $bin"
stack up >/dev/null
eval "$(stack env)"
state="$STACK_DIR/soak-state"
log="$state/touchline.log"
config="$STACK_DIR/soak.toml"
cat >"$config" <<EOF
default_environment = "staging"
[environments.staging]
label = "SOAK"
interval = "1s"
state_dir = "$state"

[[environments.staging.probes]]
name = "api"
kind = "http"
url = "http://127.0.0.1:$STACK_API_PORT/health"
timeout = "2s"
expect_status = [200]
status_field = "status"
version_field = "version"

[[environments.staging.probes]]
name = "postgres"
kind = "postgres"
dsn = "host=127.0.0.1 port=$STACK_PG_PORT dbname=football_prediction_staging user=football_staging_user"
password_env = "STAGING_DB_PASSWORD"
timeout = "2s"

[[environments.staging.probes]]
name = "redis"
kind = "redis"
address = "127.0.0.1:$STACK_REDIS_PORT"
timeout = "1s"
EOF

code_file="$STACK_DIR/soak.code"
rm -f "$code_file"
tm new-session -d -s soak -x 120 -y 40 \
    "env TERM=xterm-256color STAGING_DB_PASSWORD='$STAGING_DB_PASSWORD' $bin --config $config; echo \$? > $code_file; sleep 600"
pid=""
for _ in $(seq 100); do pid=$(pgrep -f "^$bin --config $config" | head -1 || true); [ -n "$pid" ] && break; sleep 0.1; done
[ -n "$pid" ] || { echo "soak: touchline did not start" >&2; exit 1; }

samples="$STACK_DIR/soak-samples.tsv"
echo -e "second\tminute\tphase\trss_kb\tfds" >"$samples"
start=$(date +%s)
sample() { # phase
    local rss fds now
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    fds=$(ls "/proc/$pid/fd" 2>/dev/null | wc -l)
    now=$(( $(date +%s) - start ))
    echo -e "$now\t$(( now / 60 ))\t$1\t$rss\t$fds" >>"$samples"
}
sleep_until() { local t=$(( start + $1 )); while [ "$(date +%s)" -lt "$t" ]; do sleep 0.2; done; }

faults=("stop redis" "api latency 3s" "stop api" "restart postgres" "api status 500")
apply() {
    case "$1" in
        "stop redis") stack stop redis ;;
        "stop api") stack stop api ;;
        "restart postgres") stack restart postgres ;;
        api*) stack fault $1 ;;
    esac >/dev/null
}
clear_fault() {
    case "$1" in
        "stop redis") stack start redis ;;
        "stop api") stack start api ;;
        "restart postgres") true ;;
        api*) stack fault clear ;;
    esac >/dev/null
}

sleep 5   # let every probe answer once before the first sample
for (( m = 0; m < minutes; m++ )); do
    sleep_until $(( m * 60 + 5 ))
    sample "healthy"
    fault="${faults[$(( m % ${#faults[@]} ))]}"
    echo "soak: minute $m: $fault"
    apply "$fault"
    for (( s = 10; s < 60; s += 10 )); do
        if (( s == fault_seconds )); then clear_fault "$fault"; fi
        sleep_until $(( m * 60 + 5 + s ))
        sample "$( (( s < fault_seconds )) && echo "fault: $fault" || echo "recovering")"
    done
done
sleep_until $(( minutes * 60 + 5 ))
sample "healthy"
alive=yes; kill -0 "$pid" 2>/dev/null || alive=no
screen=$(tm capture-pane -p -t soak || true)
all_up=no; grep -q "3 up" <<<"$screen" && all_up=yes
tm send-keys -t soak q
for _ in $(seq 50); do [ -s "$code_file" ] && break; sleep 0.1; done
exit_code=$(cat "$code_file" 2>/dev/null || echo none)
late=$(grep -c "late poll" "$log" 2>/dev/null || true)
late_lines=$(grep "late poll" "$log" 2>/dev/null | tail -5 || true)

python3 - "$samples" "$minutes" "$alive" "$all_up" "$exit_code" "${late:-0}" "$late_lines" "$bin" <<'PY'
import sys, csv, datetime
path, minutes, alive, all_up, exit_code, late, late_lines, binary = sys.argv[1:9]
minutes, late = int(minutes), int(late)
rows = list(csv.DictReader(open(path), delimiter="\t"))
healthy = [r for r in rows if r["phase"] == "healthy"]
base = next((r for r in healthy if int(r["minute"]) >= 2), healthy[min(1, len(healthy) - 1)])
end = healthy[-1]
rss_growth = int(end["rss_kb"]) - int(base["rss_kb"])
fd_growth = int(end["fds"]) - int(base["fds"])
checks = [
    ("RSS growth, healthy minute %s -> end" % base["minute"], "%+d kB (%s -> %s kB)" % (rss_growth, base["rss_kb"], end["rss_kb"]), "under 2048 kB", rss_growth < 2048),
    ("open descriptors, healthy minute %s -> end" % base["minute"], "%+d (%s -> %s)" % (fd_growth, base["fds"], end["fds"]), "no growth", fd_growth <= 0),
    ("late polls (a check past its deadline, or the next one started past its interval, by > 250 ms)", str(late), "0", late == 0),
    ("alive with every probe up at the end", "%s / %s" % (alive, all_up), "yes / yes", alive == "yes" and all_up == "yes"),
    ("q exits", exit_code, "0", exit_code == "0"),
]
ok = all(c[3] for c in checks)
out = [f"# soak ({datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC): {minutes} min at 1 s, a fault every minute — {'PASS' if ok else 'FAIL'}",
       "", f"Binary `{binary}`; faults cycled: stop redis, api latency 3s (timeout 2s), stop api, restart postgres, api status 500; each cleared after 20 s.",
       "", "| check | measured | target | holds |", "|---|---|---|---|"]
out += [f"| {name} | {value} | {target} | {'yes' if good else 'NO'} |" for name, value, target, good in checks]
if late_lines.strip():
    out += ["", "Last late polls:", "", "```", late_lines.strip(), "```"]
out += ["", "Samples every 10 s:", "", "| s | minute | phase | RSS kB | fds |", "|---|---|---|---|---|"]
out += [f"| {r['second']} | {r['minute']} | {r['phase']} | {r['rss_kb']} | {r['fds']} |" for r in rows]
text = "\n".join(out)
open("bench/results/soak.md", "w").write(text + "\n")
print("\n".join(out[:11]))
sys.exit(0 if ok else 1)
PY
