#!/usr/bin/env bash
# Bytes allocated per request by the packaged service in embedded mode, and where (JFR allocation profiling):
#   PREWARM=20 DURATION=15 QOS=1 bench/alloc.sh
# Starts the service (JAVA, default java; JAVA_OPTS added), pre-warms it with PREWARM seconds of bench/run.sh load
# (MQTT 3.1.1, window 64), then records DURATION seconds of the same load with JFR's profile settings. Bytes per
# request = what every service thread allocated during the recording (jdk.ThreadAllocationStatistics at its first and
# last chunk) over the round trips the client completed meanwhile. Prints that, then JFR's allocation views (read
# with the jfr tool of JFR_TOOL, default the Temurin 25 JDK's, which has `jfr view`). The recording stays in
# target/alloc.jfr.
set -euo pipefail
cd "$(dirname "$0")/.."
PREWARM=${PREWARM:-20}
DURATION=${DURATION:-15}
QOS=${QOS:-1}
JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:-}
JFR_TOOL=${JFR_TOOL:-$(ls -d /usr/lib/jvm/temurin-25-* 2>/dev/null | head -1)/bin/jfr}

if [ "${SKIP_BUILD:-}" != true ]; then
  ./mvnw -q -B package -DskipTests >&2
  ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
fi
classpath="target/test-classes:target/classes:$(cat target/bench.classpath)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
mqtt_port=$(free_port); http_port=$(free_port)

# shellcheck disable=SC2086
"$JAVA" $JAVA_OPTS -Dautoresponder.broker.port="$mqtt_port" -Dquarkus.http.port="$http_port" \
  -jar target/quarkus-app/quarkus-run.jar > target/alloc-service.log 2>&1 &
service=$!
trap 'kill "$service" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do curl -fs -o /dev/null "http://127.0.0.1:$http_port/q/health/ready" && break; sleep 0.1; done
load() {
  java -cp "$classpath" io.autoresponder.bench.RoundTripBenchmark --port "$mqtt_port" --qos "$QOS" --window 64 \
    --mqtt 3 --warmup 0 --duration "$1" | sed -n 's/^RESULT //p'
}

load "$PREWARM" > /dev/null
rm -f target/alloc.jfr
jcmd "$service" JFR.start name=alloc settings=profile > /dev/null
result=$(load "$DURATION")
jcmd "$service" JFR.stop name=alloc filename="$PWD/target/alloc.jfr" > /dev/null

"$JFR_TOOL" print --json --events jdk.ThreadAllocationStatistics target/alloc.jfr > target/alloc-threads.json
python3 - "$result" <<'EOF'
import json, sys
result = json.loads(sys.argv[1])
events = json.load(open("target/alloc-threads.json"))["recording"]["events"]
seen = {}
for e in events:
    v = e["values"]
    tid = v["thread"]["javaThreadId"] if v.get("thread") else v["threadId"] if "threadId" in v else id(v)
    lo, hi = seen.get(tid, (v["allocated"], v["allocated"]))
    seen[tid] = (min(lo, v["allocated"]), max(hi, v["allocated"]))
allocated = sum(hi - lo for lo, hi in seen.values())
round_trips = result["replies"]
print(f"QoS {result['qos']}: {round_trips} round trips in {result['seconds']} s ({result['rtt_per_s']}/s); "
      f"service threads allocated {allocated / 1e6:.1f} MB: {allocated / round_trips:.0f} bytes per round trip")
EOF
"$JFR_TOOL" view --width 160 allocation-by-class target/alloc.jfr | head -30
"$JFR_TOOL" view --width 160 --truncate beginning allocation-by-site target/alloc.jfr | head -30
