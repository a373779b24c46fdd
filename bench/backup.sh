#!/usr/bin/env bash
# Benchmark: `touchline backup` of a ~1 GB database against `pg_dump | gzip` typed by hand, in the same run on
# the same database, interleaved (the order alternates per round), medians and their ratio. Target: touchline
# within 5 % of the hand pipeline, or faster. touchline compresses with pigz when it is installed (scripts/deps
# installs it) and falls back to gzip; when pigz is installed, a third series runs touchline with a PATH
# that has no pigz, so the fallback is measured too. Needs the stack up and a release build (make bench).
# The database (BENCH_BACKUP_DB, default bench_backup) is created once with generated rows of mixed text
# and numbers and reused while it is complete and about the right size.
# Usage: bench/backup.sh [ROUNDS]          Results: bench/results/backup.md
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
rounds="${1:-3}"
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || bench_die "ROUNDS must be a positive number, got '$rounds'"
bin="$PWD/.build/release/touchline"
db="${BENCH_BACKUP_DB:-bench_backup}"
[[ "$db" =~ ^[a-z_][a-z0-9_]*$ ]] || bench_die "BENCH_BACKUP_DB must be a plain lower-case name, got '$db'"
marker="touchline bench database v1 (complete)"
[ -x "$bin" ] || bench_die "build first: make release"
command -v pg_dump >/dev/null && command -v gzip >/dev/null || bench_die "pg_dump and gzip are needed (scripts/deps)"
eval "$(scripts/stack env)"
scripts/stack admin-psql -d postgres -tAc 'SELECT 1' >/dev/null 2>&1 \
    || bench_die "the stack's PostgreSQL on port $bench_pg_port does not answer (scripts/stack up)"
work="$(mktemp -d /tmp/touchline-bench-backup.XXXXXX)"
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
admin() { scripts/stack admin-psql -X -q -v ON_ERROR_STOP=1 "$@"; }

# 1. The database: ~1 GiB of match events (teams, players, event types, odds, timestamps, notes: some
#    hex digests, mostly templated text) plus predictions, owned by the stack's role so pg_dump can read it.
size_of() { admin -d postgres -tAc "SELECT coalesce((SELECT pg_database_size('$db')), 0)"; }
comment_of() { admin -d postgres -tAc "SELECT coalesce(shobj_description(oid, 'pg_database'), '') FROM pg_database WHERE datname = '$db'"; }
size="$(size_of 2>/dev/null || echo 0)"
if [ "$(comment_of 2>/dev/null || true)" = "$marker" ] && [ "$size" -gt 900000000 ] && [ "$size" -lt 1400000000 ]; then
    echo "bench: reusing database $db ($((size / 1048576)) MiB)"
else
    echo "bench: creating database $db (~1 GiB, a few minutes)"
    admin -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db OWNER football_staging_user"
    admin -d "$db" <<'SQL'
SET ROLE football_staging_user;
CREATE TABLE match_events (
    id bigint PRIMARY KEY, match_id int NOT NULL, minute smallint NOT NULL, team text NOT NULL,
    player text NOT NULL, event_type text NOT NULL, xg numeric(5,3), odds_home numeric(6,2),
    odds_away numeric(6,2), created_at timestamptz NOT NULL, note text);
INSERT INTO match_events
SELECT g, g / 40, (g * 7) % 95,
    (ARRAY['Arsenal','Chelsea','Liverpool','Everton','Leeds United','Brighton','Fulham','Brentford',
           'Wolves','Newcastle','Aston Villa','Tottenham'])[1 + (g * 31) % 12],
    'player_' || ((g * 2654435761) % 9973),
    (ARRAY['pass','shot','tackle','foul','corner','goal','save','offside','substitution','yellow_card'])[1 + (g * 17) % 10],
    round(random()::numeric, 3), round((1 + random() * 9)::numeric, 2), round((1 + random() * 9)::numeric, 2),
    timestamptz '2024-08-01' + make_interval(secs => g * 3),
    CASE WHEN g % 3 = 0 THEN md5(g::text)
         ELSE 'model v' || (g % 7) || ' confidence ' || round((random() * 100)::numeric, 1) || ' after ' || ((g * 13) % 90) || ' minutes' END
FROM generate_series(1, 6000000) g;
CREATE TABLE predictions (
    id bigint PRIMARY KEY, match_id int NOT NULL, model text NOT NULL, home_win numeric(4,3),
    draw numeric(4,3), away_win numeric(4,3), predicted_at timestamptz NOT NULL);
INSERT INTO predictions
SELECT g, g / 3, 'xgboost-v' || (g % 5), round(random()::numeric, 3), round(random()::numeric / 3, 3),
    round(random()::numeric, 3), timestamptz '2024-08-01' + make_interval(secs => g * 60)
FROM generate_series(1, 300000) g;
RESET ROLE;
VACUUM (FREEZE, ANALYZE);
SQL
    admin -d postgres -c "COMMENT ON DATABASE $db IS '$marker'"
    size="$(size_of)"
    echo "bench: database $db is $((size / 1048576)) MiB"
fi

# 2. A config of staging's shape on this stack whose backup probe dumps that database.
bench_config "$work/config.toml" "$work" "$db"
mkdir -p "$work/hand"
dsn="host=127.0.0.1 port=$bench_pg_port dbname=$db user=football_staging_user"
# The same pg_dump arguments touchline passes (plain SQL, --clean --if-exists) and the same gzip level (6).
hand() { PGPASSWORD="$STAGING_DB_PASSWORD" pg_dump --dbname="$dsn" --no-password --format=plain --clean --if-exists | gzip -c >"$work/hand/$1.sql.gz"; }
tl() { "$bin" backup --config "$work/config.toml" --env staging --yes --json >"$work/tl-$1.json" 2>"$work/tl-$1.err"; }
# touchline with only pg_dump, gzip and sha256sum on its PATH: the gzip fallback.
mkdir -p "$work/gzip-only"
for tool in pg_dump gzip sha256sum; do ln -s "$(command -v "$tool")" "$work/gzip-only/$tool"; done
gz() { PATH="$work/gzip-only" "$bin" backup --config "$work/config.toml" --env staging --yes --json >"$work/gz-$1.json" 2>"$work/gz-$1.err"; }
if command -v pigz >/dev/null; then series="tl hand gz"; else series="tl hand"; fi

run_hand() { # round
    local t0 t1
    t0="$(bench_now)"; hand "$1"; t1="$(bench_now)"
    echo "$t0 $t1 $(stat -c %s "$work/hand/$1.sql.gz")" >"$work/hand-$1.time"
    rm -f "$work/hand/$1.sql.gz"
    echo "  hand      round $1: $(awk '{ printf "%.2f s", $2 - $1 }' "$work/hand-$1.time")"
}
run_touchline() { # tl|gz round
    local t0 t1
    t0="$(bench_now)"; "$1" "$2" || bench_die "touchline backup ($1) failed in round $2: $(tail -n 2 "$work/$1-$2.err")"; t1="$(bench_now)"
    echo "$t0 $t1 $(grep '"phase":"end"' "$work/state/audit.jsonl" | tail -n 1 | python3 -c 'import json, sys; print(json.load(sys.stdin)["commands"][1][0])')" >"$work/$1-$2.time"
    rm -rf "$work/backups"
    echo "  touchline $([ "$1" = gz ] && echo "(gzip fallback) " || echo "($(cut -d' ' -f3 "$work/$1-$2.time"))") round $2: $(awk '{ printf "%.2f s", $2 - $1 }' "$work/$1-$2.time")"
}
run_tl() { run_touchline tl "$1"; }
run_gz() { run_touchline gz "$1"; }

echo "bench: warm-up dump (not counted)"
PGPASSWORD="$STAGING_DB_PASSWORD" pg_dump --dbname="$dsn" --no-password >/dev/null
echo "bench: $rounds rounds of each ($series), interleaved, the order rotating per round"
for round in $(seq "$rounds"); do
    order=($series)
    shift_by=$(( (round - 1) % ${#order[@]} ))
    order=("${order[@]:$shift_by}" "${order[@]:0:$shift_by}")
    for who in "${order[@]}"; do "run_$who" "$round"; done
done

python3 - "$work" "$rounds" "$size" "$db" "$(bench_machine)" "$series" <<'PY'
import datetime, json, os, statistics, sys
work, rounds, size, db, machine, series = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6].split()
med = statistics.median
fmt = lambda xs: " / ".join(f"{x:.1f}" for x in xs)
def touchline(kind):
    wall, dump, verify, size, compressor = [], [], [], [], "?"
    for r in range(1, rounds + 1):
        t0, t1, compressor = open(f"{work}/{kind}-{r}.time").read().split()
        report = json.load(open(f"{work}/{kind}-{r}.json"))
        wall.append(float(t1) - float(t0)); dump.append(report["dump_seconds"]); verify.append(report["verify_seconds"])
        size.append(report["record"]["size"])
    return wall, dump, verify, size, compressor
hand, hand_bytes = [], []
for r in range(1, rounds + 1):
    h0, h1, hb = open(f"{work}/hand-{r}.time").read().split()
    hand.append(float(h1) - float(h0)); hand_bytes.append(int(hb))
mh = med(hand)
tl = touchline("tl")
lines = [
    f"# backup benchmark ({datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; {machine})",
    "",
    f"Database `{db}`: {size / 1048576:.0f} MiB on disk, 6.3 M rows of mixed text and numbers; "
    f"the dump is {med(tl[3]) / 1048576:.0f} MiB compressed by touchline ({tl[4]}), {med(hand_bytes) / 1048576:.0f} MiB "
    f"by hand (gzip). {rounds} rounds of each series, interleaved, the order rotating per round, same run. "
    "touchline's time includes its whole job: snapshot, pg_dump | compressor, row counts of every table, "
    "verification (full decompression, completion trailer, sha256; done while writing, so the verify phase is only "
    "its end), fsync, manifest, audit log. The hand pipeline does none of that.",
    "",
    "| figure | touchline backup --json | pg_dump \\| gzip by hand (peer, same run) | target | holds |",
    "|---|---|---|---|---|",
]
def rows(name, series_):
    wall, dump, verify, _, compressor = series_
    ratio = med(wall) / mh
    return [
        f"| {name}: wall time, median | {med(wall):.2f} s | {mh:.2f} s | within 5 % or faster | {'yes' if ratio <= 1.05 else 'NO'} ({ratio:.3f}x) |",
        f"| {name}: wall time, each round | {fmt(wall)} s | {fmt(hand)} s | - | - |",
        f"| {name}: dump / verify phase, median | {med(dump):.2f} s / {med(verify):.2f} s | - | - | - |",
    ]
lines += rows(f"touchline ({tl[4]})", tl)
if "gz" in series:
    lines += rows("touchline, gzip fallback (no pigz on PATH)", touchline("gz"))

text = "\n".join(lines)
print(text)
open("bench/results/backup.md", "w").write(text + "\n")
PY
