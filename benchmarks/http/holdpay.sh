#!/usr/bin/env bash
# Purchases per second over HTTP with a light client: wrk, one connection per thread, each connection one new buyer
# after another (a token minted beforehand, so the client spends no CPU on signatures), holding the best two seats of
# a 100,000-seat event (20 sections of 50 rows of 100) without a waiting room and paying with tok_visa. The node is
# started fresh from the jar; a 20 s warm-up run sells on one event, the measured run on another, which must not sell
# out (the script fails when any request was refused).
#   benchmarks/http/holdpay.sh embedded|distributed target/boxoffice-0.1.0-SNAPSHOT.jar [seconds, default 30] [connections, default 32]
# Needs wrk, python3 with the cryptography package, and for distributed mode the tests' PostgreSQL and Redis (the
# database is wiped). Extra node settings through NODE_ENV="NAME=value ..." and NODE_OPTS="-XX:...".
set -euo pipefail
MODE=$1
JAR=$(realpath "$2")
SECONDS_MEASURED=${3:-30}
CONNECTIONS=${4:-32}
cd "$(dirname "$0")"
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
WORK=$(mktemp -d)
export TOKENS=$WORK/tokens.txt CONNECTIONS
(cd "$WORK" && python3 "$OLDPWD/mint.py" 1 organizer ORGANIZER > organizer.txt && python3 "$OLDPWD/mint.py" 60000 buyer > tokens.txt)
wait_for() { for _ in $(seq 1 240); do curl -s -o /dev/null "$1" && return 0; sleep 0.5; done; echo "not up: $1" >&2; exit 1; }

env=(BOXOFFICE_DATA_DIR="$WORK/data" BOXOFFICE_DEMO_DATA=false BOXOFFICE_JWT_TRUSTED_ISSUER=loadgen
     BOXOFFICE_JWT_TRUSTED_PUBLIC_KEY="file:$WORK/pub.pem" BOXOFFICE_RATELIMIT_PER_IP=1000000 BOXOFFICE_RATELIMIT_PER_USER=1000000
     BOXOFFICE_RATELIMIT_PER_EVENT=1000000 BOXOFFICE_HTTP_MAX_IN_FLIGHT_PER_ADDRESS=100000)
if [ "$MODE" = distributed ]; then
  psql -q -h 127.0.0.1 -U postgres -d test -c 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;' > /dev/null 2>&1
  # BENCH_REDIS_URL points the node at another Redis (a cluster, say); BENCH_REDIS_PORTS lists the servers to empty first
  for port in ${BENCH_REDIS_PORTS:-6379}; do redis-cli -p "$port" flushall > /dev/null; done
  env+=(BOXOFFICE_DB_URL=jdbc:postgresql://127.0.0.1:5432/test BOXOFFICE_DB_USER=postgres
        BOXOFFICE_REDIS_URL="${BENCH_REDIS_URL:-redis://127.0.0.1:6379}")
fi
# shellcheck disable=SC2086
env "${env[@]}" ${NODE_ENV:-} "$JAVA" -Xmx1g ${NODE_OPTS:-} -jar "$JAR" > "$WORK/node.log" 2>&1 &
NODE=$!
trap 'kill $NODE 2> /dev/null; rm -rf "$WORK"' EXIT
wait_for http://127.0.0.1:8080/readyz

ORGANIZER=$(cat "$WORK/organizer.txt")
post() { curl -sf -X POST -H "Authorization: Bearer $ORGANIZER" -H 'Content-Type: application/json' -d "$2" "http://127.0.0.1:8080$1"; }
rows=$(seq -s, 1 50 | sed -E 's/([0-9]+)/{"label":"\1","seats":100}/g')
sections=$(for s in $(seq 1 20); do printf '{"name":"S%s","rows":[%s]},' "$s" "$rows"; done)
venue=$(post /api/v1/admin/venues "{\"name\":\"Benchmark arena\",\"sections\":[${sections%,}]}" | sed -E 's/.*"venueId":"?([0-9]+).*/\1/')
event() {
  post /api/v1/admin/events "{\"venueId\":\"$venue\",\"name\":\"Benchmark $1\",\"startsAt\":\"2099-01-01T20:00:00Z\",
    \"onSaleAt\":\"2020-01-01T00:00:00Z\",\"maxSeatsPerOrder\":4,
    \"categories\":[{\"name\":\"Standard\",\"price\":{\"amount\":\"60.00\",\"currency\":\"EUR\"},
    \"sections\":[$(seq -s, 1 20 | sed -E 's/([0-9]+)/"S\1"/g')]}],
    \"buyerLimits\":{\"seatsPerAddressPerHour\":100000,\"holdsPerBuyerPerHour\":100}}" | sed -E 's/.*"eventId":"?([0-9]+).*/\1/'
}
WARMUP_EVENT=$(event warm-up)
MEASURED_EVENT=$(event measured)
EVENT=$WARMUP_EVENT wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d20s -s holdpay.lua http://127.0.0.1:8080 > /dev/null
cpu_ticks() { awk '{print $14 + $15}' "/proc/$NODE/stat"; }
before=$(cpu_ticks)
result=$(EVENT=$MEASURED_EVENT wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d"${SECONDS_MEASURED}s" -s holdpay.lua http://127.0.0.1:8080 | grep purchases=)
after=$(cpu_ticks)
purchases=$(echo "$result" | sed -E 's/^purchases=([0-9]+) .*/\1/')
# the node's CPU time per purchase holds better than purchases/s on a shared machine (other tenants take cores)
echo "$MODE $(basename "$JAR"): $result node-cpu-ms/purchase=$(echo "scale=2; ($after - $before) * 1000 / $(getconf CLK_TCK) / $purchases" | bc)"
case $result in *" refused=0 failed=0 "*) ;; *) echo "refused or failed requests: the event sold out or the node failed; not a valid measurement" >&2; exit 1 ;; esac
