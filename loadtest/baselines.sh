#!/usr/bin/env bash
# The seed design's three locking options against Boxoffice's live inventory, over HTTP, in one run: for each
# inventory strategy a fresh node is started from the built jar (BOXOFFICE_INVENTORY_STRATEGY), then the same two
# Gatling scenarios run against it (32 buyers holding the best two seats and paying; 32 users sending holds for a
# seat another buyer holds), and the ratios to the live inventory measured in this run are printed.
#   loadtest/baselines.sh embedded|distributed [seconds per scenario, default 30] [warm-up seconds, default 20]
# Each node first runs both scenarios unmeasured for the warm-up time (JIT compilation, connection pools).
# Needs the built jar (./mvnw package -DskipTests), openssl, and for distributed mode the PostgreSQL and Redis of the
# tests at 127.0.0.1 (their database is wiped). Results: loadtest/target/baselines-<time>/ (Gatling reports, table).
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:?usage: loadtest/baselines.sh embedded|distributed [seconds]}
SECONDS_EACH=${2:-30}
WARMUP_SECONDS=${3:-20}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAR=$(ls target/boxoffice-*.jar | head -1)
KEYS=$PWD/loadtest/target/loadgen-keys
OUT=$PWD/loadtest/target/baselines-$(date +%Y%m%d-%H%M%S)
mkdir -p "$KEYS" "$OUT"
if [ ! -f "$KEYS/public.pem" ]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/private.pem" 2> /dev/null
  openssl pkey -in "$KEYS/private.pem" -pubout -out "$KEYS/public.pem"
fi
STRATEGIES=(live seed-for-update seed-optimistic)
[ "$MODE" = distributed ] && STRATEGIES+=(seed-set-nx)

gatling() { # seconds log simulation [extra -D...]
  local seconds=$1 log=$2 simulation=$3; shift 3
  ./mvnw -B -q -f loadtest/pom.xml gatling:test -Dsimulation="org.boxoffice.loadtest.$simulation" -Dseconds="$seconds" \
      -Dkeys="$KEYS" "$@" > "$log" 2>&1 || true # a KO share above Gatling's assertion still leaves numbers to read
}
field() { # log label column(2=total,4=ko)
  grep -E "^> $2 +\|" "$1" | tail -1 | awk -F'|' -v c="$3" '{gsub(/[ ,]/, "", $c); print $c}'
}

printf '%-16s %12s %10s %8s %14s %10s\n' strategy purchases/s p99-ms KO failed-holds/s p99-ms | tee "$OUT/table.txt"
for STRATEGY in "${STRATEGIES[@]}"; do
  env=(BOXOFFICE_DATA_DIR="$OUT/data-$STRATEGY" BOXOFFICE_DEMO_DATA=false BOXOFFICE_INVENTORY_STRATEGY="$STRATEGY"
       BOXOFFICE_JWT_TRUSTED_ISSUER=loadgen BOXOFFICE_JWT_TRUSTED_PUBLIC_KEY="file:$KEYS/public.pem"
       BOXOFFICE_RATELIMIT_PER_IP=1000000 BOXOFFICE_RATELIMIT_PER_USER=1000000 BOXOFFICE_RATELIMIT_PER_EVENT=1000000
       BOXOFFICE_HTTP_MAX_IN_FLIGHT_PER_ADDRESS=100000)
  if [ "$MODE" = distributed ]; then
    psql -q -h 127.0.0.1 -U postgres -d test -c 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;' > /dev/null 2>&1
    redis-cli -p 6379 flushall > /dev/null
    env+=(BOXOFFICE_DB_URL=jdbc:postgresql://127.0.0.1:5432/test BOXOFFICE_DB_USER=postgres BOXOFFICE_REDIS_URL=redis://127.0.0.1:6379)
  fi
  env "${env[@]}" "$JAVA_HOME/bin/java" -Xmx1g -jar "$JAR" > "$OUT/node-$STRATEGY.log" 2>&1 &
  NODE=$!
  for _ in $(seq 1 120); do curl -s -o /dev/null http://127.0.0.1:8080/api/v1/events && break; sleep 0.5; done
  gatling "$WARMUP_SECONDS" "$OUT/warmup-holdpay-$STRATEGY.log" HoldAndPaySimulation
  gatling "$WARMUP_SECONDS" "$OUT/warmup-failedholds-$STRATEGY.log" EndpointSimulation -Dendpoint=failed-holds
  gatling "$SECONDS_EACH" "$OUT/holdpay-$STRATEGY.log" HoldAndPaySimulation
  gatling "$SECONDS_EACH" "$OUT/failedholds-$STRATEGY.log" EndpointSimulation -Dendpoint=failed-holds
  kill $NODE; wait $NODE 2> /dev/null || true
  pays=$(field "$OUT/holdpay-$STRATEGY.log" pay 2)
  printf '%-16s %12s %10s %8s %14s %10s\n' "$STRATEGY" "$(echo "scale=1; ${pays:-0} / $SECONDS_EACH" | bc)" \
      "$(field "$OUT/holdpay-$STRATEGY.log" 'response time 99th percentile \(ms\)' 2)" "$(field "$OUT/holdpay-$STRATEGY.log" 'request count' 4)" \
      "$(field "$OUT/failedholds-$STRATEGY.log" 'mean throughput \(rps\)' 2)" \
      "$(field "$OUT/failedholds-$STRATEGY.log" 'response time 99th percentile \(ms\)' 2)" | tee -a "$OUT/table.txt"
done
# ratios: the live inventory over each baseline (how many times faster), purchases and failed holds
awk 'NR==2 {p=$2; f=$5} NR>2 && $2>0 && $5>0 {printf "live / %-16s purchases %.1fx, failed holds %.1fx\n", $1, p/$2, f/$5}' "$OUT/table.txt" \
    | tee -a "$OUT/table.txt"
echo "Reports and node logs: $OUT"
