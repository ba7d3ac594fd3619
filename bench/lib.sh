# Shared by bench/throughput.sh and bench/faults.sh (sourced, not run).

# The application jar (absolute path): $DSR_JAR when set, else target/kivaq-dsr.jar (the pom's finalName), built
# (skipping tests) when missing or older than the sources.
app_jar() {
  if [ -n "${DSR_JAR:-}" ]; then echo "$DSR_JAR"; return; fi
  local jar
  jar=$(ls target/kivaq-dsr.jar 2>/dev/null || true)
  if [ -z "$jar" ] || [ -n "$(find src bpmn templates pom.xml -newer "$jar" -print -quit)" ]; then
    ./mvnw -q -B -o -DskipTests package >&2 || ./mvnw -q -B -DskipTests package >&2
    jar=target/kivaq-dsr.jar
  fi
  echo "$(pwd)/$jar"
}

# Seconds since the epoch, with milliseconds.
now() { date +%s.%N | cut -c1-14; }

# wait_http URL TIMEOUT: waits until URL answers 200; prints the seconds waited; fails after TIMEOUT seconds.
wait_http() {
  local start; start=$(now)
  for _ in $(seq 1 $(( $2 * 10 ))); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$1" || true)" = 200 ]; then
      echo "$(echo "$(now) - $start" | bc)"
      return 0
    fi
    sleep 0.1
  done
  return 1
}

# rss_mb PID: resident set size in MB.
rss_mb() { echo $(( $(ps -o rss= -p "$1") / 1024 )); }

# status KEY STATUS_TEXT: one value of the driver's /status.
value() { echo "$2" | sed -n "s/^$1=//p" | head -1; }

# The load driver and SMTP sink (bench/Driver.java), compiled once into $WORK/driver.
start_driver() { # SMTP_PORT CONTROL_PORT NODES
  mkdir -p "$WORK/driver"
  javac -d "$WORK/driver" bench/Driver.java
  java -Xmx512m -cp "$WORK/driver" Driver serve "$1" "$2" "$3" >"$WORK/driver.log" 2>&1 &
  DRIVER_PID=$!
  for _ in $(seq 1 100); do curl -s "http://127.0.0.1:$2/status" >/dev/null && return 0; sleep 0.1; done
  echo "the driver did not start: $(cat "$WORK/driver.log")" >&2
  return 1
}
