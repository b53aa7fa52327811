#!/usr/bin/env bash
# The response reader benchmark of docs/responses.md. Run from the project root:
#   bench/response-benchmark.sh           # 100,000 278 responses and 100,000 999s, -Xmx64m
#   bench/response-benchmark.sh 20000     # smaller
set -euo pipefail
cd "$(dirname "$0")/.."
sets=${1:-100000}
mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
log="-Dlogback.configurationFile=src/main/resources/logback.xml"
echo "== machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
echo "== $sets 278 responses and $sets 999s, -Xmx64m"
java -Xmx64m "$log" -cp "$cp" org.retro278.bench.ResponseReaderBenchmark "$sets"
