#!/usr/bin/env bash
# Many idle clients on the embedded broker: memory per idle connection and round trips with them open.
#   COUNTS="5000 15000" PREWARM=20 DURATION=10 bench/idle.sh
# Starts the packaged service (embedded mode, max-connections and max-sessions raised for the run), pre-warms it with PREWARM
# seconds of round trips, then for 0 and each of COUNTS idle connections (bench/IdleConnections: MQTT 3.1.1,
# keep-alive 60 s, one QoS 1 subscription each, PINGREQ every 30 s, from 127.0.0.2-254) measures the service's
# RSS and heap after a full GC, and runs bench/run.sh (QoS 1, window 64) for DURATION seconds. Prints a table.
# Open files are limited per process (20,000 on the build machine): keep the largest count below that.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNTS=${COUNTS:-"5000 15000"}
PREWARM=${PREWARM:-20}
DURATION=${DURATION:-10}
JAVA_OPTS=${JAVA_OPTS:-}

./mvnw -q -B package -DskipTests >&2
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
classpath="target/test-classes:target/classes:$(cat target/bench.classpath)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
mqtt_port=$(free_port); http_port=$(free_port)

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
# shellcheck disable=SC2086
java $JAVA_OPTS -Dautoresponder.broker.port="$mqtt_port" -Dquarkus.http.port="$http_port" \
  -Dautoresponder.broker.max-connections=60000 -Dautoresponder.broker.max-sessions=60000 -jar target/quarkus-app/quarkus-run.jar > target/bench-idle-service.log 2>&1 &
service=$!; pids+=("$service")
for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$http_port/q/health/ready" > /dev/null && break; sleep 0.1; done

rss_kib() { awk '/^VmRSS/{print $2}' "/proc/$service/status"; }
heap_kib() { # heap in use after a full GC, from the service's own metrics
  jcmd "$service" GC.run > /dev/null
  curl -fs "http://127.0.0.1:$http_port/q/metrics" \
    | awk '/^jvm_memory_used_bytes\{area="heap"/{sum += $NF} END {printf "%d", sum / 1024}'
}
round_trips() { # seconds -> RESULT json
  java -cp "$classpath" io.autoresponder.bench.RoundTripBenchmark --port "$mqtt_port" --qos 1 --window 64 \
    --warmup 2 --duration "$1" | sed -n 's/^RESULT //p'
}
field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }

round_trips "$PREWARM" > /dev/null
printf '%-7s %-10s %-10s %-14s %-14s %-12s %-9s\n' idle 'RSS MiB' 'heap MiB' 'RSS KiB/conn' 'heap KiB/conn' 'round trips/s' 'p99 ms'
base_rss=0; base_heap=0
for count in 0 $COUNTS; do
  holder=""
  if [ "$count" -gt 0 ]; then
    fifo="target/bench-idle-$count.in"; rm -f "$fifo"; mkfifo "$fifo"
    java -cp "$classpath" io.autoresponder.bench.IdleConnections --port "$mqtt_port" --count "$count" --hold 3600 \
      < "$fifo" > "target/bench-idle-$count.log" 2>&1 &
    holder=$!; pids+=("$holder")
    exec 4> "$fifo" # keeps the holder's stdin open; closing it ends the holder
    for _ in $(seq 1 1200); do grep -q '^READY' "target/bench-idle-$count.log" && break; sleep 0.5; done
    grep -q '^READY' "target/bench-idle-$count.log" || { cat "target/bench-idle-$count.log" >&2; exit 1; }
    sleep 5
  fi
  rss=$(rss_kib); heap=$(heap_kib)
  if [ "$count" -eq 0 ]; then base_rss=$rss; base_heap=$heap; fi
  result=$(round_trips "$DURATION")
  per_rss="-"; per_heap="-"
  if [ "$count" -gt 0 ]; then
    per_rss=$(( (rss - base_rss) / count )); per_heap=$(python3 -c "print(round(($heap - $base_heap) / $count, 1))")
  fi
  printf '%-7s %-10s %-10s %-14s %-14s %-12s %-9s\n' "$count" $(( rss / 1024 )) $(( heap / 1024 )) "$per_rss" "$per_heap" \
    "$(field "$result" rtt_per_s)" "$(python3 -c "print($(field "$result" p99_us) / 1000)")"
  if [ -n "$holder" ]; then exec 4>&-; wait "$holder" 2>/dev/null || true; sleep 3; fi
done
