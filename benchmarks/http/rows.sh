#!/usr/bin/env bash
# The embedded rows of the performance table, three rounds, medians: failed holds (the bare Spring Boot app measured in
# each round too, for the ratio), GET /api/v1/events/{id}, and the static /queue.css. wrk, 2 threads, 32 connections,
# 15 s per measurement after one warm-up of each endpoint; the node keeps running across rounds (warm JIT), the bare
# app starts fresh each round with its own 10 s warm-up.
#   benchmarks/http/rows.sh target/boxoffice-0.1.0-SNAPSHOT.jar
set -euo pipefail
JAR=$(realpath "$1")
cd "$(dirname "$0")"
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
WORK=$(mktemp -d)
export TOKENS=$WORK/tokens.txt
(cd "$WORK" && python3 "$OLDPWD/mint.py" 2000 > tokens.txt)
[ -f ../bare-app/target/bare-app-1.jar ] || (cd ../bare-app && ../../mvnw -B -q package -DskipTests)
wait_for() { for _ in $(seq 1 240); do curl -s -o /dev/null "$1" && return 0; sleep 0.5; done; echo "not up: $1" >&2; exit 1; }
rate() { # seconds url script [env...] -> "requests/s p99"
  local seconds=$1 url=$2 script=$3; shift 3
  env "$@" wrk -t2 -c32 -d"${seconds}s" -s "$script" "$url" | awk '/Requests\/sec/ {r=$2} /p99=/ {split($2, a, "="); p=a[2]} END {print r, p}'
}

BOXOFFICE_DATA_DIR="$WORK/data" BOXOFFICE_DEMO_DATA=true BOXOFFICE_JWT_TRUSTED_ISSUER=loadgen \
BOXOFFICE_JWT_TRUSTED_PUBLIC_KEY="file:$WORK/pub.pem" BOXOFFICE_RATELIMIT_PER_IP=1000000 BOXOFFICE_RATELIMIT_PER_USER=1000000 \
BOXOFFICE_RATELIMIT_PER_EVENT=1000000 BOXOFFICE_HTTP_MAX_IN_FLIGHT_PER_ADDRESS=100000 BOXOFFICE_LIMITS_HOLDS_PER_BUYER_PER_HOUR=1000000 \
    "$JAVA" -Xmx1g -jar "$JAR" > "$WORK/node.log" 2>&1 &
NODE=$!
wait_for http://127.0.0.1:8080/api/v1/events/1
curl -s -o /dev/null -X POST -H "Authorization: Bearer $(head -1 "$TOKENS")" -H 'Content-Type: application/json' \
     -d '{"seatIds":["1"]}' http://127.0.0.1:8080/api/v1/events/1/holds
rate 20 http://127.0.0.1:8080 failhold.lua > /dev/null
rate 10 http://127.0.0.1:8080 get.lua PATHX=/api/v1/events/1 > /dev/null
rate 10 http://127.0.0.1:8080 get.lua PATHX=/queue.css > /dev/null

printf '%-6s %-22s %-22s %-22s %-22s\n' round bare-409/s,p99 failed-holds/s,p99 event-read/s,p99 queue.css/s,p99
for round in 1 2 3; do
  "$JAVA" -Xmx1g -jar ../bare-app/target/bare-app-1.jar --server.port=8081 > "$WORK/bare.log" 2>&1 &
  BARE=$!
  wait_for http://127.0.0.1:8081/
  rate 10 http://127.0.0.1:8081 failhold.lua > /dev/null
  bare=$(rate 15 http://127.0.0.1:8081 failhold.lua)
  kill $BARE; wait $BARE 2> /dev/null || true
  printf '%-6s %-22s %-22s %-22s %-22s\n' "$round" "$bare" "$(rate 15 http://127.0.0.1:8080 failhold.lua)" \
      "$(rate 15 http://127.0.0.1:8080 get.lua PATHX=/api/v1/events/1)" "$(rate 15 http://127.0.0.1:8080 get.lua PATHX=/queue.css)"
done
kill $NODE; wait $NODE 2> /dev/null || true
rm -rf "$WORK"
