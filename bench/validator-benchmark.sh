#!/usr/bin/env bash
# The X12 validator benchmark (docs/benchmarks.md). Run from the project root:
#   bench/validator-benchmark.sh             # 20,000 requests in one interchange, 5 rounds
#   bench/validator-benchmark.sh 5000 3      # smaller
set -euo pipefail
cd "$(dirname "$0")/.."
sets=${1:-20000}
rounds=${2:-5}
mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
log="-Dlogback.configurationFile=src/main/resources/logback.xml"
echo "== machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
java "$log" -cp "$cp" org.retro278.x12.validation.ValidatorBenchmark "$sets" "$rounds"
