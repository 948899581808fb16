#!/usr/bin/env bash
# The flash sale against fresh nodes started from the built jar: one embedded node, or N distributed nodes on the
# tests' PostgreSQL and Redis (wiped), each at -Xmx1g; heap used is sampled every 2 s from each node's Prometheus
# endpoint; Gatling spreads its users over the nodes. Prints the run's summary (with the database check) and the
# largest heap seen.
#   loadtest/flash-sale.sh embedded|distributed [nodes] -Dusers=… -DrampSeconds=… (any FlashSaleSimulation setting)
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:?usage: loadtest/flash-sale.sh embedded|distributed [nodes] -D...}; shift
NODES=1
if [[ ${1:-} =~ ^[0-9]+$ ]]; then NODES=$1; shift; fi
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAR=$(ls target/boxoffice-*.jar | head -1)
KEYS=$PWD/loadtest/target/loadgen-keys
OUT=$PWD/loadtest/target/flash-sale-$(date +%Y%m%d-%H%M%S)
mkdir -p "$KEYS" "$OUT"
if [ ! -f "$KEYS/public.pem" ]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/private.pem" 2> /dev/null
  openssl pkey -in "$KEYS/private.pem" -pubout -out "$KEYS/public.pem"
fi
env=(BOXOFFICE_DEMO_DATA=false BOXOFFICE_JWT_TRUSTED_ISSUER=loadgen BOXOFFICE_JWT_TRUSTED_PUBLIC_KEY="file:$KEYS/public.pem"
     BOXOFFICE_RATELIMIT_PER_IP=1000000 BOXOFFICE_HTTP_MAX_IN_FLIGHT_PER_ADDRESS=100000
     BOXOFFICE_RECOVERY_INTERVAL=5s BOXOFFICE_RECOVERY_AFTER=30s)
if [ "$MODE" = distributed ]; then
  psql -q -h 127.0.0.1 -U postgres -d test -c 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;' > /dev/null 2>&1
  redis-cli -p 6379 flushall > /dev/null
  env+=(BOXOFFICE_DB_URL=jdbc:postgresql://127.0.0.1:5432/test BOXOFFICE_DB_USER=postgres BOXOFFICE_REDIS_URL=redis://127.0.0.1:6379)
  DB=(-Ddb.url=jdbc:postgresql://127.0.0.1:5432/test -Ddb.user=postgres)
else
  [ "$NODES" = 1 ] || { echo "embedded mode runs one node" >&2; exit 1; }
  H2="jdbc:h2:file:$OUT/data/boxoffice;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;QUERY_CACHE_SIZE=128;AUTO_SERVER=TRUE"
  env+=(BOXOFFICE_DB_URL="$H2" BOXOFFICE_DB_USER=sa)
  DB=(-Ddb.url="$H2" -Ddb.user=sa)
fi
PIDS=(); URLS=()
for i in $(seq 0 $((NODES - 1))); do
  env "${env[@]}" BOXOFFICE_DATA_DIR="$OUT/data" SERVER_PORT=$((8080 + i)) BOXOFFICE_MANAGEMENT_PORT=$((9090 + i)) \
      "$JAVA_HOME/bin/java" -Xmx1g -XX:+ExitOnOutOfMemoryError -jar "$JAR" > "$OUT/node-$i.log" 2>&1 &
  PIDS+=($!); URLS+=("http://127.0.0.1:$((8080 + i))")
  for _ in $(seq 1 240); do curl -s -o /dev/null "http://127.0.0.1:$((8080 + i))/readyz" && break; sleep 0.5; done
done
( while true; do
    for i in $(seq 0 $((NODES - 1))); do
      curl -s "http://127.0.0.1:$((9090 + i))/actuator/prometheus" | awk -v n=$i '/^jvm_memory_used_bytes/ && /area="heap"/ {s+=$NF} END {print n, s+0}'
    done
    sleep 2
  done ) > "$OUT/heap.txt" 2> /dev/null &
SAMPLER=$!
# the generator's shared connections grow with the node's latency; 20,000 descriptors ran out in the 500,000-user run
ulimit -n 200000 2> /dev/null || echo "could not raise the open-file limit (now $(ulimit -n)); the generator may run out" >&2
./mvnw -B -q -f loadtest/pom.xml gatling:test -Dsimulation=org.boxoffice.loadtest.FlashSaleSimulation -Dkeys="$KEYS" \
    -Dresults="$OUT" -DbaseUrl="$(IFS=,; echo "${URLS[*]}")" "${DB[@]}" "$@" 2>&1 | tee "$OUT/gatling.log" | grep -v '^\s*$' | tail -40 || true
kill $SAMPLER 2> /dev/null || true
for pid in "${PIDS[@]}"; do kill "$pid" 2> /dev/null || true; done
wait 2> /dev/null || true
echo "largest heap used per node (MiB): $(awk '{if ($2 > m[$1]) m[$1] = $2} END {for (n in m) printf "node %s %d  ", n, m[n] / 1048576}' "$OUT/heap.txt")"
echo "summary: $OUT/summary.json"; cat "$OUT/summary.json"
