#!/usr/bin/env bash
# Measures how many RTMFP introductions (peer lookups answered with a Redirect and a forwarded
# IHello, RFC 7016 section 3.5.1.6) Nimbus sustains: starts a server on core 0 with an empty "live"
# application, and IntroductionBench on core 1 with TARGETS connected clients and WINDOW lookups
# outstanding for DURATION seconds.
#
#   TARGETS=50 WINDOW=64 DURATION=20 SKIP_BUILD=1 bench/run-introductions.sh
#
# Bounded: the bench stops after DURATION s; everything the script started is stopped on exit.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
TARGETS="${TARGETS:-50}"
WINDOW="${WINDOW:-64}"
DURATION="${DURATION:-20}"
out="$root/bench/target/run-introductions"
mkdir -p "$out/apps/live"
server_jar="$root/server/target/nimbus-server-all.jar"
bench_jar="$root/bench/target/nimbus-bench.jar"
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$server_jar" ] || [ ! -f "$bench_jar" ]; then
  ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl server,bench -am package
fi
pin() { # pin CPUS COMMAND...: becomes COMMAND (same pid), on those CPUs when taskset exists
  local cpus="$1"; shift
  if command -v taskset >/dev/null; then exec taskset -c "$cpus" "$@"; else exec "$@"; fi
}

server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT INT TERM

pin 0 java -jar "$server_jar" --conf "$root/bench/conf/nimbus-rendezvous.yaml" --apps "$out/apps" \
  >"$out/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 60); do
  grep -q "Listening: rtmfp" "$out/server.log" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { echo "server exited, see $out/server.log" >&2; exit 1; }
  sleep 0.5
done
cpu_ticks() { # utime + stime of a process, in clock ticks (proc(5): fields 14 and 15)
  awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"
}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
c0="$(cpu_ticks "$server_pid")"
(pin 1 timeout $((DURATION + 120)) java -cp "$bench_jar" \
  org.nimbusmedia.bench.rendezvous.IntroductionBench \
  127.0.0.1:19352 live "$TARGETS" "$WINDOW" "$DURATION") | tee "$out/result.txt"
c1="$(cpu_ticks "$server_pid")"
# Includes connecting the targets and their keepalives: an upper bound on the cost per introduction.
echo "server CPU during the run: $(( (c1 - c0) * 1000 / $(getconf CLK_TCK) )) ms;" \
  "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/result.txt"
