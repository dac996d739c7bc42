#!/usr/bin/env bash
# Same machine, same run, alternating targets: the service with the in-process connector (default), the
# service with the stock SmallRye MQTT connector over TCP, and the aedes reference (the classic one-process
# Node design). For each run: the benchmark's RESULT line and the server process's CPU time per request.
# Then medians per target and QoS, and ratios against the reference.
#   ROUNDS=3 DURATION=10 WARMUP=3 PREWARM=20 WINDOW=64 QOS_LIST="1 0" PAYLOAD=64 bench/compare.sh
# PREWARM seconds of unrecorded load per target come first, so the JVM's JIT compilers are done before any
# measured run (the Node reference gets the same).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
WINDOW=${WINDOW:-64}
QOS_LIST=${QOS_LIST:-"1 0"}
PAYLOAD=${PAYLOAD:-64}
PREWARM=${PREWARM:-20}

./mvnw -q -B package -DskipTests >&2
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
(cd bench/aedes-reference && npm ci --no-audit --no-fund --silent >&2)
classpath="target/test-classes:target/classes:$(cat target/bench.classpath)"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
await_port() {
  for _ in $(seq 1 300); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on port $1 after 30 s" >&2
  return 1
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
ticks_per_second=$(getconf CLK_TCK)

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
declare -A port pid
start_service() { # name, extra -D options
  local name=$1; shift
  port[$name]=$(free_port)
  java -Dautoresponder.broker.port="${port[$name]}" -Dquarkus.http.port="$(free_port)" "$@" \
    -jar target/quarkus-app/quarkus-run.jar > "target/bench-$name.log" 2>&1 &
  pid[$name]=$!; pids+=("$!")
}
start_service in-process
start_service stock-tcp -Dautoresponder.responder.connector=smallrye-mqtt
port[aedes]=$(free_port)
node bench/aedes-reference/server.mjs "${port[aedes]}" > target/bench-aedes.log 2>&1 &
pid[aedes]=$!; pids+=("$!")
for name in in-process stock-tcp aedes; do await_port "${port[$name]}"; done

for name in in-process aedes stock-tcp; do
  java -cp "$classpath" io.autoresponder.bench.RoundTripBenchmark --port "${port[$name]}" --qos 1 --mqtt 3 \
    --window "$WINDOW" --payload-bytes "$PAYLOAD" --warmup 0 --duration "$PREWARM" > /dev/null
done

echo "# $(date -u +%FT%TZ) $(nproc) cores, $(java -version 2>&1 | head -1), node $(node --version)"
echo "# rounds=$ROUNDS duration=${DURATION}s warmup=${WARMUP}s prewarm=${PREWARM}s window=$WINDOW payload=${PAYLOAD}B client: MQTT 3.1.1 (aedes 1.2 has no MQTT 5)"
for round in $(seq 1 "$ROUNDS"); do
  for qos in $QOS_LIST; do
    for name in in-process aedes stock-tcp; do
      before=$(cpu_ticks "${pid[$name]}")
      line=$(java -cp "$classpath" io.autoresponder.bench.RoundTripBenchmark --port "${port[$name]}" --qos "$qos" \
        --mqtt 3 --window "$WINDOW" --payload-bytes "$PAYLOAD" --warmup "$WARMUP" --duration "$DURATION" \
        | grep '^RESULT ') || line="FAILED (no RESULT line; see the client's error above)"

      after=$(cpu_ticks "${pid[$name]}")
      echo "RUN round=$round target=$name cpu_s=$(awk -v t=$((after - before)) -v hz="$ticks_per_second" 'BEGIN{printf "%.2f", t/hz}') $line"
    done
  done
done | tee target/bench-runs.txt

python3 - target/bench-runs.txt <<'PY'
import json, re, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    if 'FAILED' in line:
        print('failed run:', line.strip())
        continue
    m = re.match(r'RUN round=\d+ target=(\S+) cpu_s=(\S+) RESULT (.*)', line)
    if not m:
        continue
    result = json.loads(m.group(3))
    cpu_us_per_request = float(m.group(2)) * 1e6 / max(1, result['total_requests'])
    runs.setdefault((m.group(1), result['qos']), []).append((result, cpu_us_per_request))
print('\n| target | QoS | round trips/s (median) | p50 µs | p99 µs | server CPU µs/request | lost | vs aedes: rt/s | vs aedes: CPU |')
print('|---|---|---|---|---|---|---|---|---|')
medians = {}
for (target, qos), values in sorted(runs.items(), key=lambda kv: (kv[0][1], kv[0][0])):
    med = lambda f: statistics.median(f(r, c) for r, c in values)
    medians[(target, qos)] = (med(lambda r, c: r['rtt_per_s']), med(lambda r, c: c))
for (target, qos), values in sorted(runs.items(), key=lambda kv: (-kv[0][1], kv[0][0])):
    rtt, cpu = medians[(target, qos)]
    ref = medians.get(('aedes', qos))
    p50 = statistics.median(r['p50_us'] for r, _ in values)
    p99 = statistics.median(r['p99_us'] for r, _ in values)
    lost = sum(r['lost'] + r['duplicates'] for r, _ in values)
    ratio = f"{rtt / ref[0]:.2f}x | {cpu / ref[1]:.2f}x" if ref else "- | -"
    print(f"| {target} | {qos} | {rtt:.0f} | {p50:.0f} | {p99:.0f} | {cpu:.1f} | {lost} | {ratio} |")
PY
