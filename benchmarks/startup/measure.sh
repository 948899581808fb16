#!/usr/bin/env bash
# Start-to-ready of a distributed node without demo data (PostgreSQL and Redis of the tests at 127.0.0.1), four ways,
# three times each, medians printed: the executable jar as built; the extracted jar (java -Djarmode=tools … extract);
# the extracted jar with a JDK AOT cache (JEP 483/514/515, JDK 25) made by a training run that stops once the
# application context has refreshed (-Dspring.context.exit=onRefresh); and that with Spring's ahead-of-time bean
# definitions as well (-Dspring.aot.enabled=true, with a cache trained the same way). Ready = /readyz answers 200.
# Then the bare Spring Boot app of ../bare-app from its jar, in the same run: ready = it answers a request.
#   benchmarks/startup/measure.sh [target/boxoffice-0.1.0-SNAPSHOT.jar]
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=${1:-$(ls target/boxoffice-*.jar | head -1)}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
WORK=$(mktemp -d)
export BOXOFFICE_DB_URL=jdbc:postgresql://127.0.0.1:5432/test BOXOFFICE_DB_USER=postgres BOXOFFICE_REDIS_URL=redis://127.0.0.1:6379 \
       BOXOFFICE_DEMO_DATA=false BOXOFFICE_DATA_DIR="$WORK/data"

"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" > /dev/null
EXTRACTED="$WORK/app/$(basename "$JAR")"
"$JAVA" -XX:AOTCacheOutput="$WORK/app.aot" -Dspring.context.exit=onRefresh -jar "$EXTRACTED" > "$WORK/training.log" 2>&1 || true
[ -s "$WORK/app.aot" ] || { echo "no AOT cache was written; see $WORK/training.log" >&2; exit 1; }
"$JAVA" -Dspring.aot.enabled=true -XX:AOTCacheOutput="$WORK/spring-aot.aot" -Dspring.context.exit=onRefresh -jar "$EXTRACTED" \
    > "$WORK/training-spring-aot.log" 2>&1 || true
[ -s "$WORK/spring-aot.aot" ] || { echo "no AOT cache was written; see $WORK/training-spring-aot.log" >&2; exit 1; }
BARE=benchmarks/bare-app/target/bare-app-1.jar
[ -f "$BARE" ] || (cd benchmarks/bare-app && ../../mvnw -B -q package -DskipTests)

ready_ms() { # java arguments...
  local start=$(date +%s%N)
  "$JAVA" -Xmx1g "$@" > "$WORK/node.log" 2>&1 &
  local node=$!
  until answers; do
    kill -0 $node 2> /dev/null || { echo "node died; see $WORK/node.log" >&2; exit 1; }
    sleep 0.05
  done
  echo $(( ($(date +%s%N) - start) / 1000000 ))
  kill $node; wait $node 2> /dev/null || true
}
answers() {
  if [ "$way" = bare ]; then # any answer of its one endpoint (409) means it serves
    [ "$(curl -s -o /dev/null -w '%{http_code}' -XPOST -H 'content-type: application/json' -d '{"seatIds":["1"]}' \
        http://127.0.0.1:8080/api/v1/events/1/holds)" = 409 ]
  else
    curl -sf -o /dev/null http://127.0.0.1:8080/readyz
  fi
}
median() { printf '%s\n' "$@" | sort -n | sed -n 2p; }

for way in jar extracted aot-cache spring-aot bare; do
  runs=()
  for _ in 1 2 3; do
    case $way in
      jar) runs+=("$(ready_ms -jar "$JAR")") ;;
      extracted) runs+=("$(ready_ms -jar "$EXTRACTED")") ;;
      aot-cache) runs+=("$(ready_ms -XX:AOTCache="$WORK/app.aot" -jar "$EXTRACTED")") ;;
      spring-aot) runs+=("$(ready_ms -Dspring.aot.enabled=true -XX:AOTCache="$WORK/spring-aot.aot" -jar "$EXTRACTED")") ;;
      bare) runs+=("$(ready_ms -jar "$BARE")") ;;
    esac
  done
  printf '%-10s median %6s ms   (runs: %s)\n' "$way" "$(median "${runs[@]}")" "${runs[*]}"
done
rm -rf "$WORK"
