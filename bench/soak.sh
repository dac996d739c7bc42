#!/usr/bin/env bash
# Soak: a steady mixed load on loopback for DURATION seconds against the packaged service in its default
# embedded mode; writes soak.csv, soak.png and the logs to OUT (default target/soak, emptied first) and fails when
# a series grew after warm-up.
#   DURATION=1800 SAMPLE=5 bench/soak.sh                   # 30 minutes, a sample every 5 s
#   DURATION=120 SKIP_PACKAGE=1 bench/soak.sh              # CI: reuses target/quarkus-app from ./mvnw verify
# WARMUP (seconds; default a fifth of DURATION, at least 30) is shaded in the plot and left out of the rule.
# RATE (default 50) is requests per second at each of QoS 0, 1 and 2; the other loads follow from it.
# The load (io.autoresponder.bench.soak.SoakLoad): request/reply at QoS 0/1/2, a QoS 1 feed with a slow
# consumer, bad payloads (dead letters), retained publishes and clears, clients with wills that drop without
# DISCONNECT, reconnect churn with clean and expiring persistent sessions. The service runs with its defaults,
# except max-queued-messages=500 so the slow consumer's queue reaches its bound within the warm-up.
# Pass rule (SoakSeries, GrowthRule): after warm-up, the median of the last third of each series (RSS, heap
# after a full GC, connections, sessions, queued bytes, round-trip p99) stays within its tolerance of the first
# third's, and no QoS 1/2 request lost its reply. Exit code 1 names the series that grew.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-1800}
SAMPLE=${SAMPLE:-5}
WARMUP=${WARMUP:-$(( DURATION / 5 > 30 ? DURATION / 5 : 30 ))}
RATE=${RATE:-50}
JAVA_OPTS=${JAVA_OPTS:-}
out=${OUT:-target/soak}

if [ "${SKIP_PACKAGE:-}" = 1 ] && [ -f target/quarkus-app/quarkus-run.jar ] && [ -d target/test-classes/io/autoresponder/bench/soak ]; then
  # The jar and test classes of an earlier build (./mvnw verify in CI); only the classpath file is written.
  ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
else
  ./mvnw -q -B package -DskipTests >&2
  ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
fi
classpath="target/test-classes:target/classes:$(cat target/bench.classpath)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
mqtt_port=$(free_port); http_port=$(free_port)
rm -rf "$out"; mkdir -p "$out"

service=""
trap '[ -n "$service" ] && kill "$service" 2>/dev/null; wait 2>/dev/null || true' EXIT
# shellcheck disable=SC2086
java $JAVA_OPTS -Xlog:gc:file="$out/gc.log" -Dautoresponder.broker.host=127.0.0.1 -Dautoresponder.broker.port="$mqtt_port" \
  -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$http_port" -Dautoresponder.broker.max-queued-messages=500 \
  -jar target/quarkus-app/quarkus-run.jar > "$out/service.log" 2>&1 &
service=$!
for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$http_port/q/health/ready" > /dev/null && break; sleep 0.1; done
curl -fs "http://127.0.0.1:$http_port/q/health/ready" > /dev/null || { echo "the service did not become ready" >&2; cat "$out/service.log" >&2; exit 1; }

# --add-exports: the probe runs GC.run and GC.heap_info through the Attach API, as jcmd does (ServiceProbe).
status=0
java --add-exports jdk.attach/sun.tools.attach=ALL-UNNAMED -cp "$classpath" io.autoresponder.bench.soak.Soak \
  --port "$mqtt_port" --http-port "$http_port" --pid "$service" --duration "$DURATION" --sample "$SAMPLE" \
  --warmup "$WARMUP" --rate "$RATE" --out "$out" 2>&1 | tee "$out/soak.log" || status=$?

kill "$service" 2>/dev/null || echo "the service had already stopped" >&2; wait "$service" 2>/dev/null || true; service=""
errors=$(grep -c ' ERROR ' "$out/service.log" || true)
echo "service log: $out/service.log ($errors ERROR lines); CSV: $out/soak.csv; plot: $out/soak.png"
exit "$status"
