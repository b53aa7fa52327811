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
# StAEDI's validator with the override the shipped jar installs (docs/validation.md); RETRO278_BENCH_OPTS adds
# JVM options, e.g. RETRO278_BENCH_OPTS=-Dretro278.staedi.override=off for the figures without it
# shellcheck disable=SC2206
jvm=(-Dlogback.configurationFile=src/main/resources/logback.xml -javaagent:target/retro278-agent.jar ${RETRO278_BENCH_OPTS:-})
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
if [ "$throughput_claims" -gt 0 ]; then
  echo "== throughput, $throughput_claims claims"
  java -Xmx1g "${jvm[@]}" -cp "$cp" org.retro278.bench.ConvertBenchmark throughput "$throughput_claims"
fi
if [ "$memory_claims" -gt 0 ]; then
  echo "== memory, $memory_claims claims, -Xmx128m"
  java -Xmx128m "${jvm[@]}" -cp "$cp" org.retro278.bench.ConvertBenchmark memory "$memory_claims"
fi
