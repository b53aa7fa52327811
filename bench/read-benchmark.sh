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
# StAEDI's validator with the override the shipped jar installs (docs/validation.md); RETRO278_BENCH_OPTS adds
# JVM options, e.g. RETRO278_BENCH_OPTS=-Dretro278.staedi.override=off for the figures without it
# shellcheck disable=SC2206
jvm=(-Dlogback.configurationFile=src/main/resources/logback.xml -javaagent:target/retro278-agent.jar ${RETRO278_BENCH_OPTS:-})
dir=$(mktemp -d "${TMPDIR:-/tmp}/retro278-read-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
file="$dir/responses.x12"
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
java "${jvm[@]}" -cp "$cp" org.retro278.bench.ReadCommandBenchmark generate "$file" "$sets"
segments=$(wc -l < "$file")
echo "== warm: one JVM, -Xmx256m"
java -Xmx256m "${jvm[@]}" -cp "$cp" org.retro278.bench.ReadCommandBenchmark warm "$file" "$dir/warm.jsonl"
java -Xmx256m "${jvm[@]}" -cp "$cp" org.retro278.bench.ReadCommandBenchmark json "$file"
echo "== fresh JVM each, -Xmx256m, as a user runs it; /usr/bin/time gives wall and CPU of all threads (JIT, GC)"
fresh() { # NAME OUTPUT COMMAND...: runs COMMAND once with stdout to OUTPUT, prints segments/s
  local name=$1 output=$2; shift 2
  /usr/bin/time -f "%e %U %S" -o "$dir/time" "$@" > "$output" 2> "$dir/err"
  read -r wall user sys < "$dir/time"
  awk -v n="$name" -v s="$segments" -v w="$wall" -v u="$user" -v k="$sys" -v b="$(wc -c < "$output")" 'BEGIN {
    printf "RESULT %s: %9.0f segments/s wall, %9.0f per CPU-second  (%d segments, %.2f s wall, %.2f s CPU all threads, %d bytes out)\n",
      n, s / w, s / (u + k), s, w, u + k, b }'
}
fresh "reader alone, validated, fresh JVM" "$dir/reader.txt" \
  java -Xmx256m "${jvm[@]}" -cp "$cp" org.retro278.bench.ReadCommandBenchmark reader "$file"
fresh "read FILE > out.jsonl, fresh JVM " "$dir/read.jsonl" \
  java -Xmx256m "${jvm[@]}" -cp "$cp" org.retro278.cli.Retro278 read "$file"
