#!/usr/bin/env bash
# Benchmark: do the postgres and redis probes tell the truth? `touchline check --json` on staging against the
# servers' own answers taken just before and just after it (bracketing it), several times, with a known mix
# of extra sessions open (2 active, 3 idle, 1 idle in transaction):
#   connections / active / idle / idle in transaction  vs  SELECT count(*) FROM pg_stat_activity WHERE ...
#   database size                                      vs  pg_database_size()
#   Redis used_memory, maxmemory, connected_clients    vs  redis-cli INFO
# Target (issue #6): equal. A sample counts as equal when touchline's figure equals the server's before or
# after it (the probe's own connection is counted as the server counts it).
# Usage: bench/probe-truth.sh [SAMPLES]          Results: bench/results/probe-truth.md
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
samples="${1:-10}"
[[ "$samples" =~ ^[1-9][0-9]*$ ]] || bench_die "SAMPLES must be a positive number, got '$samples'"
bin="$PWD/.build/release/touchline"
[ -x "$bin" ] || bench_die "build first: make release"
command -v redis-cli >/dev/null && command -v psql >/dev/null || bench_die "psql and redis-cli are needed (scripts/deps)"
eval "$(scripts/stack env)"
work="$(mktemp -d /tmp/touchline-bench-truth.XXXXXX)"
sessions=()
cleanup() {
    local pid
    for pid in "${sessions[@]}"; do kill -- -"$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
bench_config "$work/config.toml" "$work"
db=football_prediction_staging
rcli() { redis-cli -h 127.0.0.1 -p "$bench_redis_port" ${STAGING_REDIS_PASSWORD:+--no-auth-warning -a "$STAGING_REDIS_PASSWORD"} "$@"; }
psql_as_app() { PGPASSWORD="$STAGING_DB_PASSWORD" psql -X -q -h 127.0.0.1 -p "$bench_pg_port" -U football_staging_user -d "$db" "$@"; }
rcli ping >/dev/null || bench_die "redis on port $bench_redis_port does not answer (scripts/stack up)"
psql_as_app -tAc 'SELECT 1' >/dev/null || bench_die "postgres on port $bench_pg_port does not answer (scripts/stack up)"

# The known mix of sessions, each in a process group of its own (killed on exit).
open_session() { setsid bash -c "$1" </dev/null >/dev/null 2>&1 & sessions+=($!); }
export -f psql_as_app; export bench_pg_port db STAGING_DB_PASSWORD
for _ in 1 2; do open_session 'psql_as_app -c "SELECT pg_sleep(600)"'; done
for _ in 1 2 3; do open_session '{ echo "SELECT 1;"; sleep 600; } | psql_as_app'; done
open_session '{ echo "BEGIN; SELECT 1;"; sleep 600; } | psql_as_app'
sleep 1.5

truth_pg() {
    psql_as_app -tA -F ' ' -c "SELECT count(*),
        count(*) FILTER (WHERE state = 'active' AND pid <> pg_backend_pid()),
        count(*) FILTER (WHERE state = 'idle'),
        count(*) FILTER (WHERE state = 'idle in transaction'),
        pg_database_size(current_database())
        FROM pg_stat_activity WHERE backend_type = 'client backend'"
}
truth_redis() { rcli info | tr -d '\r' | awk -F: '{ v[$1] = $2 } END { print v["used_memory"], v["maxmemory"], v["connected_clients"] }'; }

for i in $(seq "$samples"); do
    { truth_pg; truth_redis; } >"$work/before-$i"
    "$bin" check --config "$work/config.toml" --env staging --json >"$work/check-$i.json" || true   # kafka etc. are down: exit 2
    { truth_pg; truth_redis; } >"$work/after-$i"
    sleep 0.2
done

python3 - "$work" "$samples" "$(bench_machine)" <<'PY'
import datetime, json, sys
work, samples, machine = sys.argv[1], int(sys.argv[2]), sys.argv[3]
names = ["connections", "active", "idle", "idle_in_transaction", "database_size_bytes",
         "used_memory", "maxmemory", "connected_clients"]
def truth(path):
    pg, redis = open(path).read().splitlines()[:2]
    return dict(zip(names, [int(x) for x in pg.split() + redis.split()]))
rows = {n: {"equal": 0, "diffs": [], "tl": [], "srv": []} for n in names}
for i in range(1, samples + 1):
    before, after = truth(f"{work}/before-{i}"), truth(f"{work}/after-{i}")
    report = json.load(open(f"{work}/check-{i}.json"))
    probes = {p["kind"]: p for p in report["probes"] if p["name"] in ("postgres", "redis")}
    pg, redis = probes["postgres"]["metrics"], probes["redis"]["metrics"]
    tl = {n: pg[n] for n in names[:5]} | {n: redis[n] for n in names[5:]}
    # The server counts the asking session itself: psql's session when psql asks, touchline's when touchline
    # asks (each only once, and not the other, which is closed by then); clients likewise for redis.
    for n in names:
        t, b, a = int(tl[n]), before[n], after[n]
        row = rows[n]
        row["tl"].append(t); row["srv"].append(b)
        if t in (b, a):
            row["equal"] += 1
        row["diffs"].append(min(abs(t - b), abs(t - a)))
label = {"connections": "PostgreSQL client connections (incl. the asker)", "active": "active (excl. the asker)",
         "idle": "idle", "idle_in_transaction": "idle in transaction", "database_size_bytes": "database size, bytes",
         "used_memory": "Redis used_memory, bytes", "maxmemory": "Redis maxmemory, bytes",
         "connected_clients": "Redis connected_clients (incl. the asker)"}
lines = [
    f"# probe truth benchmark ({datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; {machine})",
    "",
    f"`touchline check --json` on staging, bracketed by the servers' own answers (`pg_stat_activity`, "
    f"`pg_database_size`, `redis-cli INFO`), {samples} samples, with 2 active, 3 idle and 1 idle-in-transaction "
    "extra sessions open.",
    "",
    "| figure | touchline (last) | server (peer, same moment) | target | equal in | largest difference |",
    "|---|---|---|---|---|---|",
]
for n in names:
    r = rows[n]
    lines.append(f"| {label[n]} | {r['tl'][-1]} | {r['srv'][-1]} | equal | {r['equal']}/{samples} | {max(r['diffs'])} |")
text = "\n".join(lines)
print(text)
open("bench/results/probe-truth.md", "w").write(text + "\n")
PY
