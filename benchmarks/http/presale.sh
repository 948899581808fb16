#!/usr/bin/env bash
# The event page before its on-sale, when fans refresh it waiting for the sale to open: GET /api/v1/events/2 (the demo's
# "Stadium Night", on sale in a week) on a fresh embedded node per jar given, in one run, so that jars compare on a noisy
# machine. wrk, 2 threads, 32 connections, 10 s warm-up, then 15 s measured.
#   benchmarks/http/presale.sh before.jar target/boxoffice-0.1.0-SNAPSHOT.jar [more jars...]
set -euo pipefail
cd "$(dirname "$0")"
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
touch "$WORK/tokens.txt"
export TOKENS=$WORK/tokens.txt PATHX=/api/v1/events/2
for JAR in "$@"; do
  BOXOFFICE_DATA_DIR="$WORK/data-$RANDOM" BOXOFFICE_RATELIMIT_PER_IP=1000000 BOXOFFICE_HTTP_MAX_IN_FLIGHT_PER_ADDRESS=100000 \
      "$JAVA" -Xmx1g -jar "$JAR" > "$WORK/node.log" 2>&1 &
  NODE=$!
  for _ in $(seq 1 120); do curl -sf -o /dev/null http://127.0.0.1:8080/readyz && break; sleep 0.5; done
  wrk -t2 -c32 -d10s -s get.lua http://127.0.0.1:8080 > /dev/null
  echo "$(basename "$JAR") $(wrk -t2 -c32 -d15s -s get.lua http://127.0.0.1:8080 | grep -E 'Requests/sec|p50|Non-2xx' | tr -s ' \n' ' ')"
  kill $NODE; wait $NODE 2> /dev/null || true
done
