#!/usr/bin/env bash
# Register import benchmark (not a test): 100,000 CSV rows, dry run, application, second application; prints the
# times. Usage: bench/import-benchmark.sh [jdbc-url]   (default: an in-memory H2; pass a scratch PostgreSQL
# database's URL, e.g. jdbc:postgresql://127.0.0.1:5432/dsr_bench_import, to measure PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")/.."
ARGS=()
if [ $# -gt 0 ]; then ARGS+=("-Ddsr.bench.db=$1"); fi
./mvnw -q -B -Pimport-benchmark test-compile exec:java "${ARGS[@]}"
