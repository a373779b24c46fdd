#!/usr/bin/env bash
# Benchmark: `touchline check` wall time, and the API latency it reports against curl's time_total
# on the same URL, interleaved in the same run. Needs the stack up (make bench does that).
# Usage: bench/check-vs-curl.sh [RUNS]      Results: bench/results/check.md
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
runs="${1:-100}"
bin=.build/release/touchline
url="http://127.0.0.1:$bench_api_port/health"
[ -x "$bin" ] || { echo "bench: build first: swift build -c release" >&2; exit 1; }
eval "$(scripts/stack env)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bench_config "$work/staging.toml" "$work"   # staging on this stack's ports

# Only the API probe, so the figures are about HTTP; then the whole staging environment for wall time.
cat > "$work/api.toml" <<TOML
[environments.bench]
[[environments.bench.probes]]
name = "api"
kind = "http"
url = "$url"
timeout = "2s"
status_field = "status"
TOML

curl -s -o /dev/null "$url"; "$bin" check --config "$work/api.toml" >/dev/null || true   # warm-up, not counted
for _ in $(seq "$runs"); do
    curl -s -o /dev/null -w '%{time_total}\n' "$url" >> "$work/curl.txt"
    "$bin" check --config "$work/api.toml" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["probes"][0]["latency_ms"]/1000)' >> "$work/touchline.txt"
done
for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    "$bin" check --config "$work/staging.toml" --env staging >/dev/null 2>&1 || true
    end=$(date +%s%N)
    echo "$(( (end - start) / 1000 ))e-6" >> "$work/wall.txt"
done

python3 - "$work" "$runs" <<'PY'
import statistics, sys, datetime, platform
work, runs = sys.argv[1], int(sys.argv[2])
read = lambda name: [float(x) for x in open(f"{work}/{name}") if x.strip()]
curl, tl, wall = read("curl.txt"), read("touchline.txt"), read("wall.txt")
mc, mt, mw = statistics.median(curl) * 1000, statistics.median(tl) * 1000, statistics.median(wall) * 1000
diff = mt - mc
ok = abs(diff) <= max(0.1 * mc, 0.3)
lines = [
    f"# touchline check benchmark ({datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC, {runs} runs each, {platform.machine()})",
    "",
    "| figure | touchline | curl (peer, same run) | target | holds |",
    "|---|---|---|---|---|",
    f"| API latency, median (new connection each) | {mt:.3f} ms | {mc:.3f} ms | within 10 % or 0.3 ms | {'yes' if ok else 'NO'} ({diff:+.3f} ms) |",
    f"| `touchline check --env staging`, median wall time | {mw:.1f} ms | - | returns within largest timeout + 1 s | {'yes' if max(wall) < 3 else 'NO'} (max {max(wall)*1000:.0f} ms) |",
]
text = "\n".join(lines)
print(text)
open("bench/results/check.md", "w").write(text + "\n")
PY
