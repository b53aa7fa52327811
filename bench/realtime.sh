#!/usr/bin/env bash
# The real-time (CAQH CORE) benchmark of docs/benchmarks.md. Run from the project root:
#   bench/realtime.sh                      # 2,000 claims per run; SOAP and MIME; maxInFlight 1, 8 and 32
#   bench/realtime.sh 500 8 mime           # smaller: 500 claims, maxInFlight 8, MIME only
#   bench/realtime.sh 2000 1,8,32 soap,mime timer   # ticks every 250 ms as the route's timer does (default: eager)
#   BENCH_JAVA_OPTS="-Dretro278.bench.storeUrl=jdbc:postgresql://127.0.0.1:5432/test?currentSchema=S" \
#     bench/realtime.sh                    # on PostgreSQL, in an empty schema S made beforehand (user: -Dretro278.bench.storeUser)
# Each run: N READY claims of one real-time payer sent by RealTimeSubmission to the simulator's CORE endpoint (HTTPS on
# loopback, client certificate, no delay), then the reference: the same round trips straight from the same client.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
# shellcheck disable=SC2086
java -Xmx512m ${BENCH_JAVA_OPTS:-} -Dlogback.configurationFile=src/main/resources/logback.xml -javaagent:target/retro278-agent.jar \
  -cp "$cp" org.retro278.bench.RealTimeBenchmark "${1:-2000}" "${2:-1,8,32}" "${3:-soap,mime}" "${4:-eager}" 2>&1 \
  | grep -v ' INFO '   # each call's log lines (the shipped logging, its cost measured) kept off the screen
