#!/usr/bin/env bash
# Runs the round-trip benchmark client against any MQTT auto-responder:
#   bench/run.sh --host 127.0.0.1 --port 1883 --qos 1 --window 64 --connections 1 --payload-bytes 64 \
#                --warmup 3 --duration 10 [--mqtt 3|5]
# Prints one line: RESULT {json}. Exit code 1 when a request was lost or answered twice.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f target/bench.classpath ] || [ ! -d target/test-classes/io/autoresponder/bench ]; then
  ./mvnw -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath >&2
fi
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.autoresponder.bench.RoundTripBenchmark "$@"
