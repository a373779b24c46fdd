#!/usr/bin/env bash
# Benchmark (issue 14 §7): an Alertmanager answering 1,000 alerts (a recorded ApiHighLatency alert of the stack,
# repeated with varied instance, service and severity labels) served by a local listener; `touchline alerts --json`
# (release build) lists them: fetch, decode, filter by matchers, sort, gate, print. Measured as the process's wall
# time, and the same against an empty answer so that process start and config load can be told apart.
# Usage: bench/alerts.sh [RUNS]          Results: bench/results/alerts.md
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
runs="${1:-20}"
bin="$PWD/.build/release/touchline"
[ -x "$bin" ] || bench_die "build first: make release"
python="$(python3 -c 'import sys; print(sys.executable)')"
work="$(mktemp -d)"
trap '[ -f "$work/full.pid" ] && kill "$(cat "$work/full.pid")" 2>/dev/null; [ -f "$work/empty.pid" ] && kill "$(cat "$work/empty.pid")" 2>/dev/null; rm -rf "$work"' EXIT

"$python" - "$work" <<'PY'
import json, os, sys
work = sys.argv[1]
alert = {"annotations": {"description": "The Football Prediction API's 95th percentile request latency is 4.817s over the last 15 seconds (threshold 1 s).",
                         "summary": "API p95 latency is over 1 s"},
         "endsAt": "2026-11-30T05:27:11.585Z", "receivers": [{"name": "alerts-staging"}],
         "status": {"inhibitedBy": [], "silencedBy": [], "state": "active"}, "updatedAt": "2026-11-30T05:26:11.585Z",
         "generatorURL": "http://vm:9090/graph?g0.expr=histogram_quantile%280.95%29&g0.tab=1"}
alerts = []
for i in range(1000):
    a = dict(alert)
    a["fingerprint"] = "%016x" % (i * 7919)
    a["startsAt"] = "2026-11-30T05:%02d:03.585123456Z" % (i % 60)
    a["labels"] = {"alertname": "ApiHighLatency", "env": "staging", "instance": "api-%d.staging:8000" % i, "job": "football-api",
                   "service": "api-%d" % (i % 40), "severity": ["critical", "warning", "info", "warning"][i % 4]}
    alerts.append(a)
for name, body in (("full", alerts), ("empty", [])):
    os.makedirs(os.path.join(work, name, "api/v2"), exist_ok=True)
    with open(os.path.join(work, name, "api/v2/alerts"), "w") as f: json.dump(body, f)
    with open(os.path.join(work, name, "api/v2/silences"), "w") as f: json.dump([], f)
PY

serve() { # serve NAME PORT: a static server of WORK/NAME (the query string is ignored), its own pid recorded.
    (cd "$work/$1" && exec "$python" -c 'import http.server, os, sys
open(sys.argv[2], "w").write(str(os.getpid()))
class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Quiet).serve_forever()' "$2" "$work/$1.pid") &
}
port_full=$((20000 + RANDOM % 20000)); port_empty=$((port_full + 1))
serve full "$port_full"; serve empty "$port_empty"
for port in "$port_full" "$port_empty"; do
    for _ in $(seq 50); do curl -fsS -o /dev/null "http://127.0.0.1:$port/api/v2/silences" 2>/dev/null && break; sleep 0.1; done
done
bytes=$(stat -c %s "$work/full/api/v2/alerts")

config() { # config PORT FILE
    printf 'default_environment = "bench"\n[environments.bench]\nstate_dir = "%s/state"\n[environments.bench.alerts]\nalertmanager = "http://127.0.0.1:%s"\nmatchers = ["env=staging"]\ntimeout = "5s"\n' "$work" "$1" >"$2"
}
config "$port_full" "$work/full.toml"; config "$port_empty" "$work/empty.toml"

measure() { # measure CONFIG [--json]: one wall time per run, in ms, sorted
    local format="${2:-}"
    for _ in $(seq "$runs"); do
        local start end
        start=$(bench_now)
        "$bin" alerts --config "$1" $format >"$work/out.txt" || true
        end=$(bench_now)
        echo "($end - $start) * 1000" | bc -l
    done | sort -n
}
"$bin" alerts --config "$work/full.toml" --json >"$work/out.json" || true
listed=$("$python" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["alerts"]))' "$work/out.json")
[ "$listed" = 1000 ] || bench_die "touchline listed $listed alerts, not 1000"
full=$(measure "$work/full.toml"); empty=$(measure "$work/empty.toml")
full_json=$(measure "$work/full.toml" --json); empty_json=$(measure "$work/empty.toml" --json)
cpu() { # cpu CONFIG [--json]: the mean CPU time (task-clock, ms) of RUNS runs, from perf stat; "n/a" without perf
    command -v perf >/dev/null || { echo "n/a"; return; }
    (perf stat -x, -e task-clock -r "$runs" "$bin" alerts --config "$1" ${2:-} 2>&1 >/dev/null || true) | awk -F, '/task-clock/ { printf "%.1f", $1 }'
}
cpu_full=$(cpu "$work/full.toml"); cpu_empty=$(cpu "$work/empty.toml")
cpu_full_json=$(cpu "$work/full.toml" --json); cpu_empty_json=$(cpu "$work/empty.toml" --json)
cpu_diff() { [ "$1" = n/a ] && echo n/a || echo "$1 - $2" | bc -l | awk '{ printf "%.1f", $1 }'; }
median() { awk '{ a[NR] = $1 } END { printf "%.1f", a[int((NR + 1) / 2)] }'; }
maximum() { tail -1 | awk '{ printf "%.1f", $1 }'; }
full_median=$(echo "$full" | median); empty_median=$(echo "$empty" | median)
listing=$(echo "$full_median - $empty_median" | bc -l | awk '{ printf "%.1f", $1 }')
full_json_median=$(echo "$full_json" | median); empty_json_median=$(echo "$empty_json" | median)
listing_json=$(echo "$full_json_median - $empty_json_median" | bc -l | awk '{ printf "%.1f", $1 }')
mkdir -p bench/results
cat >bench/results/alerts.md <<MD
# Alerts: 1,000 alerts listed (issue 14 §7)

$(bench_machine); $(date -u +%Y-%m-%dT%H:%M:%SZ); release build; $runs runs each.

An Alertmanager answer of 1,000 alerts ($((bytes / 1024)) KiB: a recorded ApiHighLatency alert of the stack, repeated with
varied labels) served by a local listener; \`touchline alerts --json\` fetches, decodes, filters by the matchers,
sorts, gates and prints all 1,000 as its table, or with \`--json\` as one JSON object (checked: $listed listed).

The machine is shared (the load average above): wall time includes waiting for a core, so the CPU time the
process used (perf's task-clock, the mean of the runs) is given beside it.

| run | wall median | wall max | CPU time |
|---|---:|---:|---:|
| \`touchline alerts\` (table), 1,000 alerts | $full_median ms | $(echo "$full" | maximum) ms | $cpu_full ms |
| the same against an empty answer (process start, config load, one request) | $empty_median ms | $(echo "$empty" | maximum) ms | $cpu_empty ms |
| **1,000 alerts listed as the table** (difference) | **$listing ms** | | **$(cpu_diff "$cpu_full" "$cpu_empty") ms** |
| \`touchline alerts --json\`, 1,000 alerts | $full_json_median ms | $(echo "$full_json" | maximum) ms | $cpu_full_json ms |
| the same against an empty answer | $empty_json_median ms | $(echo "$empty_json" | maximum) ms | $cpu_empty_json ms |
| 1,000 alerts listed as JSON (difference) | $listing_json ms | | $(cpu_diff "$cpu_full_json" "$cpu_empty_json") ms |

Target: under 50 ms.
MD
cat bench/results/alerts.md
