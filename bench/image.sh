#!/usr/bin/env bash
# Start-up, idle memory, warm-up and peak round trips of the packaged service under several JVMs and flag sets,
# as a pod with the chart's 256Mi memory limit would run it (-XX:MaxRAM=256m: the JVM sizes itself as in the pod):
#   ROUNDS=3 LOAD=30 bench/image.sh
# For each round and each configuration in turn (alternating, so this shared machine's drifts hit all): start the
# service, time launch to ready (GET /q/health/ready answers 200), read its RSS after IDLE seconds, then run
# bench/run.sh (QoS 1, window 64, MQTT 3.1.1) for LOAD seconds with a TICK line per second from the first request;
# the load client has first run CLIENT_PREWARM seconds (15) against another, warm service.
# Peak = median of the last 10 ticks; "80% at" = the first second whose replies reach 80% of that peak.
# CONFIGS picks configurations by name (see configure below). The Java 25 configurations use JAVA25 (default: the
# Temurin 25 JDK under /usr/lib/jvm); j25-image-aot trains its AOT cache first as the image build does
# (src/main/docker/train-aot.sh, TRAIN_REQUESTS requests, into target/image-aot/app.aot).
# Prints a table of medians; raw lines go to target/image-runs.txt, the warm-up curves (median per second) to
# target/image-warmup.csv and a plot of them to target/image-warmup.png.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
LOAD=${LOAD:-30}
IDLE=${IDLE:-10}
TRAIN_REQUESTS=${TRAIN_REQUESTS:-200000}
CLIENT_PREWARM=${CLIENT_PREWARM:-15}
JAVA17=${JAVA17:-java}
JAVA25=${JAVA25:-$(ls -d /usr/lib/jvm/temurin-25-* 2>/dev/null | head -1)/bin/java}
CONFIGS=${CONFIGS:-"j17 j17-c1 j25-image j25-image-aot"}
POD="-XX:MaxRAM=256m"
# The image's flags (src/main/docker/java-flags, as Dockerfile.jvm runs the service; IMAGE25_FLAGS overrides them
# to try others); on Java 17 without what 17 lacks.
IMAGE25_FLAGS=${IMAGE25_FLAGS:-$(cat src/main/docker/java-flags)}
IMAGE_FLAGS=${IMAGE25_FLAGS/-XX:+UseCompactObjectHeaders/}
IMAGE_ENV="MALLOC_ARENA_MAX=2"
AOT=target/image-aot/app.aot

if [ "${SKIP_BUILD:-}" != true ]; then
  ./mvnw -q -B package -DskipTests >&2
  ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
fi
classpath="target/test-classes:target/classes:$(cat target/bench.classpath)"
# shellcheck source=bench/lib.sh
. bench/lib.sh

configure() { # name -> sets java, flags and environment (envs)
  envs=""
  case "$1" in
    j17) java=$JAVA17; flags="$POD" ;;
    j17-image) java=$JAVA17; flags="$POD $IMAGE_FLAGS"; envs=$IMAGE_ENV ;;
    j17-c1) java=$JAVA17; flags="$POD -XX:+UseSerialGC -XX:MaxRAMPercentage=75 -XX:TieredStopAtLevel=1" ;;
    j25) java=$JAVA25; flags="$POD" ;;
    j25-image) java=$JAVA25; flags="$POD $IMAGE25_FLAGS"; envs=$IMAGE_ENV ;;
    j25-image-aot) java=$JAVA25; flags="$POD $IMAGE25_FLAGS -XX:AOTCache=$AOT"; envs=$IMAGE_ENV ;;
    *) echo "unknown configuration $1" >&2; exit 2 ;;
  esac
}

service=""
trap '[ -n "$service" ] && kill "$service" 2>/dev/null || true' EXIT
ready() { # GET /q/health/ready answers 200; bash's /dev/tcp, so polling starts no process that competes with the JVM
  { exec 3<> "/dev/tcp/127.0.0.1/$http_port"; } 2> /dev/null || return 1
  printf 'GET /q/health/ready HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  local status=""
  read -r -t 2 status <&3 || true
  exec 3>&-
  [[ $status == *" 200 "* ]]
}
start_service() { # [VAR=value...] java flags... -> sets service, mqtt_port, http_port, ready_ms
  mqtt_port=$(free_port); http_port=$(free_port)
  local launched
  launched=$(date +%s%N)
  # shellcheck disable=SC2068
  env "$@" -Dautoresponder.broker.port="$mqtt_port" -Dquarkus.http.port="$http_port" \
    -jar target/quarkus-app/quarkus-run.jar > target/image-service.log 2>&1 &
  service=$!
  for _ in $(seq 1 1500); do
    ready && break
    sleep 0.01
  done
  ready_ms=$(( ($(date +%s%N) - launched) / 1000000 ))
}
stop_service() {
  kill "$service"; wait "$service" 2>/dev/null || true; service=""
}
load() { # seconds -> TICK lines and RESULT; the client first warms its own JIT on the warmer service
  java -cp "$classpath" io.autoresponder.bench.RoundTripBenchmark --port "$mqtt_port" --qos 1 --window 64 \
    --mqtt 3 --warmup 0 --duration "$1" --ticks true --prewarm-port "$warmer_port" --prewarm "$CLIENT_PREWARM"
}

# A warm service of its own for the load client to warm up on before each measured start: the curves then show
# the measured service's warm-up, not the client's.
warmer_port=$(free_port)
: > target/image-warmer.log
java -XX:+UseSerialGC -Dautoresponder.broker.port="$warmer_port" -Dquarkus.http.port="$(free_port)" \
  -jar target/quarkus-app/quarkus-run.jar > target/image-warmer.log 2>&1 &
warmer=$!
trap '[ -n "$service" ] && kill "$service" 2>/dev/null; kill "$warmer" 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do grep -q "started in" target/image-warmer.log && break; sleep 0.1; done

if [[ " $CONFIGS " == *" j25-image-aot "* ]]; then
  # Trained as the image trains it (src/main/docker/train-aot.sh), with the flags it is used with.
  mkdir -p "$(dirname "$AOT")"; rm -f "$AOT"
  # shellcheck disable=SC2086
  TRAIN_JAR=target/quarkus-app/quarkus-run.jar TRAIN_MQTT_PORT=$(free_port) TRAIN_HTTP_PORT=$(free_port) \
    env $IMAGE_ENV src/main/docker/train-aot.sh "$AOT" "$TRAIN_REQUESTS" "$JAVA25" $POD $IMAGE25_FLAGS \
    > target/image-train.log 2>&1 || { cat target/image-train.log >&2; exit 1; }
fi

: > target/image-runs.txt
for round in $(seq 1 "$ROUNDS"); do
  for name in $CONFIGS; do
    configure "$name"
    # shellcheck disable=SC2086
    start_service $envs "$java" $flags
    sleep "$IDLE"
    started=$(sed -n 's/.* started in \([0-9.]*\)s.*/\1/p' target/image-service.log | head -1)
    rss=$(awk '/^VmRSS/{print $2}' "/proc/$service/status")
    ticks=$(load "$LOAD" | sed -n 's/^TICK //p' | awk '{printf "%s%s", sep, $2; sep=","}')
    stop_service
    echo "RUN round=$round config=$name ready_ms=$ready_ms started_s=$started rss_kib=$rss ticks=$ticks" \
      | tee -a target/image-runs.txt >&2
  done
done

python3 - "$CONFIGS" <<'EOF'
import re, statistics, sys
configs = sys.argv[1].split()
runs = {c: [] for c in configs}
for line in open("target/image-runs.txt"):
    f = dict(re.findall(r"(\w+)=(\S+)", line))
    ticks = [int(t) for t in f["ticks"].split(",") if t]
    peak = statistics.median(ticks[-10:])
    at80 = next((i + 1 for i, t in enumerate(ticks) if t >= 0.8 * peak), None)
    runs[f["config"]].append((int(f["ready_ms"]), float(f["started_s"] or "nan"), int(f["rss_kib"]) / 1024,
                              peak, at80, ticks))
base = statistics.median(r[3] for r in runs[configs[0]])
print(f"| configuration | launch to ready ms | Quarkus 'started in' s | RSS idle MiB | peak rt/s | vs {configs[0]} | 80% of peak at s |")
print("|---|---|---|---|---|---|---|")
for c in configs:
    rs = runs[c]
    med = lambda i: statistics.median(r[i] for r in rs)
    print(f"| {c} | {med(0):.0f} | {med(1):.2f} | {med(2):.0f} | {med(3):.0f} | {med(3) / base:.2f}x | {med(4):.0f} |")
curves = {c: [statistics.median(col) for col in zip(*(r[5] for r in runs[c]))] for c in configs}
with open("target/image-warmup.csv", "w") as out:
    out.write("second," + ",".join(configs) + "\n")
    for s in range(max(len(v) for v in curves.values())):
        out.write(f"{s + 1}," + ",".join(f"{curves[c][s]:.0f}" if s < len(curves[c]) else "" for c in configs) + "\n")
EOF
java -cp "$classpath" io.autoresponder.bench.WarmupPlot target/image-warmup.csv target/image-warmup.png \
  "Round trips/s from ready, QoS 1, window 64 (medians of $ROUNDS starts)"
echo "warm-up curves (medians per second): target/image-warmup.csv, target/image-warmup.png"
