#!/usr/bin/env bash
# Throughput benchmark (not a test, not run by CI): the bare Camunda 7.24 engine and this application, one after the
# other on fresh databases of the same PostgreSQL, on this machine.
#  1. bench/anchors/camunda-bare: N instances of a 3-async-job process on the job executor -> instances/s;
#  2. this application's jar (profile postgres) with bench/Driver.java as its SMTP server and load: N unsubscribe
#     requests over HTTP + SMTP, the whole pipeline (file -> verification mail -> confirm -> consent withdrawn ->
#     sealed letter mailed) -> requests/s, and the ratio to 1.; intake requests/s; the verification link's latency
#     (filing -> mail in the sink) while letters are sent; then one-click unsubscribe POSTs at 50/s -> p50/p99;
# 2b. a second node on the same database, N more requests spread over both nodes -> the combined requests/s;
#  3. start-up time (to the first 200) and RSS of bench/anchors/camunda-webapp and of this application (H2, demo),
#     and this application's RSS after the N requests.
# Usage: bench/throughput.sh [N]      (N default 500; PostgreSQL at PGHOST:PGPORT, default 127.0.0.1:5432, user postgres)
# Env: JAVA_OPTS for this application (default: the documented run options for a small node, see README
# "Performance"), APP_MALLOC_ARENA_MAX its glibc malloc arenas (default 2, as documented); APP_ARGS
# more arguments for it (e.g. --camunda.bpm.job-execution.max-jobs-per-acquisition=3 to compare settings);
# FOOTPRINT=no skips part 3 (start-up and memory against the webapp anchor) when comparing settings; TWO_NODES=no
# skips part 2b (a second node joins the first on the same database and N more requests are spread over both).
# Prints figures; asserts nothing. The machine's load average is printed with them: read them with it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
. bench/lib.sh

N=${1:-${N:-500}}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
JAVA_OPTS=${JAVA_OPTS:--Xms256m -Xmx256m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=80m -Xss512k -XX:+ExitOnOutOfMemoryError}
APP_MALLOC_ARENA_MAX=${APP_MALLOC_ARENA_MAX:-2}
APP_PORT=18080
APP2_PORT=18081
SMTP_PORT=12525
CONTROL_PORT=18099
WORK=$(mktemp -d /tmp/dsr-throughput.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -n "${DRIVER_PID:-}" ] && kill "$DRIVER_PID" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT
psql_() { psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -v ON_ERROR_STOP=1 -q "$@"; }
fresh_db() { psql_ -d postgres -c "drop database if exists $1" -c "create database $1"; }
load() { uptime | sed 's/.*load average: //'; }

# await_completed: waits (at most 30 minutes) until the driver counts N completed requests; prints its figures
# (the first 5 problems among them) on stderr and its whole status on stdout.
await_completed() {
  local status=""
  for _ in $(seq 1 1800); do
    status=$(curl -s "http://127.0.0.1:$CONTROL_PORT/status")
    [ "$(value completed "$status")" = "$N" ] && break
    sleep 1
  done
  { echo "$status" | grep -v '^problem=' || true; echo "$status" | grep '^problem=' | head -5 || true; } >&2
  echo "$status"
}

# start_node NAME PORT: this application on the benchmark database (profile postgres), in $WORK/NAME, its log in
# $WORK/NAME.log; waits until it is ready and sets NODE_PID. MALLOC_ARENA_MAX as documented (README "Performance").
start_node() {
  mkdir -p "$WORK/$1"
  # shellcheck disable=SC2086
  (cd "$WORK/$1" && DSR_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/bench_dsr" DSR_DB_USER="$PGUSER" DSR_DB_PASSWORD= \
    DSR_SMTP_HOST=127.0.0.1 DSR_SMTP_PORT=$SMTP_PORT DSR_ADMIN_USER=bench-admin DSR_ADMIN_PASSWORD=bench-admin-password \
    DSR_SUPPRESSION_SECRET=bench-suppression-secret-0123456789abcdef DSR_SIGNING_ALLOW_DEVELOPMENT_SEAL=true \
    MALLOC_ARENA_MAX=$APP_MALLOC_ARENA_MAX \
    exec java $JAVA_OPTS -jar "$JAR" --spring.profiles.active=postgres --server.port="$2" \
    --logging.level.root=WARN ${APP_ARGS:-} >"$WORK/$1.log" 2>&1) &
  NODE_PID=$!; PIDS+=("$NODE_PID")
  if ! wait_http "http://127.0.0.1:$2/actuator/health/readiness" 600 >/dev/null; then
    echo "the application ($1) did not become ready; the end of $WORK/$1.log:" >&2
    tail -20 "$WORK/$1.log" >&2
    exit 1
  fi
}

if [ ! -d bench/anchors/camunda-bare ]; then
  echo "bench/anchors/camunda-bare is missing (a copy of /work/shared/anchors/camunda-bare): cannot measure the" \
       "bare engine" >&2
  exit 2
fi
cp -r bench/anchors/camunda-bare bench/anchors/camunda-webapp "$WORK/"
echo "== building (anchors and this application); work folder $WORK"
for anchor in camunda-bare camunda-webapp; do
  ./mvnw -q -B -o -f "$WORK/$anchor/pom.xml" -DskipTests package >/dev/null 2>&1 \
    || ./mvnw -q -B -f "$WORK/$anchor/pom.xml" -DskipTests package >/dev/null
done
JAR=$(app_jar)

echo "== 1. bare engine, N=$N (load average before: $(load))"
fresh_db bench_bare
BARE_OUT=$(cd "$WORK" && DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/bench_bare" DB_USER="$PGUSER" DB_PASS= N="$N" \
  java -jar camunda-bare/target/camunda-bare-1.jar 2>&1 | grep instances/s)
echo "$BARE_OUT"
BARE_SYNC=$(echo "$BARE_OUT" | sed -n 's/^sync.*: \([0-9.]*\) instances.*/\1/p')
BARE_ASYNC=$(echo "$BARE_OUT" | sed -n 's/^async.*: \([0-9.]*\) instances.*/\1/p')

echo "== 2. this application on PostgreSQL, N=$N (load average before: $(load))"
fresh_db bench_dsr
start_driver "$SMTP_PORT" "$CONTROL_PORT" "http://127.0.0.1:$APP_PORT"
start_node app "$APP_PORT"; APP_PID=$NODE_PID
java -cp "$WORK/driver" Driver seed bench "$N" 1000 "$WORK/tokens.txt" | psql_ -d bench_dsr >/dev/null
curl -s "http://127.0.0.1:$CONTROL_PORT/load?prefix=bench&n=$N&concurrency=16" >/dev/null
STATUS=$(await_completed)
PIPELINE=$(value pipeline_per_s "$STATUS")
RSS_AFTER=$(rss_mb "$APP_PID")
echo "== one-click unsubscribe at 50 requests/s for 20 s"
ONECLICK=$(curl -s "http://127.0.0.1:$CONTROL_PORT/oneclick?tokens=$WORK/tokens.txt&rate=50&seconds=20")
echo "$ONECLICK"

TWO_RATE=-; TWO_DUPLICATES=-; TWO_FALSE=-
if [ "${TWO_NODES:-yes}" != no ]; then
echo "== 2b. two nodes on the same database, N=$N spread over both (load average before: $(load))"
start_node app2 "$APP2_PORT"; APP2_PID=$NODE_PID
kill "$DRIVER_PID" 2>/dev/null || true; wait "$DRIVER_PID" 2>/dev/null || true
start_driver "$SMTP_PORT" "$CONTROL_PORT" "http://127.0.0.1:$APP_PORT,http://127.0.0.1:$APP2_PORT"
java -cp "$WORK/driver" Driver seed bench2 "$N" 0 "$WORK/tokens2.txt" | psql_ -d bench_dsr >/dev/null
curl -s "http://127.0.0.1:$CONTROL_PORT/load?prefix=bench2&n=$N&concurrency=16" >/dev/null
STATUS2=$(await_completed)
TWO_RATE=$(value pipeline_per_s "$STATUS2")
TWO_DUPLICATES=$(value duplicates "$STATUS2")
TWO_FALSE=$(value false_answers "$STATUS2")
kill "$APP2_PID"; wait "$APP2_PID" 2>/dev/null || true
fi
kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true

DEMO_START=-; ANCHOR_START=-; DEMO_RSS=-; ANCHOR_RSS=-
if [ "${FOOTPRINT:-yes}" != no ]; then
echo "== 3. start-up and memory: bare webapp anchor against this application (H2, demo) (load: $(load))"
(cd "$WORK" && rm -rf data && java -jar camunda-webapp/target/camunda-webapp-1.jar --server.port=$APP_PORT \
  >"$WORK/anchor.log" 2>&1) &
ANCHOR_PID=$!; PIDS+=("$ANCHOR_PID")
ANCHOR_START=$(wait_http "http://127.0.0.1:$APP_PORT/engine-rest/engine" 180)
sleep 2; ANCHOR_PID_JAVA=$(pgrep -P "$ANCHOR_PID" java || echo "$ANCHOR_PID")
ANCHOR_RSS=$(rss_mb "$ANCHOR_PID_JAVA")
kill "$ANCHOR_PID_JAVA" "$ANCHOR_PID" 2>/dev/null || true; wait "$ANCHOR_PID" 2>/dev/null || true
mkdir -p "$WORK/demo"
# shellcheck disable=SC2086
(cd "$WORK/demo" && MALLOC_ARENA_MAX=$APP_MALLOC_ARENA_MAX exec java $JAVA_OPTS -jar "$JAR" --server.port=$APP_PORT --spring.mail.port=$SMTP_PORT \
  --dsr.mail-sink.enabled=false >"$WORK/demo.log" 2>&1) &
DEMO_PID=$!; PIDS+=("$DEMO_PID")
DEMO_START=$(wait_http "http://127.0.0.1:$APP_PORT/actuator/health/liveness" 180)
sleep 2; DEMO_RSS=$(rss_mb "$DEMO_PID")
kill "$DEMO_PID"; wait "$DEMO_PID" 2>/dev/null || true
fi

ratio() { if [ "$2" = - ] || [ "$1" = - ]; then echo -; else echo "scale=2; $1 / $2" | bc; fi; }
echo
echo "== summary (N=$N, 2 shared cores; load average now: $(load))"
printf 'bare engine, async 3-job process:   %8s instances/s (sync 3-step: %s/s)\n' "$BARE_ASYNC" "$BARE_SYNC"
printf 'unsubscribe pipeline end to end:    %8s requests/s   ratio %s (target >= 0.5)\n' "$PIPELINE" \
  "$(ratio "$PIPELINE" "$BARE_ASYNC")"
printf 'intake (POST /api/requests):        %8s requests/s   (target >= 200; %s x the sync start rate)\n' \
  "$(value intake_per_s "$STATUS")" "$(ratio "$(value intake_per_s "$STATUS")" "$BARE_SYNC")"
printf 'verification link in the mailbox:   p50 %s ms, p99 %s ms (target within 2000 ms)\n' \
  "$(value link_p50_ms "$STATUS")" "$(value link_p99_ms "$STATUS")"
printf 'one-click at 50/s:                  p50 %s ms, p99 %s ms (target p99 <= 50 ms)\n' \
  "$(value oneclick_p50_ms "$ONECLICK")" "$(value oneclick_p99_ms "$ONECLICK")"
printf 'start-up to first 200:              %s s against %s s: %s x (target <= 1.3)\n' "$DEMO_START" \
  "$ANCHOR_START" "$(ratio "$DEMO_START" "$ANCHOR_START")"
printf 'RSS after start:                    %s MB against %s MB: %s x\n' "$DEMO_RSS" "$ANCHOR_RSS" \
  "$(ratio "$DEMO_RSS" "$ANCHOR_RSS")"
printf 'RSS after %s requests:              %s MB against %s MB: %s x (target <= 1.3)\n' "$N" "$RSS_AFTER" \
  "$ANCHOR_RSS" "$(ratio "$RSS_AFTER" "$ANCHOR_RSS")"
printf 'two nodes, one database:            %8s requests/s   against one node: %s (target: no lower);' "$TWO_RATE" \
  "$PIPELINE"
printf ' duplicates %s, false answers %s\n' "$TWO_DUPLICATES" "$TWO_FALSE"
printf 'duplicates by Message-ID: %s; false answers: %s\n' "$(value duplicates "$STATUS")" \
  "$(value false_answers "$STATUS")"
