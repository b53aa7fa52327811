#!/usr/bin/env bash
# The status benchmark of docs/benchmarks.md: retro278 status over a store of N claims. Run from the project root:
#   bench/status-benchmark.sh            # 1,000,000 claims in an embedded H2 store
#   bench/status-benchmark.sh 100000     # smaller
#   bench/status-benchmark.sh 1000000 jdbc:postgresql://127.0.0.1:5432/test postgres
#                                        # PostgreSQL: a schema retro278_status_bench made afresh there and
#                                        # dropped at the end (password, if any, in RETRO278_STORE_PASSWORD)
set -euo pipefail
cd "$(dirname "$0")/.."
claims=${1:-1000000}
mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
log="-Dlogback.configurationFile=src/main/resources/logback.xml"
echo "== machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
echo "== retro278 status over $claims claims, -Xmx512m"
java -Xmx512m "$log" -cp "$cp" org.retro278.bench.StatusBenchmark "$claims" "${2:-}" "${3:-postgres}"
