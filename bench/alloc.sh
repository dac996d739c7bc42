#!/usr/bin/env bash
# Bytes allocated per request by the packaged service in embedded mode, and where (JFR allocation profiling):
#   PREWARM=20 DURATION=15 QOS=1 bench/alloc.sh
# Starts the service (JAVA, default java; JAVA_OPTS added), pre-warms it with PREWARM seconds of bench/run.sh load
# (MQTT 3.1.1, window 64), then records DURATION seconds of the same load with JFR's profile settings. Bytes per
# request = what every service thread allocated during the recording (jdk.ThreadAllocationStatistics at its first and
# last chunk) over the round trips the client completed meanwhile. Prints that, then how it splits by part of the
# stack and the top allocation sites, from JFR's allocation samples (read with JFR_TOOL, default the Temurin 25
# JDK's jfr). The recording stays in target/alloc.jfr.
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
# shellcheck source=bench/lib.sh
. bench/lib.sh
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
"$JFR_TOOL" print --json --stack-depth 8 --events jdk.ObjectAllocationSample target/alloc.jfr > target/alloc-samples.json
python3 - "$result" <<'EOF'
import collections, json, sys
result = json.loads(sys.argv[1])
seen = {}
for e in json.load(open("target/alloc-threads.json"))["recording"]["events"]:
    v = e["values"]
    tid = v["thread"]["javaThreadId"]
    lo, hi = seen.get(tid, (v["allocated"], v["allocated"]))
    seen[tid] = (min(lo, v["allocated"]), max(hi, v["allocated"]))
allocated = sum(hi - lo for lo, hi in seen.values())
round_trips = result["replies"]
print(f"QoS {result['qos']}: {round_trips} round trips in {result['seconds']} s ({result['rtt_per_s']}/s); "
      f"service threads allocated {allocated / 1e6:.1f} MB: {allocated / round_trips:.0f} bytes per round trip")

# Where: a sample's weight is what its thread allocated since its previous sample, so each thread's first sample
# (which carries what it allocated before the recording) is left out.
samples = sorted(json.load(open("target/alloc-samples.json"))["recording"]["events"], key=lambda e: e["values"]["startTime"])
first = set()
parts = [("context propagation (SmallRye Context Propagation, its ArC and OpenTelemetry providers)",
          ["io/smallrye/context", "ContextProvider", "ContextPropagation"]),
         ("Vert.x context locals and the log MDC", ["VertxMDC", "ContextLocal", "VertxLocalsHelper", "ContextBase.getLocal"]),
         ("Jackson", ["com/fasterxml"]),
         ("Mutiny operators and queues", ["io/smallrye/mutiny"]),
         ("Reactive Messaging (messages, metadata, acknowledgement)", ["io/smallrye/reactive/messaging", "microprofile/reactive"]),
         ("broker (routing, sessions, flow control)", ["io/autoresponder/broker"]),
         ("responder and connectors", ["io/autoresponder"]),
         ("Netty and Vert.x I/O (decode, encode, buffers)", ["io/netty", "io/vertx"])]
weights, sites = collections.Counter(), collections.Counter()
for e in samples:
    v = e["values"]
    thread = v["eventThread"]["javaName"]
    if thread not in first:
        first.add(thread)
        continue
    frames = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in (v.get("stackTrace") or {}).get("frames") or []]
    part = next((name for name, keys in parts if any(k in f for f in frames[:6] for k in keys)), "other (JDK collections, strings)")
    weights[part] += v["weight"]
    sites[" <- ".join(f.split("/")[-1] for f in frames[:3])] += v["weight"]
total = sum(weights.values())
print("\n| part (nearest on the allocating stack) | share | bytes per round trip |\n|---|---|---|")
for part, w in weights.most_common():
    print(f"| {part} | {100 * w / total:.0f}% | {allocated * w / total / round_trips:.0f} |")
print("\ntop allocation sites:")
for site, w in sites.most_common(15):
    print(f"{100 * w / total:5.1f}%  {site}")
EOF
