#!/usr/bin/env bash
# Measures connects per second through a trivial script (bench/apps/trivial/main.asc:
# onConnect returns true): each connection does TCP, the RTMP handshake, connect, onConnect on the
# instance's script thread, _result, then closes (onDisconnect). Starts a fresh server on core 0 and
# the generator on core 1 (taskset when available) and prints the generator's summary and the
# server's CPU over the run.
#
#   bench/run-connects.sh [CONNECTIONS] [CONCURRENCY]     defaults: 5000 32
#   APP=plain (no script, for comparison) PORT=19352 SKIP_BUILD=1 SERVER_CPUS=0 GEN_CPUS=1 bench/run-connects.sh 10000 64
#
# Bounded: the generator stops by itself after 10 minutes; everything the script started is
# stopped on exit. Logs go to bench/target/run-connects/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

CONNECTIONS="${1:-5000}"
CONCURRENCY="${2:-32}"
PORT="${PORT:-19352}"
APP="${APP:-trivial}"
SERVER_CPUS="${SERVER_CPUS:-0}"
GEN_CPUS="${GEN_CPUS:-1}"
out="$root/bench/target/run-connects"
mkdir -p "$out"
server_jar="$root/server/target/nimbus-server-all.jar"
bench_jar="$root/bench/target/nimbus-bench.jar"

if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$server_jar" ] || [ ! -f "$bench_jar" ]; then
  ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl server -am package
  ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl bench -am package
fi

pin() { # pin CPUS COMMAND...: runs COMMAND (same pid) on those CPUs when taskset exists
  local cpus="$1"; shift
  if command -v taskset >/dev/null; then exec taskset -c "$cpus" "$@"; else exec "$@"; fi
}

server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT INT TERM
cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }

log="$out/server.log"
(pin "$SERVER_CPUS" java -Dlogback.configurationFile="$root/conf/logback.xml" -jar "$server_jar" \
  --conf "$root/bench/conf/nimbus-bench.yaml" --apps "$root/bench/apps" --rtmp-port "$PORT") \
  >"$log" 2>&1 &
server_pid=$!
for _ in $(seq 1 60); do
  grep -q "Listening: rtmp" "$log" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { echo "server exited, see $log" >&2; exit 1; }
  sleep 0.5
done
grep -q "Listening: rtmp" "$log" || { echo "server did not start within 30 s, see $log" >&2; exit 1; }
sleep 2

hz="$(getconf CLK_TCK)"
load="$(awk '{ print $1 "/" $2 "/" $3 }' /proc/loadavg)"
c0="$(cpu_ticks "$server_pid")"
t0="$(date +%s.%N)"
(pin "$GEN_CPUS" java -cp "$bench_jar" org.nimbusmedia.bench.connect.ConnectRateMain \
  --url "rtmp://127.0.0.1:$PORT/$APP" --connections "$CONNECTIONS" \
  --concurrency "$CONCURRENCY" --threads 1) | tee "$out/generator.txt"
c1="$(cpu_ticks "$server_pid")"
t1="$(date +%s.%N)"
python3 -c "import sys; c0,c1,t0,t1,hz=map(float,sys.argv[1:]); print(f'server CPU: {(c1-c0)/hz/(t1-t0)*100:.0f}% of a core')" \
  "$c0" "$c1" "$t0" "$t1" "$hz"
echo "load average before: $load, after: $(awk '{ print $1 "/" $2 "/" $3 }' /proc/loadavg)"
