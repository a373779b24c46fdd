#!/usr/bin/env bash
# Benchmark: `touchline check` wall time, and the latency it reports against curl's time_total on the same
# URL, interleaved in the same run: the stack's API over plain HTTP, and a local HTTPS server (Python ssl,
# certificate of a private CA made here with openssl) over TLS. Needs the stack up (make bench does that).
# OLD_BIN=path/to/an/older/touchline adds that binary's plain-HTTP figure from the same run.
# Usage: bench/check-vs-curl.sh [RUNS]      Results: bench/results/check.md
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
runs="${1:-100}"
bin=.build/release/touchline
url="http://127.0.0.1:$bench_api_port/health"
[ -x "$bin" ] || { echo "bench: build first: make release" >&2; exit 1; }
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

# HTTPS: a private CA, a certificate for localhost, a Python ssl server answering /health.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$work/ca.key" -out "$work/ca.crt" \
    -days 30 -subj "/CN=bench CA" 2>/dev/null
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$work/tls.key" -out "$work/tls.crt" \
    -days 30 -subj "/CN=localhost" -addext "subjectAltName=DNS:localhost" -CA "$work/ca.crt" -CAkey "$work/ca.key" 2>/dev/null
cat > "$work/tls.py" <<'PY'
import http.server, os, ssl, sys
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        body = b'{"status":"healthy"}'
        self.send_response(200); self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self, *args): pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); context.load_cert_chain(sys.argv[1], sys.argv[2])
server.socket = context.wrap_socket(server.socket, server_side=True)
open(sys.argv[3] + ".tmp", "w").write("%d %d\n" % (server.server_address[1], os.getpid())); os.rename(sys.argv[3] + ".tmp", sys.argv[3])
server.serve_forever()
PY
/usr/bin/python3 "$work/tls.py" "$work/tls.crt" "$work/tls.key" "$work/tls.port" </dev/null >/dev/null 2>&1 &
for _ in $(seq 100); do [ -s "$work/tls.port" ] && break; sleep 0.05; done
read -r tls_port tls_pid < "$work/tls.port" || bench_die "the HTTPS server did not start"
trap 'kill "$tls_pid" 2>/dev/null; rm -rf "$work"' EXIT
tls_url="https://localhost:$tls_port/health"
cat > "$work/tls.toml" <<TOML
[environments.bench]
[[environments.bench.probes]]
name = "api-tls"
kind = "http"
url = "$tls_url"
timeout = "2s"
status_field = "status"
ca_file = "$work/ca.crt"
TOML

latency() { { "$1" check --config "$2" --json || true; } | python3 -c 'import json,sys; print(json.load(sys.stdin)["probes"][0]["latency_ms"]/1000)'; }
curl -s -o /dev/null "$url"; "$bin" check --config "$work/api.toml" >/dev/null || true   # warm-up, not counted
curl -s -o /dev/null --cacert "$work/ca.crt" "$tls_url"; "$bin" check --config "$work/tls.toml" >/dev/null || true
for _ in $(seq "$runs"); do
    curl -s -o /dev/null -w '%{time_total}\n' "$url" >> "$work/curl.txt"
    latency "$bin" "$work/api.toml" >> "$work/touchline.txt"
    if [ -n "${OLD_BIN:-}" ]; then latency "$OLD_BIN" "$work/api.toml" >> "$work/old.txt"; fi
    curl -s -o /dev/null --cacert "$work/ca.crt" -w '%{time_total}\n' "$tls_url" >> "$work/curl-tls.txt"
    latency "$bin" "$work/tls.toml" >> "$work/touchline-tls.txt"
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
import os
read = lambda name: [float(x) for x in open(f"{work}/{name}") if x.strip()] if os.path.exists(f"{work}/{name}") else []
median = lambda name: statistics.median(read(name)) * 1000 if read(name) else None
wall = read("wall.txt")
mw = statistics.median(wall) * 1000
def row(label, tl, curl):
    diff = tl - curl
    ok = abs(diff) <= max(0.1 * curl, 0.3)
    return f"| {label} | {tl:.3f} ms | {curl:.3f} ms | within 10 % or 0.3 ms | {'yes' if ok else 'NO'} ({diff:+.3f} ms) |"
lines = [
    f"# touchline check benchmark ({datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC, {runs} runs each, {platform.machine()})",
    "",
    "| figure | touchline | curl (peer, same run) | target | holds |",
    "|---|---|---|---|---|",
    row("API latency over HTTP, median (new connection each)", median("touchline.txt"), median("curl.txt")),
]
if median("old.txt") is not None:
    lines.append(row("same, OLD_BIN (the client before libcurl)", median("old.txt"), median("curl.txt")))
lines += [
    row("HTTPS latency (local Python ssl server, TLS handshake included), median", median("touchline-tls.txt"), median("curl-tls.txt")),
    f"| `touchline check --env staging`, median wall time | {mw:.1f} ms | - | returns within largest timeout + 1 s | {'yes' if max(wall) < 3 else 'NO'} (max {max(wall)*1000:.0f} ms) |",
]
text = "\n".join(lines)
print(text)
open("bench/results/check.md", "w").write(text + "\n")
PY
