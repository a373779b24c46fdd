#!/usr/bin/env bash
# Benchmark (issue 13): the Sessions view over 500 client sessions on the stack (idle and active mixed, a few
# idle in transaction, one blocking chain):
#   - the sessions statement's time: `touchline sessions --all --json`'s query_seconds (round trip from touchline)
#     and the server's own Execution Time (EXPLAIN ANALYZE of the same statement), against a plain
#     `SELECT * FROM pg_stat_activity` measured the same way in the same run (the floor any tool pays);
#   - the view's render time at 200x60: the release dashboard in tmux with the view open (render_avg_ms and
#     render_max_ms from its log), and the in-process render of 500 sessions (TOUCHLINE_BENCH=1, debug build).
# Targets: statement under 20 ms, render under 5 ms.
# The stack's max_connections (100) is raised to 620 with ALTER SYSTEM for the run and reset afterwards
# (postgres restarts twice).
# Usage: bench/sessions.sh [RUNS]          Results: bench/results/sessions.md
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
runs="${1:-30}"
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || bench_die "RUNS must be a positive number, got '$runs'"
bin="$PWD/.build/release/touchline"
[ -x "$bin" ] || bench_die "build first: make release"
command -v psql >/dev/null && command -v tmux >/dev/null || bench_die "psql and tmux are needed (scripts/deps)"
python="${STACK_VENV:-${STACK_DIR:-$PWD/.stack}/venv}/bin/python"
[ -x "$python" ] || bench_die "no stack venv python at $python (scripts/stack up)"
eval "$(scripts/stack env)"
db=football_prediction_staging
work="$(mktemp -d /tmp/touchline-bench-sessions.XXXXXX)"
socket="touchline-bench-sessions-$$"
holder=""
raised=0
cleanup() {
    tmux -L "$socket" kill-server 2>/dev/null || true
    [ -n "$holder" ] && kill "$holder" 2>/dev/null || true
    # A backend in pg_sleep does not notice its client going away: end the bench's sessions on the server too.
    scripts/stack admin-psql -XAtqc "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name LIKE 'bench-%'" >/dev/null 2>&1 || true
    if [ "$raised" = 1 ]; then
        scripts/stack admin-psql -XAtqc "ALTER SYSTEM RESET max_connections" >/dev/null || true
        scripts/stack restart postgres >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
psql_as_app() { PGPASSWORD="$STAGING_DB_PASSWORD" psql -X -q -h 127.0.0.1 -p "$bench_pg_port" -U football_staging_user -d "$db" "$@"; }
psql_as_app -tAc 'SELECT 1' >/dev/null || bench_die "postgres on port $bench_pg_port does not answer (scripts/stack up)"
if [ "$(scripts/stack admin-psql -XAtqc 'SHOW max_connections')" -lt 620 ]; then
    scripts/stack admin-psql -XAtqc "ALTER SYSTEM SET max_connections = 620" >/dev/null
    raised=1
    scripts/stack restart postgres >/dev/null
fi

# 500 sessions in one python process: 60 running pg_sleep (one thread each), 20 idle in transaction, a chain
# (a holder idle in transaction, 4 updates waiting behind it), the rest idle.
"$python" - "$bench_pg_port" "$db" >"$work/holder.log" 2>&1 <<'PY' &
import os, sys, threading, time, psycopg
port, db = int(sys.argv[1]), sys.argv[2]
def connect(i):
    return psycopg.connect(host="127.0.0.1", port=port, dbname=db, user="football_staging_user",
                           password=os.environ["STAGING_DB_PASSWORD"], application_name=f"bench-{i % 9}", autocommit=True)
conns = [connect(i) for i in range(500)]
def run(conn, sql):
    try: conn.execute(sql)
    except Exception: pass
for conn in conns[:60]:
    threading.Thread(target=run, args=(conn, "SELECT pg_sleep(600)"), daemon=True).start()
for conn in conns[60:80]:
    conn.autocommit = False
    conn.execute("SELECT count(*) FROM teams")
conns[80].autocommit = False
conns[80].execute("UPDATE teams SET name = name WHERE id = 3")
for conn in conns[81:85]:
    threading.Thread(target=run, args=(conn, "UPDATE teams SET name = name WHERE id = 3"), daemon=True).start()
print("ready", flush=True)
time.sleep(600)
PY
holder=$!
for _ in $(seq 120); do grep -q ready "$work/holder.log" 2>/dev/null && break; sleep 0.5; done
grep -q ready "$work/holder.log" || bench_die "the 500 sessions did not open: $(tail -3 "$work/holder.log")"
sleep 1
clients="$(psql_as_app -tAc "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'")"

bench_config "$work/config.toml" "$work"
# The statement exactly as touchline sends it, with no own pids ($1 = '{}').
sql="$(awk '/public static let sql = """/ { on = 1; next } on && /^ *"""/ { exit } on { print }' Sources/TouchlineCore/Sessions/SessionsQuery.swift \
      | sed "s/\$1::int\[\]/'{}'::int[]/")"
[ -n "$sql" ] || bench_die "could not read the statement from SessionsQuery.swift"
for i in $(seq "$runs"); do
    "$bin" sessions --config "$work/config.toml" --env staging --all --json >"$work/sessions-$i.json"
    psql_as_app -tAc "EXPLAIN (ANALYZE, FORMAT JSON) $sql" >"$work/explain-$i.json"
    psql_as_app -tAc "EXPLAIN (ANALYZE, FORMAT JSON) SELECT * FROM pg_stat_activity" >"$work/floor-$i.json"
done

# The view in the release dashboard at 200x60, open for 20 s (it re-reads every 2 s).
tmux -L "$socket" new-session -d -x 200 -y 60 "STAGING_DB_PASSWORD='$STAGING_DB_PASSWORD' '$bin' --config '$work/config.toml' --env staging"
sleep 1.5
tmux -L "$socket" send-keys a
sleep 20
tmux -L "$socket" capture-pane -p >"$work/screen.txt"
tmux -L "$socket" send-keys Escape
sleep 0.3
tmux -L "$socket" send-keys q
sleep 1
frames="$(grep 'dashboard stopped' "$work/state/touchline.log" | tail -1 || true)"
inproc="$(TOUCHLINE_BENCH=1 swift test --skip-build --filter 'SessionsViewTests' 2>/dev/null | grep 'render sessions-500' || true)"

python3 - "$work" "$runs" "$clients" "$(bench_machine)" "$frames" "$inproc" <<'PY'
import datetime, json, re, statistics, sys
work, runs, clients, machine, frames, inproc = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6]
def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]
trip = [json.load(open(f"{work}/sessions-{i}.json"))["query_seconds"] * 1000 for i in range(1, runs + 1)]
rows = len(json.load(open(f"{work}/sessions-1.json"))["sessions"])
server = [json.loads(open(f"{work}/explain-{i}.json").read())[0]["Execution Time"] for i in range(1, runs + 1)]
floor = [json.loads(open(f"{work}/floor-{i}.json").read())[0]["Execution Time"] for i in range(1, runs + 1)]
render = dict(re.findall(r"(render_avg_ms|render_max_ms|frames) ([0-9.]+)", frames))
proc = re.search(r"([0-9.]+) ms per frame over (\d+)", inproc)
line = lambda name, v, target: f"| {name} | {statistics.median(v):.2f} | {pct(v, 95):.2f} | {max(v):.2f} | {target} |"
text = "\n".join([
    "# Sessions view: statement and render time", "",
    f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC · {machine}", "",
    f"{clients} client sessions on the stack's PostgreSQL (60 running pg_sleep, 21 idle in transaction, a chain of 1 holder and "
    f"4 waiters, the rest idle); `touchline sessions --all` listed {rows}. {runs} runs each.", "",
    "| measure (ms) | p50 | p95 | max | target |", "|---|---:|---:|---:|---|",
    line("sessions statement, round trip from touchline (`query_seconds`)", trip, "< 20"),
    line("sessions statement, server Execution Time (EXPLAIN ANALYZE)", server, "< 20"),
    line("peer floor: `SELECT * FROM pg_stat_activity`, Execution Time", floor, "—"), "",
    f"Ratio of the statement's server time to the floor (p50): {statistics.median(server) / max(statistics.median(floor), 1e-9):.1f}x "
    "(pg_blocking_pids is called only for sessions waiting on a Lock).", "",
    "| render at 200x60 | value | target |", "|---|---:|---|",
    f"| release dashboard, Sessions view open 20 s: render_avg_ms over {render.get('frames', '?')} frames | {render.get('render_avg_ms', '?')} | < 5 |",
    f"| release dashboard: render_max_ms | {render.get('render_max_ms', '?')} | — |",
    f"| in-process render of 500 sessions, debug build (TOUCHLINE_BENCH=1) | {proc.group(1) if proc else '?'} | — |", "",
])
open("bench/results/sessions.md", "w").write(text + "\n")
print(text)
PY
