#!/usr/bin/env bash
# Dashboard benchmark (not a test): a scratch PostgreSQL database with 100,000 historic and 1,000 open requests,
# the application started on it, GET /staff/dashboard timed as a logged-in manager; prints median and p95.
# Usage: bench/dashboard-benchmark.sh [jdbc-url]   (default: a fresh dsr_bench_deadlines on 127.0.0.1)
set -euo pipefail
cd "$(dirname "$0")/.."
DB=dsr_bench_deadlines
URL=${1:-jdbc:postgresql://127.0.0.1:5432/$DB}
if [ $# -eq 0 ]; then
  psql -h 127.0.0.1 -U postgres -qc "drop database if exists $DB" -c "create database $DB"
fi
./mvnw -q -B -Pdashboard-benchmark test-compile exec:java -Ddsr.bench.db="$URL"
