#!/usr/bin/env bash
# Same machine, same run, alternating targets. Embedded mode: the service with the in-process connector
# (default), the service with the stock SmallRye MQTT connector over TCP, and the aedes reference (the classic
# one-process Node design). External mode, each against its own Mosquitto: the service with our connector
# (autoresponder-mqtt), the service with the stock connector (smallrye-mqtt), and a hand-written HiveMQ-client
# responder (src/test/java/io/autoresponder/bench/HandWrittenResponder.java). For each run: the benchmark's
# RESULT line, the responder process's CPU time, (external mode) its Mosquitto's, and how busy all cores of the
# machine were (client and other users included). Then medians per target and QoS, and ratios against the
# references (aedes; the hand-written responder), and the medians as a bar chart (target/bench-compare.png).
#   ROUNDS=3 DURATION=10 WARMUP=3 PREWARM=20 WINDOW=64 QOS_LIST="1 0" PAYLOAD=64 bench/compare.sh
#   TARGETS="mqtt-mosquitto stock-mosquitto handwritten-mosquitto" bench/compare.sh    # external mode only
#   MOSQUITTO=defaults TARGETS="mqtt-mosquitto handwritten-mosquitto" bench/compare.sh  # Mosquitto as installed
#   BASELINE=../baseline TARGETS="in-process in-process-base mqtt-mosquitto mqtt-mosquitto-base" bench/compare.sh
# BASELINE names another checkout (e.g. `git worktree add ../baseline <commit>`): the targets ending in -base run
# its build, alternating with this tree's in the same rounds, and a last table compares this tree with it.
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
TARGETS=${TARGETS:-"in-process aedes stock-tcp mqtt-mosquitto stock-mosquitto handwritten-mosquitto"}
BASELINE=${BASELINE:-}
# tuned: the external-mode Mosquittos as docs/external-brokers.md recommends; defaults: nothing but a listener
# (in-flight window 20, queue 1000, Nagle's algorithm on), as a new user runs it.
MOSQUITTO=${MOSQUITTO:-tuned}
case "$MOSQUITTO" in tuned|defaults) ;; *) echo "MOSQUITTO must be tuned or defaults, not $MOSQUITTO" >&2; exit 2 ;; esac
wants() { [[ " $TARGETS " == *" $1 "* ]]; }

./mvnw -q -B package -DskipTests >&2
if [ -n "$BASELINE" ]; then (cd "$BASELINE" && ./mvnw -q -B package -DskipTests >&2); fi
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
if wants aedes; then (cd bench/aedes-reference && npm ci --no-audit --no-fund --silent >&2); fi
classpath="target/test-classes:target/classes:$(cat target/bench.classpath)"

# shellcheck source=bench/lib.sh
. bench/lib.sh
ticks_per_second=$(getconf CLK_TCK)

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
declare -A port pid broker_pid
start_service() { # name, extra -D options; a name ending in -base runs the BASELINE build
  local name=$1; shift
  local jar=target/quarkus-app/quarkus-run.jar
  if [[ $name == *-base ]]; then jar="$BASELINE/target/quarkus-app/quarkus-run.jar"; fi
  port[$name]=${port[$name]:-$(free_port)}
  java -Dautoresponder.broker.port="${port[$name]}" -Dquarkus.http.port="$(free_port)" "$@" \
    -jar "$jar" > "target/bench-$name.log" 2>&1 &
  pid[$name]=$!; pids+=("$!")
}
# A Mosquitto of its own for an external-mode target. Tuned: configured as docs/external-brokers.md recommends
# (in-flight window and queue raised; no persistence, so nothing is written to disk during a run), with
# TCP_NODELAY like the other brokers here: without it Nagle's algorithm holds QoS 0 messages back for
# the peer's delayed ACK (~40 ms each; measured: 1.9k instead of 14k round trips/s). Defaults: a listener only.
start_mosquitto() { # name
  local name=$1 conf="target/bench-mosquitto-$1.conf"
  port[$name]=$(free_port)
  if [ "$MOSQUITTO" = defaults ]; then
    printf 'listener %s 127.0.0.1\nallow_anonymous true\n' "${port[$name]}" > "$conf"
  else
    printf 'listener %s 127.0.0.1\nallow_anonymous true\nmax_inflight_messages 1000\nmax_queued_messages 100000\n%s\n' \
      "${port[$name]}" "set_tcp_nodelay true" > "$conf"
  fi
  mosquitto -c "$conf" > "target/bench-mosquitto-$name.log" 2>&1 &
  broker_pid[$name]=$!; pids+=("$!")
  await_port "${port[$name]}"
}
external_mode() { # name: the -D options of external mode against the target's Mosquitto
  echo "-Dautoresponder.broker.enabled=false -Dmp.messaging.connector.smallrye-mqtt.port=${port[$1]}" \
    "-Dmp.messaging.connector.autoresponder-mqtt.port=${port[$1]}"
}
responder_ports=()
if wants in-process; then start_service in-process; responder_ports+=("${port[in-process]}"); fi
if wants in-process-base; then start_service in-process-base; responder_ports+=("${port[in-process-base]}"); fi
if wants stock-tcp; then
  start_service stock-tcp -Dautoresponder.responder.connector=smallrye-mqtt; responder_ports+=("${port[stock-tcp]}")
fi
if wants aedes; then
  port[aedes]=$(free_port)
  node bench/aedes-reference/server.mjs "${port[aedes]}" > target/bench-aedes.log 2>&1 &
  pid[aedes]=$!; pids+=("$!"); responder_ports+=("${port[aedes]}")
fi
# The connector of each service is chosen explicitly, whatever external mode's default is.
if wants mqtt-mosquitto; then
  start_mosquitto mqtt-mosquitto
  # shellcheck disable=SC2046
  start_service mqtt-mosquitto $(external_mode mqtt-mosquitto) -Dautoresponder.responder.connector=autoresponder-mqtt
fi
if wants mqtt-mosquitto-base; then
  start_mosquitto mqtt-mosquitto-base
  # shellcheck disable=SC2046
  start_service mqtt-mosquitto-base $(external_mode mqtt-mosquitto-base) -Dautoresponder.responder.connector=autoresponder-mqtt
fi
if wants stock-mosquitto; then
  start_mosquitto stock-mosquitto
  # shellcheck disable=SC2046
  start_service stock-mosquitto $(external_mode stock-mosquitto) -Dautoresponder.responder.connector=smallrye-mqtt
fi
if wants handwritten-mosquitto; then
  start_mosquitto handwritten-mosquitto
  java -cp "$classpath" io.autoresponder.bench.HandWrittenResponder 127.0.0.1 "${port[handwritten-mosquitto]}" \
    > target/bench-handwritten-mosquitto.log 2>&1 &
  pid[handwritten-mosquitto]=$!; pids+=("$!")
fi
for p in "${responder_ports[@]}"; do await_port "$p"; done
# External-mode responders announce nothing on a port; wait until each answers a short closed-loop run.
await_answers() { # name
  for _ in $(seq 1 60); do
    java -cp "$classpath" io.autoresponder.bench.RoundTripBenchmark --port "${port[$1]}" --qos 1 --mqtt 3 \
      --window 1 --warmup 0 --duration 0.2 --drain 1 > /dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "target $1 does not answer after 30 s; see target/bench-$1.log" >&2
  return 1
}
targets=()
for name in in-process in-process-base aedes stock-tcp mqtt-mosquitto mqtt-mosquitto-base stock-mosquitto handwritten-mosquitto; do
  if wants "$name"; then targets+=("$name"); fi
done
for name in "${targets[@]}"; do
  if [ -n "${broker_pid[$name]:-}" ]; then await_answers "$name"; fi
done

for name in "${targets[@]}"; do
  java -cp "$classpath" io.autoresponder.bench.RoundTripBenchmark --port "${port[$name]}" --qos 1 --mqtt 3 \
    --window "$WINDOW" --payload-bytes "$PAYLOAD" --warmup 0 --duration "$PREWARM" > /dev/null
done

echo "# $(date -u +%FT%TZ) $(nproc) cores, $(java -version 2>&1 | head -1), node $(node --version 2>/dev/null)," \
  "$(mosquitto -h 2>/dev/null | head -1)"
echo "# rounds=$ROUNDS duration=${DURATION}s warmup=${WARMUP}s prewarm=${PREWARM}s window=$WINDOW payload=${PAYLOAD}B mosquitto=$MOSQUITTO client: MQTT 3.1.1 (aedes 1.2 has no MQTT 5)"
for round in $(seq 1 "$ROUNDS"); do
  for qos in $QOS_LIST; do
    for name in "${targets[@]}"; do
      before=$(cpu_ticks "${pid[$name]}")
      broker_before=0; [ -n "${broker_pid[$name]:-}" ] && broker_before=$(cpu_ticks "${broker_pid[$name]}")
      machine_before=$(machine_busy_ticks); started=$(date +%s%N)
      line=$(java -cp "$classpath" io.autoresponder.bench.RoundTripBenchmark --port "${port[$name]}" --qos "$qos" \
        --mqtt 3 --window "$WINDOW" --payload-bytes "$PAYLOAD" --warmup "$WARMUP" --duration "$DURATION" \
        | grep '^RESULT ') || line="FAILED (no RESULT line; see the client's error above)"

      after=$(cpu_ticks "${pid[$name]}")
      broker_after=0; [ -n "${broker_pid[$name]:-}" ] && broker_after=$(cpu_ticks "${broker_pid[$name]}")
      machine_after=$(machine_busy_ticks); wall_ms=$((($(date +%s%N) - started) / 1000000))
      seconds() { awk -v t="$1" -v hz="$ticks_per_second" 'BEGIN{printf "%.2f", t/hz}'; }
      machine_busy=$(awk -v t=$((machine_after - machine_before)) -v hz="$ticks_per_second" -v ms="$wall_ms" \
        -v n="$(nproc)" 'BEGIN{printf "%.0f", 100 * t / hz / (ms / 1000) / n}')
      echo "RUN round=$round target=$name cpu_s=$(seconds $((after - before))) broker_cpu_s=$(seconds $((broker_after - broker_before))) machine_busy_pct=$machine_busy $line"
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
    m = re.match(r'RUN round=\d+ target=(\S+) cpu_s=(\S+) broker_cpu_s=(\S+) machine_busy_pct=(\S+) RESULT (.*)', line)
    if not m:
        continue
    result = json.loads(m.group(5))
    result['machine_busy_pct'] = float(m.group(4))
    per_request = lambda seconds: float(seconds) * 1e6 / max(1, result['total_requests'])
    runs.setdefault((m.group(1), result['qos']), []).append((result, per_request(m.group(2)), per_request(m.group(3))))
# Each target is compared with the reference of its mode: aedes (embedded), the hand-written responder (external).
references = {'in-process': 'aedes', 'stock-tcp': 'aedes', 'aedes': 'aedes', 'mqtt-mosquitto': 'handwritten-mosquitto',
              'stock-mosquitto': 'handwritten-mosquitto', 'handwritten-mosquitto': 'handwritten-mosquitto',
              'in-process-base': 'aedes', 'mqtt-mosquitto-base': 'handwritten-mosquitto'}
medians = {}
for (target, qos), values in runs.items():
    medians[(target, qos)] = tuple(statistics.median(v[i] for v in values) for i in (1, 2)) \
        + (statistics.median(r['rtt_per_s'] for r, _, _ in values),)
order = ['in-process', 'in-process-base', 'stock-tcp', 'aedes', 'mqtt-mosquitto', 'mqtt-mosquitto-base',
         'stock-mosquitto', 'handwritten-mosquitto']
# The chart's input (CompareChart): the same medians, in the table's order.
with open('target/bench-summary.csv', 'w') as summary:
    summary.write('target,qos,round_trips_per_s,cpu_us_per_request\n')
    for (target, qos) in sorted(medians, key=lambda k: (-k[1], order.index(k[0]))):
        cpu, _, rtt = medians[(target, qos)]
        summary.write(f"{target},{qos},{rtt:.0f},{cpu:.2f}\n")
print('\n| target | QoS | round trips/s (median) | p50 µs | p99 µs | responder CPU µs/request | Mosquitto CPU µs/request '
      '| machine busy | lost | reference | vs reference: rt/s | vs reference: responder CPU |')
print('|---|---|---|---|---|---|---|---|---|---|---|---|')
for (target, qos), values in sorted(runs.items(), key=lambda kv: (-kv[0][1], order.index(kv[0][0]))):
    cpu, broker_cpu, rtt = medians[(target, qos)]
    reference = references[target]
    ref = medians.get((reference, qos))
    p50 = statistics.median(r['p50_us'] for r, _, _ in values)
    p99 = statistics.median(r['p99_us'] for r, _, _ in values)
    lost = sum(r['lost'] + r['duplicates'] for r, _, _ in values)
    busy = statistics.median(r['machine_busy_pct'] for r, _, _ in values)
    broker = f"{broker_cpu:.1f}" if '-mosquitto' in target else '-'
    ratio = f"{rtt / ref[2]:.2f}x | {cpu / ref[0]:.2f}x" if ref else "- | -"
    print(f"| {target} | {qos} | {rtt:.0f} | {p50:.0f} | {p99:.0f} | {cpu:.1f} | {broker} | {busy:.0f}% | {lost} | {reference} | {ratio} |")
# This tree against BASELINE, target by target, from the same rounds.
pairs = [(t, q) for (t, q) in medians if (t + '-base', q) in medians]
if pairs:
    print('\n| target | QoS | round trips/s: this / baseline | responder CPU µs/request: this / baseline |')
    print('|---|---|---|---|')
    for target, qos in sorted(pairs, key=lambda p: (-p[1], p[0])):
        cpu, _, rtt = medians[(target, qos)]
        base_cpu, _, base_rtt = medians[(target + '-base', qos)]
        print(f"| {target} | {qos} | {rtt:.0f} / {base_rtt:.0f} = {rtt / base_rtt:.2f}x | {cpu:.1f} / {base_cpu:.1f} = {cpu / base_cpu:.2f}x |")
PY
java -cp "$classpath" io.autoresponder.bench.CompareChart target/bench-summary.csv target/bench-compare.png \
  "bench/compare.sh $(date -u +%F): window $WINDOW, payload ${PAYLOAD} B, rounds $ROUNDS (medians)"
echo "chart: target/bench-compare.png"
