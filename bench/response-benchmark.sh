#!/usr/bin/env bash
# The response reader benchmark of docs/responses.md. Run from the project root:
#   bench/response-benchmark.sh           # 100,000 278 responses and 100,000 999s, -Xmx64m
#   bench/response-benchmark.sh 20000     # smaller
set -euo pipefail
cd "$(dirname "$0")/.."
sets=${1:-100000}
mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
# StAEDI's validator with the override the shipped jar installs (docs/validation.md); RETRO278_BENCH_OPTS adds
# JVM options, e.g. RETRO278_BENCH_OPTS=-Dretro278.staedi.override=off for the figures without it
# shellcheck disable=SC2206
jvm=(-Dlogback.configurationFile=src/main/resources/logback.xml -javaagent:target/retro278-agent.jar ${RETRO278_BENCH_OPTS:-})
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
echo "== $sets 278 responses and $sets 999s, -Xmx64m"
java -Xmx64m "${jvm[@]}" -cp "$cp" org.retro278.bench.ResponseReaderBenchmark "$sets"
