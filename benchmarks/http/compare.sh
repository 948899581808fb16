#!/usr/bin/env bash
# Failed hold attempts (the seat is taken) per second and their latency: the bare Spring Boot app of
# ../bare-app first, then each Boxoffice jar given, in one run, so that the ratios hold on a noisy machine.
#   benchmarks/http/compare.sh embedded|distributed target/boxoffice-0.1.0-SNAPSHOT.jar [more jars...]
#   NODE_OPTS="-XX:..." adds JVM options to every Boxoffice node (a JFR recording, say).
# Needs wrk, python3 with the cryptography package (to mint tokens), and for distributed mode the PostgreSQL and
# Redis of the tests (its database is wiped). Each measurement: 25 s warm-up, then 15 s measured, 32 connections.
set -euo pipefail
cd "$(dirname "$0")"
MODE=$1; shift
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
WORK=$(mktemp -d)
export TOKENS=$WORK/tokens.txt
(cd "$WORK" && python3 "$OLDPWD/mint.py" 2000 > tokens.txt)
[ -f ../bare-app/target/bare-app-1.jar ] || (cd ../bare-app && ../../mvnw -B -q package -DskipTests)

measure() { # url label
  wrk -t2 -c32 -d25s -s failhold.lua "$1" > /dev/null
  echo "$2 $(wrk -t2 -c32 -d15s -s failhold.lua "$1" | grep -E 'Requests/sec|p50|Non-2xx' | tr -s ' \n' ' ')"
}
wait_for() { for _ in $(seq 1 120); do curl -s -o /dev/null "$1" && return 0; sleep 0.5; done; echo "not up: $1" >&2; exit 1; }

"$JAVA" -Xmx1g -jar ../bare-app/target/bare-app-1.jar --server.port=8081 > "$WORK/bare.log" 2>&1 &
BARE=$!
wait_for http://127.0.0.1:8081/
measure http://127.0.0.1:8081 "bare-app"
kill $BARE; wait $BARE 2>/dev/null || true

for JAR in "$@"; do
  env=(BOXOFFICE_DATA_DIR="$WORK/data-$RANDOM" BOXOFFICE_DEMO_DATA=true
       BOXOFFICE_JWT_TRUSTED_ISSUER=loadgen BOXOFFICE_JWT_TRUSTED_PUBLIC_KEY="file:$WORK/pub.pem"
       BOXOFFICE_RATELIMIT_PER_IP=1000000 BOXOFFICE_RATELIMIT_PER_USER=1000000 BOXOFFICE_RATELIMIT_PER_EVENT=1000000
       BOXOFFICE_HTTP_MAX_IN_FLIGHT_PER_ADDRESS=100000 BOXOFFICE_LIMITS_HOLDS_PER_BUYER_PER_HOUR=1000000)
  if [ "$MODE" = distributed ]; then
    psql -q -h 127.0.0.1 -U postgres -d test -c 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;' > /dev/null 2>&1
    redis-cli -p 6379 flushall > /dev/null
    env+=(BOXOFFICE_DB_URL=jdbc:postgresql://127.0.0.1:5432/test BOXOFFICE_DB_USER=postgres BOXOFFICE_REDIS_URL=redis://127.0.0.1:6379)
  fi
  env "${env[@]}" "$JAVA" -Xmx1g ${NODE_OPTS:-} -jar "$JAR" > "$WORK/node.log" 2>&1 &
  NODE=$!
  wait_for http://127.0.0.1:8080/api/v1/events/1
  # one buyer holds seat 1; every measured attempt asks for it again
  curl -s -o /dev/null -X POST -H "Authorization: Bearer $(head -1 "$TOKENS")" -H 'Content-Type: application/json' \
       -d '{"seatIds":["1"]}' http://127.0.0.1:8080/api/v1/events/1/holds
  measure http://127.0.0.1:8080 "$(basename "$JAR") $MODE"
  kill $NODE; wait $NODE 2>/dev/null || true
done
