#!/bin/sh
# Trains a Java 25 AOT cache for the service: runs it with -XX:AOTCacheOutput, sends it QoS 1 requests through the
# embedded broker for a while with the Mosquitto command-line clients (one publisher, one subscriber for the
# replies), then stops it; the JVM writes the cache (loaded classes, linked call sites and the method profiles of
# the request path) as it exits. Used by Dockerfile.jvm at image build time and by bench/image.sh.
#
#   train-aot.sh CACHE REQUESTS JAVA [JVM flags...]
#
# The flags must be those the cache is used with later (GC, heap sizing, object headers), and the jar must sit at
# the same path: the JVM refuses (and ignores, with a warning) a cache made under other conditions.
# Needs mosquitto_pub and mosquitto_sub. The ports: MQTT 41883 and HTTP 48080 unless TRAIN_MQTT_PORT/TRAIN_HTTP_PORT.
set -eu
cache=$1; requests=$2; shift 2
mqtt_port=${TRAIN_MQTT_PORT:-41883}
http_port=${TRAIN_HTTP_PORT:-48080}
jar=${TRAIN_JAR:-quarkus-run.jar}

"$@" -XX:AOTCacheOutput="$cache" -Dautoresponder.broker.port="$mqtt_port" -Dquarkus.http.port="$http_port" \
  -jar "$jar" &
service=$!
ready=false
for _ in $(seq 1 300); do
  if mosquitto_pub -p "$mqtt_port" -t aot/training/ready -m ready --quiet 2>/dev/null; then ready=true; break; fi
  sleep 0.1
done
if [ "$ready" != true ]; then
  echo "train-aot: the service did not start" >&2
  kill "$service" 2>/dev/null || true
  exit 1
fi

# The replies are read so the reply path (encode, deliver, acknowledge) is trained too; the subscriber stops after
# the last reply or after 120 s, whichever comes first.
mosquitto_sub -p "$mqtt_port" -t other -q 1 -C "$requests" -W 120 > /dev/null &
replies=$!
sleep 0.5
seq 1 "$requests" | sed 's/.*/{"talk":"aot training","name":"train","id":"train","seq":&}/' \
  | mosquitto_pub -p "$mqtt_port" -t test -q 1 -l
wait "$replies" || echo "train-aot: not every reply arrived within 120 s; the cache is written anyway" >&2

kill -TERM "$service"
wait "$service" || true
if [ ! -s "$cache" ]; then
  echo "train-aot: no AOT cache written at $cache" >&2
  exit 1
fi
echo "train-aot: wrote $cache ($(wc -c < "$cache") bytes) after $requests requests"
