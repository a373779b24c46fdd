#!/usr/bin/env bash
# Benchmark: the rehearsal's load step against wrk and ab, the same endpoint (GET /health of the stack's API
# stand-in: a PostgreSQL and a Redis round trip per answer, and no writes) at the same concurrency and
# duration, in the same run, interleaved.
# The load step runs inside a whole `touchline rehearse` (it has no entry of its own): the bench's config
# keeps the staging rehearsal as it is but gives its load table this one endpoint, and reads the step's
# figures from the JSON report (`load.throughput_rps`, `load.p50_seconds`, `load.p95_seconds`). It runs
# twice per round: as configured by default (`generator = "auto"`: wrk when installed) and with
# `generator = "touchline"` (touchline's own HTTP/1.1 client, the fallback without wrk). wrk runs
# closed loop like the load step (kept-alive HTTP/1.1 connections, requests back to back) with a Lua done()
# hook printing its percentiles; ab is what the platform's own rehearsal used (HTTP/1.0: uvicorn closes
# the connection after every answer, so ab pays a new connection per request; shown, not judged).
# Target: the load step, and touchline's own client, within 15 % of wrk on throughput, p50 and p95
# (medians over the rounds). The load step finds an API its deploy step has just restarted, so wrk and ab
# run right after a restart of the API too.
# Usage: bench/load.sh [ROUNDS]      Knobs: LOAD_CONCURRENCY (10), LOAD_SECONDS (10)
# Results: bench/results/load.md
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
rounds="${1:-3}"
concurrency="${LOAD_CONCURRENCY:-10}"
seconds="${LOAD_SECONDS:-10}"
for value in "$rounds" "$concurrency" "$seconds"; do
    [[ "$value" =~ ^[1-9][0-9]*$ ]] || bench_die "ROUNDS, LOAD_CONCURRENCY and LOAD_SECONDS must be positive numbers, got '$value'"
done
bin="$PWD/.build/release/touchline"
[ -x "$bin" ] || bench_die "build first: make release"
command -v wrk >/dev/null || bench_die "wrk is needed (scripts/deps)"
command -v ab >/dev/null || bench_die "ab is needed (apache2-utils, scripts/deps)"
path=/health
url="http://127.0.0.1:$bench_api_port$path"
eval "$(scripts/stack env)"
curl -fsS -m 2 -o /dev/null "$url" || bench_die "the API does not answer (scripts/stack up)"

work="$(mktemp -d /tmp/touchline-bench-load.XXXXXX)"
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
bench_config "$work/staging.toml" "$work"
# The staging rehearsal with the load table replaced: this concurrency and duration, the one endpoint.
awk '/^\[+environments\.staging\.rehearsal\.load[].]/ { skip = 1; next } /^\[/ { skip = 0 } !skip { print }' \
    "$work/staging.toml" >"$work/config.toml"
cat >>"$work/config.toml" <<TOML

[environments.staging.rehearsal.load]
generator = "GENERATOR"
concurrency = $concurrency
duration = "${seconds}s"
p95 = "10s"
error_rate = 0.05

[[environments.staging.rehearsal.load.endpoints]]
method = "GET"
path = "$path"
TOML
grep -q '^\[environments\.staging\.rehearsal\]' "$work/config.toml" || bench_die "config.toml has no staging rehearsal table"
sed 's/^generator = "GENERATOR"/generator = "auto"/' "$work/config.toml" >"$work/auto.toml"
sed 's/^generator = "GENERATOR"/generator = "touchline"/' "$work/config.toml" >"$work/builtin.toml"

cat >"$work/wrk.lua" <<'LUA'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("bench-wrk %d %d %d %d %d\n", summary.requests, summary.duration,
    e.connect + e.read + e.write + e.status + e.timeout, latency:percentile(50), latency:percentile(95)))
end
LUA

# A release the rehearsal can deploy and roll back from: 1.6.0 unless that runs now.
release=1.6.0
[ "$(scripts/stack current)" != 1.6.0 ] || release=1.5.0

# Each prints "throughput_rps p50_seconds p95_seconds requests errors" into $work/TOOL.ROUND.
rehearse_load() { # tool round config
    local out="$work/rehearsal-$1-$2"
    "$bin" rehearse --config "$3" --env staging --to "$release" --report "$out" --json >"$out.out" 2>"$out.err" \
        || bench_die "touchline rehearse failed: $(grep -m1 -i 'failed\|refused' "$out.err" || tail -n 1 "$out.err")"
    python3 - "$out.out" >"$work/$1.$2" <<'PY'
import json, sys
load = json.load(open(sys.argv[1]))["load"]
print(load["throughput_rps"], load["p50_seconds"], load["p95_seconds"], load["requests"], load["errors"], load["generator"].split()[0])
PY
}
touchline_load() { rehearse_load touchline "$1" "$work/auto.toml"; }
builtin_load() { rehearse_load builtin "$1" "$work/builtin.toml"; }
# The load step finds a just-started API (the rehearsal's deploy restarted it a moment before): the peers
# get the same, a restart of the API and one /health answer before they start.
fresh_api() {
    scripts/stack restart api >/dev/null 2>&1 || bench_die "scripts/stack restart api failed"
    curl -fsS -m 5 -o /dev/null "$url" || bench_die "the API does not answer after its restart"
}
wrk_load() { # round
    fresh_api
    wrk -t 2 -c "$concurrency" -d "${seconds}s" -s "$work/wrk.lua" "$url" >"$work/wrk-$1.out" 2>&1 || bench_die "wrk failed: $(tail -n 2 "$work/wrk-$1.out")"
    awk '$1 == "bench-wrk" { printf "%.3f %.6f %.6f %d %d\n", $2 / ($3 / 1e6), $5 / 1e6, $6 / 1e6, $2, $4 }' "$work/wrk-$1.out" >"$work/wrk.$1"
    [ -s "$work/wrk.$1" ] || bench_die "wrk printed no figures: $(tail -n 3 "$work/wrk-$1.out")"
}
ab_load() { # round
    fresh_api
    ab -q -k -l -c "$concurrency" -t "$seconds" -n 100000000 -e "$work/ab-$1.csv" "$url" \
        >"$work/ab-$1.out" 2>&1 || bench_die "ab failed: $(tail -n 2 "$work/ab-$1.out")"
    python3 - "$work/ab-$1.out" "$work/ab-$1.csv" >"$work/ab.$1" <<'PY'
import re, sys
out, rows = open(sys.argv[1]).read(), dict(l.strip().split(",") for l in open(sys.argv[2]).readlines()[1:] if l.strip())
field = lambda name: float(re.search(rf"^{name}:\s+([0-9.]+)", out, re.M).group(1))
errors = field("Failed requests") + (field("Non-2xx responses") if "Non-2xx responses" in out else 0)
print(field("Requests per second"), float(rows["50"]) / 1000, float(rows["95"]) / 1000, int(field("Complete requests")), int(errors))
PY
}

echo "bench: $rounds rounds of $seconds s at concurrency $concurrency against GET $path on port $bench_api_port:" \
     "touchline rehearse (load step as configured, and with its own client), wrk, ab, rotating who goes first"
for round in $(seq "$rounds"); do
    case $((round % 3)) in
        1) order="touchline builtin wrk ab" ;;
        2) order="wrk ab touchline builtin" ;;
        0) order="builtin ab touchline wrk" ;;
    esac
    for tool in $order; do
        "${tool}_load" "$round"
        echo "  round $round $tool: $(awk '{ printf "%.1f req/s, p50 %.2f ms, p95 %.2f ms, %d requests, %d errors", $1, $2 * 1000, $3 * 1000, $4, $5 }' "$work/$tool.$round")"
    done
done

python3 - "$work" "$rounds" "$concurrency" "$seconds" "$path" "$(bench_machine)" <<'PY'
import datetime, statistics, sys
work, rounds, concurrency, seconds, path, machine = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6]
def figures(tool):
    rows = [open(f"{work}/{tool}.{r}").read().split() for r in range(1, rounds + 1)]
    used = sorted({r[5] for r in rows if len(r) > 5})
    rows = [[float(x) for x in r[:5]] for r in rows]
    return [statistics.median(column) for column in zip(*rows)], sum(r[3] for r in rows), sum(r[4] for r in rows), used
(tl, tl_n, tl_e, tl_used), (bi, bi_n, bi_e, _), (wrk, wrk_n, wrk_e, _), (ab, ab_n, ab_e, _) = \
    figures("touchline"), figures("builtin"), figures("wrk"), figures("ab")
def off(a, b): return (a - b) / b * 100
rows, holds, builtin_holds = [], True, True
for name, index, unit in (("throughput", 0, "req/s"), ("p50 latency", 1, "ms"), ("p95 latency", 2, "ms")):
    scale = 1 if unit == "req/s" else 1000
    fmt = ("{:.1f} " if unit == "req/s" else "{:.2f} ") + unit
    diff, bdiff = off(tl[index], wrk[index]), off(bi[index], wrk[index])
    holds, builtin_holds = holds and abs(diff) <= 15, builtin_holds and abs(bdiff) <= 15
    rows.append(f"| {name} (median of {rounds}) | {fmt.format(tl[index] * scale)} ({diff:+.1f} %) | "
                f"{fmt.format(bi[index] * scale)} ({bdiff:+.1f} %) | {fmt.format(wrk[index] * scale)} | {fmt.format(ab[index] * scale)} |")
lines = [
    f"# load benchmark ({datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; {machine})",
    "",
    f"{rounds} rounds, each {seconds} s at concurrency {concurrency} against `GET {path}` of the stack's API stand-in, "
    "in turn (who goes first rotates): touchline's load step inside `touchline rehearse` as configured by default "
    f"(`generator = \"auto\"`, which ran {', '.join(tl_used) or '?'}) and with `generator = \"touchline\"` (its own "
    "HTTP/1.1 client), figures from the rehearsal's JSON report; "
    f"`wrk -t 2 -c {concurrency} -d {seconds}s` with a Lua done() hook printing its percentiles; "
    f"`ab -k -l -c {concurrency} -t {seconds}`. The load step runs on an API its deploy step has just restarted; wrk "
    "and ab get the same: `scripts/stack restart api` and one /health answer right before each. In brackets: the "
    "difference from wrk.",
    "",
    "| figure | touchline load step (default) | touchline's own client | wrk (peer, same run) | ab (reference) |",
    "|---|---|---|---|---|",
    *rows,
    f"| requests (errors), all rounds | {tl_n:.0f} ({tl_e:.0f}) | {bi_n:.0f} ({bi_e:.0f}) | {wrk_n:.0f} ({wrk_e:.0f}) | {ab_n:.0f} ({ab_e:.0f}) |",
    "",
    "touchline's client and wrk both run closed loop over kept-alive HTTP/1.1 connections (one per worker), timing each "
    "request from sending to the whole answer. ab speaks HTTP/1.0, which uvicorn answers without keep-alive, so ab pays a "
    "new connection per request: it is shown as the platform's old reference, not judged. Target: within 15 % of wrk on "
    "every figure. The load step as configured: " + ("holds." if holds else "does NOT hold.") +
    " touchline's own client: " + ("holds." if builtin_holds else "does NOT hold."),
]
text = "\n".join(lines)
print(text)
open("bench/results/load.md", "w").write(text + "\n")
PY
