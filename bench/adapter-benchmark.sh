#!/usr/bin/env bash
# The adapter benchmark of docs/benchmarks.md. Run from the project root:
#   bench/adapter-benchmark.sh          # a 10,000-claim file, then 5 one-claim files
#   bench/adapter-benchmark.sh 2000 3   # smaller
#   BENCH_JAVA_OPTS="-Dretro278.bench.storeUrl=jdbc:postgresql://127.0.0.1:5432/test?currentSchema=S" \
#     bench/adapter-benchmark.sh 10000 3 # on PostgreSQL, in an empty schema S made beforehand (user: -Dretro278.bench.storeUser)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
echo "== machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
java -Xmx512m ${BENCH_JAVA_OPTS:-} -Dlogback.configurationFile=src/main/resources/logback.xml -javaagent:target/retro278-agent.jar -cp "$cp" org.retro278.bench.AdapterBenchmark "${1:-10000}" "${2:-5}"
