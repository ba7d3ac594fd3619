#!/usr/bin/env bash
# Request list benchmark (not a test): a scratch PostgreSQL database with 100,000 requests, the application started
# on it, the staff request list (/staff) timed as a logged-in staff member: first page, page 200 by its keyset link
# and typed as ?page=200, searches, filters, orders; prints median and p95 of each.
# Usage: bench/request-list-benchmark.sh [jdbc-url]   (default: a fresh dsr_bench_requests on 127.0.0.1)
set -euo pipefail
cd "$(dirname "$0")/.."
DB=dsr_bench_requests
URL=${1:-jdbc:postgresql://127.0.0.1:5432/$DB}
if [ $# -eq 0 ]; then
  psql -h 127.0.0.1 -U postgres -qc "drop database if exists $DB" -c "create database $DB"
fi
./mvnw -q -B -Prequest-list-benchmark test-compile exec:java -Ddsr.bench.db="$URL"
