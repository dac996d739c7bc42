#!/usr/bin/env bash
# Scale-out on one machine: the packaged service in external mode (connector autoresponder-mqtt) at 1, 2 and 3
# replicas, each replica its own JVM and HTTP port, sharing the requests through one shared subscription on one
# Mosquitto (tuned as compare.sh's default). Every configuration has its own request and reply topic
# ($share/autoresponder/scale-N, scale-N/replies), so all replicas stay up and the configurations take turns.
# The load generator offers a fixed load (RATE requests/s at QoS 1; RATE=0: closed loop with WINDOW in flight).
# Per run: round trips/s, p99, the CPU time of all replicas of the configuration and of Mosquitto per request,
# and how many requests each replica took (autoresponder_requests_received_total on its /q/metrics).
# Then medians per configuration. See docs/scaling.md.
#   ROUNDS=5 DURATION=15 WARMUP=3 PREWARM=20 IDLE=15 RATE=1500 bench/scaling.sh
#   RATE=0 WINDOW=64 bench/scaling.sh          # closed loop: as many round trips as the machine manages
#   SKIP_PACKAGE=1 REPLICAS="1 3" bench/scaling.sh
# PREWARM seconds of unrecorded closed-loop load per replica come first (3 replicas: 3 x PREWARM), so every JVM
# has answered about as many requests before measuring; IDLE seconds without load then give each replica's
# CPU time at rest.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-3}
PREWARM=${PREWARM:-20}
IDLE=${IDLE:-15}
RATE=${RATE:-1500}
WINDOW=${WINDOW:-64}
PAYLOAD=${PAYLOAD:-64}
REPLICAS=${REPLICAS:-"1 2 3"}
JAVA_OPTS=${JAVA_OPTS:-}
# shellcheck source=bench/lib.sh
. bench/lib.sh

if [ "${SKIP_PACKAGE:-0}" != 1 ]; then ./mvnw -q -B package -DskipTests >&2; fi
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
classpath="target/test-classes:target/classes:$(cat target/bench.classpath)"
ticks_per_second=$(getconf CLK_TCK)
mosquitto=$(command -v mosquitto || echo /usr/sbin/mosquitto)
mkdir -p target/scaling

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
broker_port=$(free_port)
printf 'listener %s 127.0.0.1\nallow_anonymous true\nmax_inflight_messages 1000\nmax_queued_messages 100000\nset_tcp_nodelay true\n' \
  "$broker_port" > target/scaling/mosquitto.conf
"$mosquitto" -c target/scaling/mosquitto.conf > target/scaling/mosquitto.log 2>&1 &
broker_pid=$!; pids+=("$!")
await_port "$broker_port"

declare -A pid http
for n in $REPLICAS; do
  for i in $(seq 1 "$n"); do
    http[$n-$i]=$(free_port)
    # shellcheck disable=SC2086
    java $JAVA_OPTS -Dquarkus.http.port="${http[$n-$i]}" -Dautoresponder.broker.enabled=false \
      -Dautoresponder.responder.connector=autoresponder-mqtt \
      -Dmp.messaging.connector.autoresponder-mqtt.port="$broker_port" \
      -Dmp.messaging.connector.autoresponder-mqtt.client-id="scale-$n-$i" \
      "-Dmp.messaging.incoming.test.topic=\$share/autoresponder/scale-$n" \
      -Dmp.messaging.outgoing.other.topic="scale-$n/replies" \
      -jar target/quarkus-app/quarkus-run.jar > "target/scaling/replica-$n-$i.log" 2>&1 &
    pid[$n-$i]=$!; pids+=("$!")
  done
done
ready() { curl -sf -o /dev/null "http://127.0.0.1:$1/q/health/ready"; }
for key in "${!http[@]}"; do
  for _ in $(seq 1 120); do ready "${http[$key]}" && break; sleep 0.5; done
  ready "${http[$key]}" || { echo "replica $key not ready after 60 s; see target/scaling/replica-$key.log" >&2; exit 1; }
done
# Requests this replica took so far (the counter appears with the first request).
received() {
  curl -sf "http://127.0.0.1:$1/q/metrics" \
    | awk '/^autoresponder_requests_received_total\{channel="test"\}/{printf "%d", $2; found=1} END{if (!found) print 0}'
}
load() { # replicas, then RoundTripBenchmark options
  local n=$1; shift
  java -cp "$classpath" io.autoresponder.bench.RoundTripBenchmark --port "$broker_port" --qos 1 --mqtt 3 \
    --payload-bytes "$PAYLOAD" --request-topic "scale-$n" --reply-topic "scale-$n/replies" "$@"
}
for n in $REPLICAS; do load "$n" --window "$WINDOW" --warmup 0 --duration $((PREWARM * n)) > /dev/null; done

echo "# $(date -u +%FT%TZ) $(nproc) cores, $(java -version 2>&1 | head -1), $("$mosquitto" -h 2>/dev/null | head -1)"
offered="$RATE requests/s"; [ "$RATE" = 0 ] && offered="closed loop"
echo "# rounds=$ROUNDS duration=${DURATION}s warmup=${WARMUP}s prewarm=${PREWARM}s per replica load=$offered" \
  "window=$WINDOW payload=${PAYLOAD}B QoS 1, client MQTT 3.1.1, replicas MQTT 5 (autoresponder-mqtt), JAVA_OPTS=$JAVA_OPTS"
{
  before=(); for key in "${!pid[@]}"; do before+=("$key=$(cpu_ticks "${pid[$key]}")"); done
  sleep "$IDLE"
  for entry in "${before[@]}"; do
    key=${entry%%=*}
    echo "IDLE replica=$key cpu_ms_per_s=$(awk -v t=$(($(cpu_ticks "${pid[$key]}") - ${entry#*=})) -v hz="$ticks_per_second" \
      -v s="$IDLE" 'BEGIN{printf "%.1f", 1000 * t / hz / s}')"
  done
  for round in $(seq 1 "$ROUNDS"); do
    for n in $REPLICAS; do
      replica_before=(); received_before=()
      for i in $(seq 1 "$n"); do
        replica_before+=("$(cpu_ticks "${pid[$n-$i]}")"); received_before+=("$(received "${http[$n-$i]}")")
      done
      broker_before=$(cpu_ticks "$broker_pid"); machine_before=$(machine_busy_ticks); started=$(date +%s%N)
      line=$(load "$n" --window "$WINDOW" --rate "$RATE" --warmup "$WARMUP" --duration "$DURATION" | grep '^RESULT ') \
        || line="FAILED (no RESULT line; see the client's error above)"
      wall_ms=$((($(date +%s%N) - started) / 1000000))
      cpu=(); took=()
      for i in $(seq 1 "$n"); do
        cpu+=("$(($(cpu_ticks "${pid[$n-$i]}") - replica_before[i - 1]))")
        took+=("$(($(received "${http[$n-$i]}") - received_before[i - 1]))")
      done
      busy=$(awk -v t=$(($(machine_busy_ticks) - machine_before)) -v hz="$ticks_per_second" -v ms="$wall_ms" \
        -v cores="$(nproc)" 'BEGIN{printf "%.0f", 100 * t / hz / (ms / 1000) / cores}')
      echo "RUN round=$round replicas=$n cpu_ticks=$(IFS=,; echo "${cpu[*]}") broker_cpu_ticks=$(($(cpu_ticks "$broker_pid") - broker_before))" \
        "received=$(IFS=,; echo "${took[*]}") machine_busy_pct=$busy $line"
    done
  done
} | tee target/scaling/runs.txt

python3 - target/scaling/runs.txt "$ticks_per_second" <<'PY'
import json, re, statistics, sys
hz = float(sys.argv[2])
runs, idle = {}, {}
for line in open(sys.argv[1]):
    if m := re.match(r'IDLE replica=(\d+)-\d+ cpu_ms_per_s=(\S+)', line):
        idle.setdefault(int(m.group(1)), []).append(float(m.group(2)))
    elif 'FAILED' in line:
        print('failed run:', line.strip())
    elif m := re.match(r'RUN round=\d+ replicas=(\d+) cpu_ticks=(\S+) broker_cpu_ticks=(\d+) received=(\S+) '
                       r'machine_busy_pct=(\S+) RESULT (.*)', line):
        result = json.loads(m.group(6))
        cpu = [int(t) / hz for t in m.group(2).split(',')]
        took = [int(r) for r in m.group(4).split(',')]
        requests = max(1, result['total_requests'])
        runs.setdefault(int(m.group(1)), []).append(dict(
            rtt=result['rtt_per_s'], p50=result['p50_us'], p99=result['p99_us'], busy=float(m.group(5)),
            cpu_us=sum(cpu) * 1e6 / requests, broker_us=int(m.group(3)) / hz * 1e6 / requests,
            shares=[100 * t / max(1, sum(took)) for t in took], counted=sum(took) - result['total_requests'],
            lost=result['lost'] + result['duplicates']))
median = lambda runs_, key: statistics.median(r[key] for r in runs_)
print('\n| replicas | round trips/s | p50 µs | p99 µs | responder CPU µs/request (all replicas) '
      '| Mosquitto CPU µs/request | share per replica | idle CPU per replica | machine busy | lost |')
print('|---|---|---|---|---|---|---|---|---|---|')
for n, values in sorted(runs.items()):
    shares = ' / '.join(f"{statistics.median(r['shares'][i] for r in values):.1f}%" for i in range(n))
    rest = statistics.median(idle.get(n, [0]))
    print(f"| {n} | {median(values, 'rtt'):.0f} | {median(values, 'p50'):.0f} | {median(values, 'p99'):.0f} "
          f"| {median(values, 'cpu_us'):.1f} | {median(values, 'broker_us'):.1f} | {shares} | {rest:.1f} ms/s "
          f"| {median(values, 'busy'):.0f}% | {sum(r['lost'] for r in values)} |")
spread = [max(r['shares']) - min(r['shares']) for values in runs.values() for r in values if len(r['shares']) > 1]
mismatch = [r['counted'] for values in runs.values() for r in values if r['counted'] != 0]
print(f"\nlargest gap between two replicas' shares in one run: {max(spread, default=0):.1f} points;"
      f" runs whose replicas' counters differ from the requests sent: {len(mismatch)} {mismatch}")
PY
