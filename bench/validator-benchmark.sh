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
# StAEDI's validator with the override the shipped jar installs (docs/validation.md); RETRO278_BENCH_OPTS adds
# JVM options, e.g. RETRO278_BENCH_OPTS=-Dretro278.staedi.override=off for the figures without it
# shellcheck disable=SC2206
jvm=(-Dlogback.configurationFile=src/main/resources/logback.xml -javaagent:target/retro278-agent.jar ${RETRO278_BENCH_OPTS:-})
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
java "${jvm[@]}" -cp "$cp" org.retro278.x12.validation.ValidatorBenchmark "$sets" "$rounds"
