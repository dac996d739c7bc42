#!/usr/bin/env bash
# Broker persistence: how long the packaged service takes to read back a store of MESSAGES queued QoS 1 messages
# (PAYLOAD bytes each) for one persistent session after kill -9, and whether every one of them is delivered after.
#   MESSAGES=100000 PAYLOAD=256 FSYNC=interval bench/recovery.sh
# Uses Debian's mosquitto clients (apt-get install mosquitto-clients): a 3.1.1 subscriber with clean session 0
# subscribes and leaves, mosquitto_pub sends the messages (each acknowledged), the service is killed with
# SIGKILL, started again on the same store, and the subscriber comes back for its queue.
set -euo pipefail
cd "$(dirname "$0")/.."
MESSAGES=${MESSAGES:-100000}
PAYLOAD=${PAYLOAD:-256}
FSYNC=${FSYNC:-interval}
JAVA_OPTS=${JAVA_OPTS:-}

./mvnw -q -B package -DskipTests >&2
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
mqtt_port=$(free_port); http_port=$(free_port)
store=$(mktemp -d); out=target/bench-recovery; mkdir -p "$out"
pids=()
trap 'kill -9 "${pids[@]}" 2>/dev/null || true; rm -rf "$store"' EXIT

start_service() { # log file -> pid in $service; waits for readiness; the milliseconds it took in $ready_ms
  local begin; begin=$(date +%s%N)
  # shellcheck disable=SC2086
  java $JAVA_OPTS -Dautoresponder.broker.port="$mqtt_port" -Dquarkus.http.port="$http_port" \
    -Dautoresponder.broker.max-queued-messages=$((MESSAGES + 1000)) \
    -Dautoresponder.broker.persistence.directory="$store" -Dautoresponder.broker.persistence.fsync="$FSYNC" \
    -jar target/quarkus-app/quarkus-run.jar > "$1" 2>&1 &
  service=$!; pids+=("$service")
  for _ in $(seq 1 600); do curl -fs "http://127.0.0.1:$http_port/q/health/ready" > /dev/null && break; sleep 0.05; done
  ready_ms=$(( ($(date +%s%N) - begin) / 1000000 ))
}

start_service "$out/first.log"
mosquitto_sub -h 127.0.0.1 -p "$mqtt_port" -V mqttv311 -c -i away -q 1 -t 'persist/#' -E
begin=$(date +%s%N)
# In batches: one mosquitto_pub -l given 100,000 lines at once stops reading them early (about a third are sent).
left=$MESSAGES
while [ "$left" -gt 0 ]; do
  batch=$(( left < 20000 ? left : 20000 ))
  python3 -c "import sys; line = 'x' * $PAYLOAD + '\n'; sys.stdout.write(line * $batch)" \
    | mosquitto_pub -h 127.0.0.1 -p "$mqtt_port" -q 1 -t persist/queue -l
  left=$(( left - batch ))
done
publish_ms=$(( ($(date +%s%N) - begin) / 1000000 ))
store_bytes=$(du -sb "$store" | cut -f1)
metric() { curl -fs "http://127.0.0.1:$http_port/q/metrics" | awk -v n="$1" '$1 == n {printf "%d", $2}'; }
received=$(metric autoresponder_broker_messages_received_total); dropped=$(metric autoresponder_broker_messages_dropped_total)
kill -9 "$service"; wait "$service" 2>/dev/null || true

start_service "$out/second.log" # not in a subshell: the exit trap must know its pid
read_back=$(grep -o 'Broker store .*' "$out/second.log" | head -1)
delivered=$(mosquitto_sub -h 127.0.0.1 -p "$mqtt_port" -V mqttv311 -c -i away -q 1 -t 'persist/#' -C "$MESSAGES" -W 120 | wc -l || true)
echo "messages=$MESSAGES payload=$PAYLOAD fsync=$FSYNC published_in_ms=$publish_ms store_bytes=$store_bytes received=$received dropped=$dropped"
echo "after kill -9: ready_in_ms=$ready_ms delivered=$delivered"
echo "$read_back"
[ "$received" -eq "$MESSAGES" ] || { echo "the broker received $received of $MESSAGES: the publisher fell short" >&2; exit 1; }
[ "$delivered" -eq "$received" ] || { echo "lost $((received - delivered)) messages" >&2; exit 1; }
