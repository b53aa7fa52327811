#!/usr/bin/env bash
# The long fuzz runs of docs/reliability.md ("Fuzzing"). Run from anywhere, after a build (offline Maven):
#   bench/fuzz-long.sh                    # 10,000 mutated claim files and 10,000 mutated X12 files
#   bench/fuzz-long.sh 50000 50000 7      # more of each, another seed
# The test command runs the same tests bounded (2,000 claim files, 4,000 X12 files, fixed seeds).
# The crash runs are bench/crash-harness.sh (the real adapter SIGKILLed at random moments over 2,000 claims) and
# the integration tests CrashRecoveryIT and IntakeReliabilityIT (halted at every fault point), not this script:
#   mvn -o failsafe:integration-test failsafe:verify -Dit.test='CrashRecoveryIT,IntakeReliabilityIT'
set -euo pipefail
cd "$(dirname "$0")/.."
claim_files=${1:-10000}
x12_files=${2:-10000}
seed=${3:-}
seed_arg=()
if [ -n "$seed" ]; then seed_arg=(-Dfuzz.seed="$seed"); fi
echo "== seeds: ${seed:-defaults (ClaimFileFuzzTest 278013007, X12FuzzTest 278005010)}"
echo "== machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
mvn -o -q -B test-compile
run() { # test class, mutations
  local start end
  start=$(date +%s)
  if ! mvn -o -B surefire:test -Dtest="$1" -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.mutations="$2" \
      "${seed_arg[@]}" > "target/fuzz-long-$1.log" 2>&1; then
    echo "$1: FAILED (see target/fuzz-long-$1.log and target/surefire-reports/*$1*)"
    grep -E "mutations failed|^mutation " -m 20 target/surefire-reports/*"$1".txt || true
    return 1
  fi
  end=$(date +%s)
  echo "$1: $2 mutations passed in $((end - start)) s"
  grep -h "fuzz:" target/surefire-reports/*"$1"-output.txt 2>/dev/null || true
}
status=0
run ClaimFileFuzzTest "$claim_files" || status=1
run X12FuzzTest "$x12_files" || status=1
exit $status
