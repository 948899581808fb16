#!/usr/bin/env bash
# Joining the waiting room (POST /api/v1/events/{id}/queue, into the pre-queue: proof-of-work check, the queue, and
# since the fairness work the entry's HMAC key and a signed receipt), jars alternated in one session, embedded mode:
#   benchmarks/http/joins.sh OLD.jar NEW.jar [rounds]
# Each round starts the jar on a fresh data folder, prepares 30,000 joins (a solved proof of work per user, not
# timed), then wrk (2 threads, $CONNECTIONS connections, 256 unless set) posts them for 6 s after a 2 s warm-up; each join is sent once.
# Prints joins/s (answers 202), p50/p99 and the other answers.
set -euo pipefail
OLD=$(realpath "$1"); NEW=$(realpath "$2"); ROUNDS=${3:-2}
# many connections: a sale's arrivals do not wait for each other, so the node must be saturated whatever each join's latency
CONNECTIONS=${CONNECTIONS:-256}
cd "$(dirname "$0")"
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
WORK=$(mktemp -d)
trap 'kill $NODE 2> /dev/null; rm -rf "$WORK"' EXIT
NODE=
(cd "$WORK" && python3 "$OLDPWD/mint.py" 1 organizer ORGANIZER > organizer.txt && python3 "$OLDPWD/mint.py" 30000 > tokens.txt)
wait_for() { for _ in $(seq 1 240); do curl -s -o /dev/null "$1" && return 0; sleep 0.5; done; echo "not up: $1" >&2; exit 1; }
run() { # jar -> "joins/s p50 p99 other-answers"
  rm -rf "$WORK/data"
  BOXOFFICE_DATA_DIR="$WORK/data" BOXOFFICE_DEMO_DATA=false BOXOFFICE_JWT_TRUSTED_ISSUER=loadgen \
    BOXOFFICE_JWT_TRUSTED_PUBLIC_KEY="file:$WORK/pub.pem" BOXOFFICE_RATELIMIT_PER_IP=1000000 BOXOFFICE_RATELIMIT_PER_USER=1000000 \
    BOXOFFICE_RATELIMIT_PER_EVENT=1000000 BOXOFFICE_HTTP_MAX_IN_FLIGHT_PER_ADDRESS=100000 \
    "$JAVA" -Xmx1g -jar "$1" > "$WORK/node.log" 2>&1 &
  NODE=$!
  wait_for http://127.0.0.1:8080/readyz
  local organizer; organizer=$(cat "$WORK/organizer.txt")
  post() { curl -sf -X POST -H "Authorization: Bearer $organizer" -H 'Content-Type: application/json' -d "$2" "http://127.0.0.1:8080$1"; }
  local rows sections venue event onsale
  rows=$(seq -s, 1 10 | sed -E 's/([0-9]+)/{"label":"\1","seats":50}/g')
  sections=$(printf '{"name":"S1","rows":[%s]}' "$rows")
  venue=$(post /api/v1/admin/venues "{\"name\":\"Benchmark hall\",\"sections\":[$sections]}" | sed -E 's/.*"venueId":"?([0-9]+).*/\1/')
  onsale=$(date -u -d '+1 hour' +%Y-%m-%dT%H:%M:%SZ)
  event=$(post /api/v1/admin/events "{\"venueId\":\"$venue\",\"name\":\"Benchmark queue\",\"startsAt\":\"2099-01-01T20:00:00Z\",
      \"onSaleAt\":\"$onsale\",\"categories\":[{\"name\":\"Standard\",\"price\":{\"amount\":\"60.00\",\"currency\":\"EUR\"},
      \"sections\":[\"S1\"]}],\"waitingRoom\":{\"enabled\":true,\"admitPerMinute\":60,\"maxActiveUsers\":10,\"prequeueMinutes\":120,
      \"proofOfWorkMaxNumber\":20}}" | sed -E 's/.*"eventId":"?([0-9]+).*/\1/')
  python3 prepare_joins.py http://127.0.0.1:8080 "$event" "$WORK/tokens.txt" > "$WORK/joins.txt"
  # warm-up on the last 10% of the lines, then the measurement on the rest from the start
  tail -n 3000 "$WORK/joins.txt" > "$WORK/warm.txt"
  JOINS="$WORK/warm.txt" PATHX=/api/v1/events/$event/queue wrk -t2 -c"$CONNECTIONS" -d2s -s joinpost.lua http://127.0.0.1:8080 > /dev/null
  head -n 27000 "$WORK/joins.txt" > "$WORK/measure.txt"
  JOINS="$WORK/measure.txt" PATHX=/api/v1/events/$event/queue wrk -t2 -c"$CONNECTIONS" -d6s -s joinpost.lua http://127.0.0.1:8080 \
    | awk '/p99=/ {split($1, a, "="); split($2, b, "="); ok=0; other="";
           for (f = 3; f <= NF; f++) { split($f, s, ":"); if (s[1] == "202") ok = s[2]; else other = other $f " " }
           printf "%.0f %s %s %s\n", ok / 6, a[2], b[2], other}'
  kill $NODE; wait $NODE 2> /dev/null || true
}
printf '%-6s %-40s %-40s\n' round "old: joins/s p50 p99" "new: joins/s p50 p99"
for round in $(seq 1 "$ROUNDS"); do
  printf '%-6s %-40s %-40s\n' "$round" "$(run "$OLD")" "$(run "$NEW")"
done
