#!/usr/bin/env bash
# The measurement behind the embedded broker's store (docs/broker-persistence.md): per QoS 1 message of a
# persistent session (stored when queued, removed when acknowledged) and recovery of 100,000 queued messages, for an
# append-only journal, H2 MVStore and SQLite, each written to the operating system (kill -9 safe) and forced to
# the device (power-cut safe).
#   ROUNDS=3 MESSAGES=20000 SYNCED=500 RECOVERY=100000 PAYLOAD=256 DIR=target/store-choice bench/store-choice.sh
# DIR should be on the disk the broker's persistence directory will use: fsync costs are the device's.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
MESSAGES=${MESSAGES:-20000}
SYNCED=${SYNCED:-500}
RECOVERY=${RECOVERY:-100000}
PAYLOAD=${PAYLOAD:-256}
DIR=${DIR:-target/store-choice}
project=bench/store-choice
./mvnw -q -B -f "$project/pom.xml" package dependency:build-classpath -Dmdep.outputFile=target/classpath >&2
java -cp "$project/target/classes:$(cat "$project/target/classpath")" io.autoresponder.bench.store.StoreChoice \
  "$DIR" "$ROUNDS" "$MESSAGES" "$SYNCED" "$RECOVERY" "$PAYLOAD"
