# Shared by the bench/*.sh scripts (sourced, not run). The stack's ports come from the environment
# (STACK_API_PORT, STACK_PG_PORT, STACK_REDIS_PORT), defaulting to the local stack's 8001/5433/6380, so the
# same scripts measure the default stack under `make bench` and a private one beside it.

bench_api_port="${STACK_API_PORT:-8001}"
bench_pg_port="${STACK_PG_PORT:-5433}"
bench_redis_port="${STACK_REDIS_PORT:-6380}"
bench_repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"

bench_die() { echo "bench: $*" >&2; exit 1; }

# bench_config OUT_FILE WORK_DIR [DATABASE]: config.toml's staging environment only, re-pointed at this
# stack's ports (API, HTTPS API, PostgreSQL, Redis, Prometheus) and its CA file, with its state and backups under WORK_DIR, its commands as absolute paths (they run from
# the config file's folder) and, when given, its postgres probe on DATABASE.
bench_config() {
    local out="$1" work="$2" db="${3:-football_prediction_staging}"
    [ -f "$bench_repo/config.toml" ] || bench_die "no config.toml in $bench_repo"
    awk '/^\[environments\.production\]/ { exit } { print }' "$bench_repo/config.toml" | sed \
        -e "s#127\.0\.0\.1:8001#127.0.0.1:$bench_api_port#g" \
        -e "s#port=5433 #port=$bench_pg_port #g" \
        -e "s#127\.0\.0\.1:6380#127.0.0.1:$bench_redis_port#g" \
        -e "s#127\.0\.0\.1:8443#127.0.0.1:${STACK_API_TLS_PORT:-8443}#g" \
        -e "s#127\.0\.0\.1:9090#127.0.0.1:${STACK_PROM_PORT:-9090}#g" \
        -e "s#^ca_file = \"[^\"]*\"#ca_file = \"${STACK_CA_FILE:-$bench_repo/.stack/tls/ca.pem}\"#" \
        -e "s#dbname=football_prediction_staging #dbname=$db #g" \
        -e "s#^state_dir = .*#state_dir = \"$work/state\"#" \
        -e "s#^directory = .*#directory = \"$work/backups\"#" \
        -e "s#\"scripts/stack\"#\"$bench_repo/scripts/stack\"#g" >"$out"
    grep -q "port=$bench_pg_port " "$out" && grep -q "127.0.0.1:$bench_api_port/" "$out" \
        || bench_die "could not re-point config.toml's staging environment at the stack's ports (its shape changed?)"
}

# bench_now: seconds since the epoch with nanoseconds, e.g. 1732380000.123456789.
bench_now() { date +%s.%N; }

# bench_machine: one line naming the machine (CPU model, cores, memory).
bench_machine() {
    local cpu mem
    cpu="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)"
    mem="$(awk '/^MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || true)"
    echo "${cpu:-$(uname -m)}, $(nproc) cores, ${mem:-? GB} RAM, load $(cut -d' ' -f1-3 /proc/loadavg)"
}
