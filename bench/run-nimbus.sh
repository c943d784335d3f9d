#!/usr/bin/env bash
# Measures Nimbus under RTMP fan-out load: 1 publisher (synthetic H.264 + AAC) and N subscribers.
# For each N, starts a fresh server on core 0 and the load generator on core 1 (taskset, when
# available), samples the server's CPU (utime+stime from /proc/<pid>/stat over the generator's run,
# as % of one core) and RSS (VmRSS from /proc/<pid>/status), and prints one Markdown table row.
#
#   bench/run-nimbus.sh [N ...]            default: 100 500
#   DURATION=30 RAMP=100 BITRATE=2M FPS=30 PORT=19351 SKIP_BUILD=1 bench/run-nimbus.sh 100 500 1000
#   SERVER_CPUS=0 GEN_CPUS=1 GEN_THREADS=1 (defaults): taskset CPU lists and generator event loops
#
# Bounded: a generator still running DURATION+60 s after its start is stopped; everything the script started is stopped on exit.
# Results (generator output, JSON, server log) go to bench/target/run-nimbus/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

DURATION="${DURATION:-30}"
RAMP="${RAMP:-100}"
BITRATE="${BITRATE:-2M}"
FPS="${FPS:-30}"
PORT="${PORT:-19351}"
SERVER_CPUS="${SERVER_CPUS:-0}"
GEN_CPUS="${GEN_CPUS:-1}"
GEN_THREADS="${GEN_THREADS:-1}"
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(100 500)

out="$root/bench/target/run-nimbus"
mkdir -p "$out"
server_jar="$root/server/target/nimbus-server-all.jar"
bench_jar="$root/bench/target/nimbus-bench.jar"

if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$server_jar" ] || [ ! -f "$bench_jar" ]; then
  ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl server -am package
  ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl bench -am package
fi

pin() { # pin CPUS COMMAND... &: becomes COMMAND (same pid), on those CPUs when taskset exists
  local cpus="$1"; shift
  if command -v taskset >/dev/null; then exec taskset -c "$cpus" "$@"; else exec "$@"; fi
}

server_pid=""
gen_pid=""
sampler_pid=""
cleanup() {
  for pid in "$sampler_pid" "$gen_pid" "$server_pid"; do
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  server_pid=""; gen_pid=""; sampler_pid=""
}
trap cleanup EXIT INT TERM

cpu_ticks() { # utime + stime of a process, in clock ticks (proc(5): fields 14 and 15)
  awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"
}
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

hz="$(getconf CLK_TCK)"
printf '| subscribers | load avg (1/5/15) start -> end | server CPU %% of a core | server CPU s per GB delivered | server RSS end / max MiB | generator CPU %% | generator loop lag p99 / max ms | alive end / min | connected / failed / lost | rx MB total | steady rx Mbit/s | frames missing: all (steady) video / audio | steady latency p50 / p90 / p99 / max ms |\n'
printf '|---|---|---|---|---|---|---|---|---|---|---|---|---|\n'

for n in "${counts[@]}"; do
  log="$out/server-$n.log"
  # The bundled conf/nimbus.yaml allows 1000 connections per address (limits.maxConnectionsPerIp),
  # and every generator connection comes from 127.0.0.1: above that, raise the limit.
  conf=()
  if [ "$((n + 1))" -gt 1000 ]; then
    conf=(-Dlogback.configurationFile="$root/conf/logback.xml" -jar "$server_jar"
      --conf "$root/bench/conf/nimbus-bench.yaml")
  else
    conf=(-jar "$server_jar")
  fi
  pin "$SERVER_CPUS" java "${conf[@]}" --rtmp-port "$PORT" >"$log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 60); do
    grep -q "Listening: rtmp" "$log" 2>/dev/null && break
    kill -0 "$server_pid" 2>/dev/null || { echo "server exited, see $log" >&2; exit 1; }
    sleep 0.5
  done
  grep -q "Listening: rtmp" "$log" || { echo "server did not start within 30 s, see $log" >&2; exit 1; }
  sleep 2

  load="$(awk '{ print $1 "/" $2 "/" $3 }' /proc/loadavg)"
  t0="$(date +%s.%N)"
  c0="$(cpu_ticks "$server_pid")"
  pin "$GEN_CPUS" java -jar "$bench_jar" \
    --url "rtmp://127.0.0.1:$PORT/live/stream" --subscribers "$n" --publishers 1 \
    --ramp "$RAMP" --duration "$DURATION" --bitrate "$BITRATE" --fps "$FPS" --threads "$GEN_THREADS" \
    --json "$out/result-$n.json" >"$out/generator-$n.txt" 2>&1 &
  gen_pid=$!
  (
    max=0
    while kill -0 "$gen_pid" 2>/dev/null; do
      r="$(rss_kib "$server_pid" 2>/dev/null || echo 0)"
      [ "$r" -gt "$max" ] && max="$r"
      echo "$max" >"$out/rss-max-$n.txt"
      sleep 1
    done
  ) &
  sampler_pid=$!
  g0="$(cpu_ticks "$gen_pid" 2>/dev/null || echo 0)"
  gc=0
  deadline=$((SECONDS + DURATION + 60))
  while kill -0 "$gen_pid" 2>/dev/null; do
    if [ "$SECONDS" -gt "$deadline" ]; then
      echo "generator still running after $((DURATION + 60)) s: stopping it" >&2
      kill "$gen_pid" 2>/dev/null || true
    fi
    gc="$(cpu_ticks "$gen_pid" 2>/dev/null || echo "$gc")"
    c1="$(cpu_ticks "$server_pid")"
    t1="$(date +%s.%N)"
    rss_end="$(rss_kib "$server_pid")"
    sleep 0.5
  done
  wait "$gen_pid" || echo "generator exited with $? (see $out/generator-$n.txt)" >&2
  gen_pid=""
  wait "$sampler_pid" 2>/dev/null || true
  sampler_pid=""
  rss_max="$(cat "$out/rss-max-$n.txt" 2>/dev/null || echo 0)"
  load_end="$(awk '{ print $1 "/" $2 "/" $3 }' /proc/loadavg)"
  python3 - "$out/result-$n.json" "$n" "$load -> $load_end" "$c0" "$c1" "$t0" "$t1" "$hz" \
    "$rss_end" "$rss_max" "$g0" "$gc" <<'PY'
import json, sys
path, n, load, c0, c1, t0, t1, hz, rss_end, rss_max, g0, gc = sys.argv[1:]
wall = float(t1) - float(t0)
cpu = (int(c1) - int(c0)) / int(hz) / wall * 100
gen = (int(gc) - int(g0)) / int(hz) / wall * 100
r = json.load(open(path))
per_gb = (int(c1) - int(c0)) / int(hz) / max(1e-9, r["received"]["bytes"] / 1e9)
s = r["subscribers"]; l = r["steadyLatencyMs"]; g = r["generatorLagMs"]
print(f"| {n} | {load} | {cpu:.0f} | {per_gb:.2f} | {int(rss_end)/1024:.0f} / {int(rss_max)/1024:.0f} | {gen:.0f} "
      f"| {g['p99']:.0f} / {g['max']:.0f} "
      f"| {s['aliveAtEnd']} / {s['aliveMinSteady']} | {s['connected']} / {s['failed']} / {s['lost']} "
      f"| {r['received']['bytes']/1e6:.0f} | {r['received']['steadyBytesPerSecond']*8/1e6:.0f} "
      f"| {r['missing']} ({r['steadyMissing']}) {r['missingVideo']} / {r['missingAudio']} "
      f"| {l['p50']:.1f} / {l['p90']:.1f} / {l['p99']:.1f} / {l['max']:.1f} |")
PY
  cleanup
  sleep 2
done
