#!/usr/bin/env bash
# The read command benchmark of docs/benchmarks.md. Run from the project root:
#   bench/read-benchmark.sh            # 17,242 278 responses: 500,034 segments, 11 MiB of X12
#   bench/read-benchmark.sh 3000       # smaller
# Reports segments/s for the validating reader alone and for `read` end to end (validated, JSON Lines to a
# file), first warm in one JVM (and the JSON writing alone), then each in a fresh JVM as a user runs it (JVM
# start and JIT warm-up included).
set -euo pipefail
cd "$(dirname "$0")/.."
sets=${1:-17242}
mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
log="-Dlogback.configurationFile=src/main/resources/logback.xml"
dir=$(mktemp -d "${TMPDIR:-/tmp}/retro278-read-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
file="$dir/responses.x12"
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
java "$log" -cp "$cp" org.retro278.bench.ReadCommandBenchmark generate "$file" "$sets"
segments=$(wc -l < "$file")
echo "== warm: one JVM, -Xmx256m"
java -Xmx256m "$log" -cp "$cp" org.retro278.bench.ReadCommandBenchmark warm "$file" "$dir/warm.jsonl"
java -Xmx256m "$log" -cp "$cp" org.retro278.bench.ReadCommandBenchmark json "$file"
echo "== fresh JVM each, -Xmx256m"
java -Xmx256m "$log" -cp "$cp" org.retro278.bench.ReadCommandBenchmark reader "$file"
# the read command exactly as a user runs it, JSON to a file; /usr/bin/time reports wall and CPU (all threads)
/usr/bin/time -f "%e %U %S" -o "$dir/time" \
  java -Xmx256m "$log" -cp "$cp" org.retro278.cli.Retro278 read "$file" > "$dir/read.jsonl" 2> "$dir/read.err"
read -r wall user sys < "$dir/time"
awk -v s="$segments" -v w="$wall" -v u="$user" -v k="$sys" -v b="$(wc -c < "$dir/read.jsonl")" 'BEGIN {
  printf "RESULT read command, validated, fresh JVM (java ... Retro278 read FILE > out.jsonl): %9.0f segments/s wall" \
    "  (%d segments, %.2f s wall, %.2f s CPU all threads, %d bytes of JSON)\n", s / w, s, w, u + k, b }'
