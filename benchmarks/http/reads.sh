#!/usr/bin/env bash
# The read rows of the performance table in either mode, three rounds, medians: GET /api/v1/events/{id}/queue/me of
# 2,000 buyers waiting in an event's waiting room (each joined with a solved proof of work, the admission rate set so
# low that all keep waiting) and GET /api/v1/events/{id}, against the bare Spring Boot app's 409 measured in each round.
# wrk, 2 threads, 32 connections, 15 s per measurement after a warm-up of each; the node keeps running across rounds.
#   benchmarks/http/reads.sh embedded|distributed target/boxoffice-0.1.0-SNAPSHOT.jar
# Distributed mode wipes the tests' PostgreSQL database and Redis.
set -euo pipefail
MODE=$1
JAR=$(realpath "$2")
cd "$(dirname "$0")"
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
WORK=$(mktemp -d)
export TOKENS=$WORK/tokens.txt
(cd "$WORK" && python3 "$OLDPWD/mint.py" 1 organizer ORGANIZER > organizer.txt && python3 "$OLDPWD/mint.py" 2000 > tokens.txt)
[ -f ../bare-app/target/bare-app-1.jar ] || (cd ../bare-app && ../../mvnw -B -q package -DskipTests)
wait_for() { for _ in $(seq 1 240); do curl -s -o /dev/null "$1" && return 0; sleep 0.5; done; echo "not up: $1" >&2; exit 1; }
rate() { # seconds url script [env...] -> "requests/s p99 non-2xx"
  local seconds=$1 url=$2 script=$3; shift 3
  env "$@" wrk -t2 -c32 -d"${seconds}s" -s "$script" "$url" \
      | awk '/Requests\/sec/ {r=$2} /p99=/ {split($2, a, "="); p=a[2]} /Non-2xx/ {e=$NF} END {print r, p, (e == "" ? 0 : e) "-non2xx"}'
}
env=(BOXOFFICE_DATA_DIR="$WORK/data" BOXOFFICE_DEMO_DATA=false BOXOFFICE_JWT_TRUSTED_ISSUER=loadgen
     BOXOFFICE_JWT_TRUSTED_PUBLIC_KEY="file:$WORK/pub.pem" BOXOFFICE_RATELIMIT_PER_IP=1000000 BOXOFFICE_RATELIMIT_PER_USER=1000000
     BOXOFFICE_RATELIMIT_PER_EVENT=1000000 BOXOFFICE_HTTP_MAX_IN_FLIGHT_PER_ADDRESS=100000)
if [ "$MODE" = distributed ]; then
  psql -q -h 127.0.0.1 -U postgres -d test -c 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;' > /dev/null 2>&1
  redis-cli -p 6379 flushall > /dev/null
  env+=(BOXOFFICE_DB_URL=jdbc:postgresql://127.0.0.1:5432/test BOXOFFICE_DB_USER=postgres BOXOFFICE_REDIS_URL=redis://127.0.0.1:6379)
fi
env "${env[@]}" "$JAVA" -Xmx1g -jar "$JAR" > "$WORK/node.log" 2>&1 &
NODE=$!
trap 'kill $NODE 2> /dev/null; rm -rf "$WORK"' EXIT
wait_for http://127.0.0.1:8080/readyz

ORGANIZER=$(cat "$WORK/organizer.txt")
post() { curl -sf -X POST -H "Authorization: Bearer $ORGANIZER" -H 'Content-Type: application/json' -d "$2" "http://127.0.0.1:8080$1"; }
rows=$(seq -s, 1 50 | sed -E 's/([0-9]+)/{"label":"\1","seats":50}/g')
sections=$(for s in 1 2 3 4; do printf '{"name":"S%s","rows":[%s]},' "$s" "$rows"; done)
venue=$(post /api/v1/admin/venues "{\"name\":\"Benchmark hall\",\"sections\":[${sections%,}]}" | sed -E 's/.*"venueId":"?([0-9]+).*/\1/')
EVENT=$(post /api/v1/admin/events "{\"venueId\":\"$venue\",\"name\":\"Benchmark queue\",\"startsAt\":\"2099-01-01T20:00:00Z\",
    \"onSaleAt\":\"2020-01-01T00:00:00Z\",\"categories\":[{\"name\":\"Standard\",\"price\":{\"amount\":\"60.00\",\"currency\":\"EUR\"},
    \"sections\":[\"S1\",\"S2\",\"S3\",\"S4\"]}],
    \"waitingRoom\":{\"enabled\":true,\"admitPerMinute\":1,\"maxActiveUsers\":1,\"prequeueMinutes\":0,\"proofOfWorkMaxNumber\":50}}" \
    | sed -E 's/.*"eventId":"?([0-9]+).*/\1/')
python3 join.py http://127.0.0.1:8080 "$EVENT" "$TOKENS"
QUEUE=(get.lua AUTH=1 PATHX=/api/v1/events/$EVENT/queue/me)
rate 20 http://127.0.0.1:8080 "${QUEUE[@]}" > /dev/null
rate 10 http://127.0.0.1:8080 get.lua PATHX=/api/v1/events/$EVENT > /dev/null

printf '%-6s %-30s %-30s %-30s\n' round bare-409/s,p99 queue-me/s,p99 event-read/s,p99
for round in 1 2 3; do
  "$JAVA" -Xmx1g -jar ../bare-app/target/bare-app-1.jar --server.port=8081 > "$WORK/bare.log" 2>&1 &
  BARE=$!
  wait_for http://127.0.0.1:8081/
  rate 10 http://127.0.0.1:8081 failhold.lua > /dev/null
  bare=$(rate 15 http://127.0.0.1:8081 failhold.lua)
  kill $BARE; wait $BARE 2> /dev/null || true
  printf '%-6s %-30s %-30s %-30s\n' "$round" "$bare" "$(rate 15 http://127.0.0.1:8080 "${QUEUE[@]}")" \
      "$(rate 15 http://127.0.0.1:8080 get.lua PATHX=/api/v1/events/$EVENT)"
done
