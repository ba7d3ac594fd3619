#!/usr/bin/env bash
# Fault suite: this application's jar, two nodes on one database of a PostgreSQL cluster of its own (another port,
# so that it can be stopped), bench/Driver.java as the SMTP server (which it can stop) and as the load: unsubscribe
# requests filed over HTTP, their links confirmed when the mail arrives, their sealed letters counted.
# Scenarios, each under load on both nodes:
#   two-nodes   a burst spread over both nodes: every mail exactly once
#   kill-9      one node killed with SIGKILL mid-burst, then started again (the fault ends when it is back)
#   smtp        the SMTP server away mid-burst
#   database    PostgreSQL stopped (-m immediate) with requests and confirms in flight, then started again
# Each prints sent, completed, mails expected/received, duplicates by Message-ID, false answers, stuck rows,
# incidents and drain time (from the end of the fault until every request's letter is in the mailbox), and the suite
# exits non-zero on any loss, duplicate, false 2xx or drain over 60 s.
# Usage: bench/faults.sh [--short]     (--short: CI's form, under 5 minutes; default: the full form)
# Needs: PostgreSQL 15 binaries (/usr/lib/postgresql/*/bin), Java 17, curl, bc; runs as root (initdb then runs as
# the postgres user) or as any other user.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
. bench/lib.sh

if [ "${1:-}" = --short ]; then
  FORM=short; N=40; RATE=8; SMTP_OUTAGE=15; DB_OUTAGE=10
else
  FORM=full; N=300; RATE=20; SMTP_OUTAGE=180; DB_OUTAGE=30
fi
MAX_DRAIN=60
PGPORT_F=${FAULTS_PGPORT:-55433}
NODE_PORTS=(18181 18182)
SMTP_PORT=12625
CONTROL_PORT=18199
JAVA_OPTS=${JAVA_OPTS:--Xms128m -Xmx384m -XX:+ExitOnOutOfMemoryError}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$PGBIN" ] || { echo "no PostgreSQL binaries under /usr/lib/postgresql/*/bin" >&2; exit 2; }

WORK=$(mktemp -d /tmp/dsr-faults.XXXXXX)
chmod 755 "$WORK"
AS_PG=()
if [ "$(id -u)" = 0 ]; then AS_PG=(runuser -u postgres --); fi
mkdir -p "$WORK/pg" "$WORK/pgsock"
[ "$(id -u)" = 0 ] && chown postgres "$WORK/pg" "$WORK/pgsock"
chmod 700 "$WORK/pg"

NODE_PIDS=("" "")
cleanup() {
  for pid in "${NODE_PIDS[@]}"; do [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true; done
  [ -n "${DRIVER_PID:-}" ] && kill "$DRIVER_PID" 2>/dev/null || true
  "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

pg_start() { "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pgsock/pg.log" -w -t 60 \
  -o "-p $PGPORT_F -k $WORK/pgsock -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100" start >/dev/null; }
pg_stop() { "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null; }
sql() { "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT_F" -U postgres -d dsr_faults -v ON_ERROR_STOP=1 -qtA "$@"; }

start_node() { # index
  local port=${NODE_PORTS[$1]}
  mkdir -p "$WORK/node$1"
  # shellcheck disable=SC2086
  (cd "$WORK/node$1" && DSR_DB_URL="jdbc:postgresql://127.0.0.1:$PGPORT_F/dsr_faults" DSR_DB_USER=postgres \
    DSR_DB_PASSWORD= DSR_SMTP_HOST=127.0.0.1 DSR_SMTP_PORT=$SMTP_PORT DSR_ADMIN_USER=faults-admin \
    DSR_ADMIN_PASSWORD=faults-admin-password DSR_SUPPRESSION_SECRET=faults-suite-suppression-secret-0123456789 \
    DSR_SIGNING_ALLOW_DEVELOPMENT_SEAL=true \
    exec java $JAVA_OPTS -jar "$JAR" --spring.profiles.active=postgres --server.port="$port" \
    --spring.datasource.hikari.connection-timeout=2000 --logging.level.root=WARN \
    >>"$WORK/node$1.log" 2>&1) &
  NODE_PIDS[$1]=$!
}
wait_node() { # prints the start-up time (a loaded machine can take minutes: the figures say how loaded it was)
  local took
  took=$(wait_http "http://127.0.0.1:${NODE_PORTS[$1]}/actuator/health/liveness" 600) \
    || { echo "node $1 did not start; its log:" >&2; tail -50 "$WORK/node$1.log" >&2; exit 2; }
  echo "   node $((${1} + 1)) up in $(printf '%.0f' "$took") s (load average $(uptime | sed 's/.*load average: //'))"
}

echo "== fault suite ($FORM form): PostgreSQL $(basename "$(dirname "$PGBIN")") on port $PGPORT_F, work folder $WORK"
JAR=$(app_jar)
"${AS_PG[@]}" "$PGBIN/initdb" -D "$WORK/pg" -U postgres -A trust --no-sync >/dev/null
pg_start
"$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT_F" -U postgres -qc "create database dsr_faults"
start_driver "$SMTP_PORT" "$CONTROL_PORT" "http://127.0.0.1:${NODE_PORTS[0]},http://127.0.0.1:${NODE_PORTS[1]}"
# the first node creates the schema alone; then the second joins
start_node 0; wait_node 0
start_node 1; wait_node 1
SUITE_START=$(now)
FAILED=0
RUN=0

status() { curl -s "http://127.0.0.1:$CONTROL_PORT/status"; }

# burst NAME: starts N requests at RATE/s under the prefix NAME (the driver files, confirms and counts)
burst() {
  java -cp "$WORK/driver" Driver seed "$1" "$N" 0 "$WORK/$1.tokens" | sql >/dev/null
  curl -sf "http://127.0.0.1:$CONTROL_PORT/load?prefix=$1&n=$N&rate=$RATE" >/dev/null \
    || { echo "the driver did not take the load (still running? its log: $(tail -5 "$WORK/driver.log"))" >&2; exit 2; }
}
wait_filed() { # FRACTION: waits until that share of the burst has been sent (answered or not)
  local want; want=$(echo "$N * $1 / 1" | bc)
  for _ in $(seq 1 600); do
    [ "$(value settled "$(status)")" -ge "$want" ] && return 0
    sleep 0.2
  done
}

# open_requests_of NAME: the scenario's requests in the database not yet answered ("?" while it is away)
open_requests_of() {
  sql -c "select count(*) from dsr_request where requester_email like '$1-%' and status <> 'COMPLETED'" \
    2>/dev/null || echo "?"
}

# report NAME FAULT_END [no-limit]: waits for the drain, prints the figures, records a failure (a drain over
# MAX_DRAIN counts only after a fault; without one it is the pipeline's own pace on this machine)
report() {
  local name=$1 fault_end=$2 limit=${3:-limit} s drained="" drain
  for _ in $(seq 1 $(( (MAX_DRAIN + 120) * 2 ))); do
    s=$(status)
    # the driver's view (every answered request's letter arrived) and the database's: a filing the killed node
    # committed without answering is a request too, and drained only when it is answered (its link may wait for
    # the dead node's outbox lease to be taken over)
    if [ "$(value settled "$s")" = "$N" ] && [ "$(value pending "$s")" = 0 ] \
       && [ "$(open_requests_of "$name")" = 0 ]; then drained=$(now); break; fi
    sleep 0.5
  done
  s=$(status)
  if [ -n "$drained" ]; then drain=$(echo "$drained - $fault_end" | bc); else drain="never"; fi
  local backlog stuck_jobs incidents open_requests
  backlog=$(sql -c "select count(*) from outbox_mail where status <> 'SENT'" 2>/dev/null || echo "?")
  stuck_jobs=$(sql -c "select count(*) from act_ru_job where exception_msg_ is not null or retries_ = 0" \
    2>/dev/null || echo "?")
  incidents=$(sql -c "select count(*) from act_ru_incident" 2>/dev/null || echo "?")
  open_requests=$(open_requests_of "$name")
  local verdict=PASS why=""
  [ "$(value settled "$s")" = "$N" ] || why="$why not-all-sent"
  [ "$(value pending "$s")" = 0 ] || why="$why loss"
  [ "$(value duplicates "$s")" = 0 ] || why="$why duplicates"
  [ "$(value false_answers "$s")" = 0 ] || why="$why false-answers"
  [ "$(value confirm_410 "$s")" = 0 ] || why="$why 410-on-retry"
  [ "$incidents" = 0 ] || why="$why incidents"
  [ "$open_requests" = 0 ] || why="$why open-requests"
  if [ "$drain" = never ]; then why="$why drain"
  elif [ "$limit" = limit ] && [ "$(echo "$drain > $MAX_DRAIN" | bc)" = 1 ]; then why="$why drain"; fi
  RUN=$((RUN + 1))
  # a duplicate whose first copy was the last mail of a sender killed within 2 s of the server's acceptance is the
  # one window SMTP leaves (README "Reliability"): counted and shown apart, not a failure; any other fails
  local accepted_mails
  accepted_mails=$(( $(value mails_received "$s") - $(value window_duplicates "$s") ))
  [ "$accepted_mails" = "$(value mails_expected "$s")" ] || why="$why mails-expected-vs-received"
  [ -z "$why" ] || { verdict="FAIL:$why"; FAILED=1; }
  printf '%-9s sent=%s unanswered=%s completed=%s mails=%s/%s duplicates=%s (in the killed sender'"'"'s window: %s) false_answers=%s 503s=%s stuck: outbox=%s jobs=%s open_requests=%s incidents=%s drain=%ss %s\n' \
    "$name" "$(value filed "$s")" "$(value unanswered "$s")" "$(value completed "$s")" "$accepted_mails" \
    "$(value mails_expected "$s")" "$(value duplicates "$s")" "$(value window_duplicates "$s")" "$(value false_answers "$s")" \
    "$(value answers_503 "$s")" "$backlog" "$stuck_jobs" "$open_requests" "$incidents" "$drain" "$verdict"
  echo "$s" | grep '^problem=' | head -5 | sed 's/^/          /' || true
}

echo "== scenario two-nodes: $N requests at $RATE/s over both nodes"
burst twonodes
wait_filed 1
report twonodes "$(now)" no-limit

echo "== scenario kill-9: node 2 killed with SIGKILL half-way through a burst, then started again"
burst killnine
wait_filed 0.5
kill -9 "${NODE_PIDS[1]}"; wait "${NODE_PIDS[1]}" 2>/dev/null || true
start_node 1; wait_node 1
report killnine "$(now)"

echo "== scenario smtp: the SMTP server away for ${SMTP_OUTAGE} s mid-burst"
burst smtp
wait_filed 0.3
curl -s "http://127.0.0.1:$CONTROL_PORT/smtp/stop" >/dev/null
sleep "$SMTP_OUTAGE"
curl -s "http://127.0.0.1:$CONTROL_PORT/smtp/start" >/dev/null
report smtp "$(now)"

echo "== scenario database: PostgreSQL stopped (-m immediate) for ${DB_OUTAGE} s with requests and confirms in flight"
burst database
wait_filed 0.4
pg_stop
sleep "$DB_OUTAGE"
pg_start
report database "$(now)"

echo "== $RUN scenarios in $(echo "$(now) - $SUITE_START" | bc | cut -d. -f1) s (after start-up); load average $(uptime | sed 's/.*load average: //')"
if [ "$FAILED" != 0 ]; then
  echo "FAULT SUITE FAILED (logs in $WORK)"
  exit 1
fi
echo "fault suite passed"
