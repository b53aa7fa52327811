#!/usr/bin/env bash
# The convert benchmark of docs/benchmarks.md. Run from the project root:
#   bench/convert-benchmark.sh            # 100,000 claims throughput + 1,000,000 claims with -Xmx128m
#   bench/convert-benchmark.sh 20000 0    # smaller: throughput on 20,000 claims, no memory run
set -euo pipefail
cd "$(dirname "$0")/.."
throughput_claims=${1:-100000}
memory_claims=${2:-1000000}
mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
log="-Dlogback.configurationFile=src/main/resources/logback.xml"
echo "== machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
if [ "$throughput_claims" -gt 0 ]; then
  echo "== throughput, $throughput_claims claims"
  java -Xmx1g "$log" -cp "$cp" org.retro278.bench.ConvertBenchmark throughput "$throughput_claims"
fi
if [ "$memory_claims" -gt 0 ]; then
  echo "== memory, $memory_claims claims, -Xmx128m"
  java -Xmx128m "$log" -cp "$cp" org.retro278.bench.ConvertBenchmark memory "$memory_claims"
fi
