#!/usr/bin/env bash
# Benchmark (issue 14, section 7): a Prometheus answer of 5,000 series — `up` over 5,000 synthetic node
# targets, as Prometheus serializes it — (1) parsed and turned into probe rows (`by = "instance"`) and a
# 200x60 frame of the dashboard rendered with them, in process (release build, median of 30 parses and of
# 200 frames); (2) the same answer served by a local listener (python's http.server) and polled by
# `touchline check` as a prometheus probe: libcurl's time for the exchange and the command's wall time.
# Targets: parse + rows under 50 ms, render under 5 ms.
# Usage: bench/prometheus.sh            Results: bench/results/prometheus.md
set -euo pipefail
cd "$(dirname "$0")/.."
series="${SERIES:-5000}"
work="$(mktemp -d)"
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
py="$(python3 -c 'import sys; print(sys.executable)')"

# In a build folder of its own: building the tests in .build would relink .build/release/touchline without
# the release flags of `make release` (static standard library), which the other benchmarks measure.
scratch=(--scratch-path .build-bench-tests)
echo "bench: building the release tests (swift build -c release --build-tests -Xswiftc -enable-testing ${scratch[*]}: the test targets use @testable imports)"
swift build -c release --build-tests -Xswiftc -enable-testing "${scratch[@]}" 2>&1 | grep -E "error|Compiling|Build complete" | tail -3
inproc="$(TOUCHLINE_BENCH=1 swift test -c release -Xswiftc -enable-testing "${scratch[@]}" --skip-build --filter 'PrometheusRenderTests/benchmark' 2>&1 | grep -E '^prometheus bench:' || true)"
[ -n "$inproc" ] || { echo "bench: the in-process benchmark printed nothing" >&2; exit 1; }
echo "$inproc"

# The recorded answer, served for /api/v1/query (http.server ignores the query string).
mkdir -p "$work/www/api/v1"
"$py" - "$series" >"$work/www/api/v1/query" <<'PY'
import sys
n = int(sys.argv[1])
items = ['{"metric":{"__name__":"up","instance":"10.%d.%d.%d:9100","job":"node","env":"staging"},"value":[1750000000.123,"%d"]}'
         % (i // 65536, (i // 256) % 256, i % 256, 0 if i % 97 == 0 else 1) for i in range(n)]
sys.stdout.write('{"status":"success","data":{"resultType":"vector","result":[' + ",".join(items) + ']}}')
PY
port="$("$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
"$py" -m http.server "$port" --bind 127.0.0.1 --directory "$work/www" >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do curl -fsS -o /dev/null "http://127.0.0.1:$port/api/v1/query" 2>/dev/null && break; sleep 0.1; done
cat >"$work/bench.toml" <<TOML
default_environment = "bench"
[environments.bench]
label = "BENCH"
interval = "1s"
state_dir = "$work/state"
[[environments.bench.probes]]
name = "fleet-up"
kind = "prometheus"
url = "http://127.0.0.1:$port"
query = 'up{job="node"}'
by = "instance"
down = 0
direction = "below"
timeout = "5s"
TOML
bin="$PWD/.build/release/touchline"
[ -x "$bin" ] || swift build -c release 2>&1 | tail -1
walls=(); curls=()
for _ in $(seq 10); do
    t0=$(date +%s%N)
    out="$("$bin" check --json --config "$work/bench.toml" 2>/dev/null || true)"
    t1=$(date +%s%N)
    walls+=("$(( (t1 - t0) / 1000000 ))")
    curls+=("$(printf '%s' "$out" | "$py" -c 'import json,sys; p=json.load(sys.stdin)["probes"][0]; print(p["latency_ms"], len(p["values"]), p["status"])')")
done
wall_median="$(printf '%s\n' "${walls[@]}" | sort -n | sed -n 5p)"
curl_median="$(printf '%s\n' "${curls[@]}" | awk '{print $1}' | sort -n | sed -n 5p)"
rows="$(printf '%s\n' "${curls[0]}" | awk '{print $2 " rows, " $3}')"
bytes="$(stat -c %s "$work/www/api/v1/query")"
mkdir -p bench/results
{
    echo "# Prometheus probe: a 5,000-series answer"
    echo
    echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores (load average $(cut -d' ' -f1 /proc/loadavg)), release build."
    echo
    echo "- In process: \`$inproc\`"
    echo "- Through a local listener (python http.server, $bytes bytes): libcurl exchange median ${curl_median} ms; \`touchline check --json\` wall time median ${wall_median} ms (process start, config, query check at start, the poll, parse, JSON); $rows"
    echo
    echo "Targets: parse and rows under 50 ms, render at 200x60 under 5 ms."
} > bench/results/prometheus.md
cat bench/results/prometheus.md
