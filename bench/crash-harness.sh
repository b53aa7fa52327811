#!/usr/bin/env bash
# The crash harness of docs/reliability.md ("SIGKILL at random moments"). On a fresh clone, after
#   mvn -B -ntp package -DskipTests
# run from anywhere:
#   bench/crash-harness.sh                          # 2,000 claims in 25 files, 30 kills, seed 278
#   bench/crash-harness.sh --seed 7 --kills 40 --files 20 --claims 2000 --keep
# It runs the real adapter (java -jar target/retro278.jar run, the shipped configuration: embedded SFTP server,
# embedded H2 store, simulated payers) on a fresh work folder, drops the claim files (fictional, generated) into
# RIVERSIDE's drop folder over SFTP (OpenSSH sftp, the practice's own key, under a dot-name then renamed), and
# kills the adapter JVM with kill -9 at random moments (seeded), restarting it each time, while the files are
# taken in, reserved, built and uploaded. Then it lets the adapter finish and counts every claim at the payers
# by trace number (TRN02, read with StAEDI: org.retro278.bench.PayerCensus): each exactly once, every file in .done, the
# store and the status files agreeing. Exit 0 when every claim is accounted for.
#
# With --pg-outage SECONDS the store is PostgreSQL instead: a cluster of the harness's own (initdb and pg_ctl of the
# installed PostgreSQL, its own data folder and free port; no other server is touched), and the last run (not
# killed, not restarted) has --outages (default 2) outages of that many seconds: the first as soon as an
# interchange is reserved (files still being taken in and sent), stopped with pg_ctl -m fast; the second as soon
# as a payer's response file has been read, stopped with -m immediate (a crash of the server). During each, the
# adapter's /health/ready is asked every second and its log lines are counted by kind; then the same census.
# --kills defaults to 0 in this mode:
#   bench/crash-harness.sh --pg-outage 45 --files 1 --claims 2000
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seed=278 kills="" files=25 claims=2000 keep=false outage=0 outages=2
while [ $# -gt 0 ]; do
  case "$1" in
    --seed) seed=$2; shift 2 ;;
    --kills) kills=$2; shift 2 ;;
    --pg-outage) outage=$2; shift 2 ;;
    --outages) outages=$2; shift 2 ;;
    --files) files=$2; shift 2 ;;
    --claims) claims=$2; shift 2 ;;
    --keep) keep=true; shift ;;
    *) echo "usage: $0 [--seed N] [--kills N] [--files N] [--claims N] [--keep] [--pg-outage SECONDS [--outages N]]" >&2; exit 2 ;;
  esac
done
if [ -z "$kills" ]; then if [ "$outage" -gt 0 ]; then kills=0; else kills=30; fi; fi
jar=$root/target/retro278.jar
[ -f "$jar" ] && [ -d "$root/target/test-classes" ] || { echo "build first: mvn -B -ntp package -DskipTests" >&2; exit 2; }
cp="$jar:$root/target/test-classes"
RANDOM=$seed
run=$(mktemp -d -t retro278-crash-XXXXXX)
work=$run/work
mkdir -p "$run/claims" "$run/logs"
adapter=""
dropper=""
cleanup() {
  [ -n "$dropper" ] && kill "$dropper" 2>/dev/null || true
  [ -n "$adapter" ] && kill -9 "$adapter" 2>/dev/null || true
  [ -n "${pgdata:-}" ] && pg_stop immediate 2>/dev/null || true
  if [ "$keep" = false ] && [ "${status:-1}" = 0 ]; then rm -rf "$run" "${pgdir:-}"; else echo "== kept: $run ${pgdir:-}"; fi
}
trap cleanup EXIT

# the shipped configuration, with the practice's own login key and no fixed management port
cp -r "$root/config" "$run/config"
ssh-keygen -q -t ed25519 -N "" -C crash-harness -f "$run/practice_key"
sed -i "s|^  # account: .*|  account:\n    authorizedKeys: $run/practice_key.pub|" "$run/config/practices/RIVERSIDE.yaml"
grep -q "authorizedKeys: $run" "$run/config/practices/RIVERSIDE.yaml" || { echo "RIVERSIDE.yaml: no account line to set" >&2; exit 2; }
echo "retro278.management.port=0" >> "$run/config/application.properties"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port)

# --pg-outage: a PostgreSQL cluster of our own (as user postgres when run as root: initdb refuses root)
storeurl=""
if [ "$outage" -gt 0 ]; then
  pgbin=$(pg_config --bindir)
  pgdir=$(mktemp -d -t retro278-pg-XXXXXX)
  pgdata=$pgdir/data pgport=$(free_port)
  as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  [ "$(id -u)" = 0 ] && chown postgres "$pgdir"
  pg_start() { as_pg "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdir/postgres.log" -w -t 60 \
    -o "-p $pgport -k $pgdir -c listen_addresses=127.0.0.1" start > /dev/null; }
  pg_stop() { as_pg "$pgbin/pg_ctl" -D "$pgdata" -m "$1" -w stop > /dev/null; }
  as_pg "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 --no-instructions > "$run/logs/initdb.log"
  pg_start
  as_pg "$pgbin/createdb" -h 127.0.0.1 -p "$pgport" -U postgres retro278
  storeurl="jdbc:postgresql://127.0.0.1:$pgport/retro278"
  sed -i "s|^retro278.store.url=.*|retro278.store.url=$storeurl|; s|^retro278.store.user=.*|retro278.store.user=postgres|" \
    "$run/config/application.properties"
  grep -q "^retro278.store.url=$storeurl" "$run/config/application.properties" || { echo "no store url line to set" >&2; exit 2; }
  echo "== PostgreSQL $("$pgbin/postgres" --version | grep -oE '[0-9]+\.[0-9]+' | head -1) of our own: $pgdata, port $pgport"
fi

# fictional claims, valid as of today (run uses the real clock), ids of their own per file
today=$(date +%F)
per=$((claims / files))
for i in $(seq 1 "$files"); do
  n=$per; [ "$i" -eq "$files" ] && n=$((claims - per * (files - 1)))
  java -cp "$cp" org.retro278.bench.ValidClaimFileGenerator "$n" "$run/claims/$(printf 'crash-%02d.csv' "$i")" \
    "$((seed * 1000 + i))" "$today" "$(printf 'K%02d-' "$i")" > /dev/null
done
echo "== seed $seed: $claims claims in $files files, $kills kills, $([ "$outage" -gt 0 ] && echo "$outages PostgreSQL outage(s) of $outage s" || echo "H2");" \
  "work folder $work; $(nproc) cores"

start_adapter() { # $1: log name
  java -jar "$jar" run --config "$run/config" --work "$work" --sftp-port "$port" > "$run/logs/$1.log" 2>&1 &
  adapter=$!
}
running() { grep -q "retro278 is running" "$run/logs/$1.log" 2>/dev/null; }

# the practice's side: each file under .<name>.part, then renamed; tried again (after a kill) until it is there
drop_all() {
  local drop=$work/sftp/home/riverside/drop f name
  RANDOM=$((seed + 1))
  for f in "$run"/claims/*.csv; do
    name=$(basename "$f")
    until [ -e "$drop/$name" ] || [ -e "$drop/.done/$name" ] || [ -e "$drop/.error/$name" ]; do
      printf 'cd drop\nput %s .%s.part\nrename .%s.part %s\n' "$f" "$name" "$name" "$name" > "$run/batch-$name"
      timeout 30 sftp -q -b "$run/batch-$name" -i "$run/practice_key" -P "$port" -o BatchMode=yes \
        -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$work/sftp/known_hosts" riverside@127.0.0.1 \
        >> "$run/logs/sftp.log" 2>&1 || sleep 1
    done
    echo "$(date +%s) $name" >> "$run/dropped.txt"
    sleep "0.$((RANDOM % 10))"
  done
}

t0=$(date +%s)
declare -A phase
for k in $(seq 1 "$kills"); do
  touch "$run/start-$k"
  start_adapter "run-$k"
  mode=$((RANDOM % 8))
  if [ "$mode" -eq 0 ]; then
    sleep "$((RANDOM % 3)).$((RANDOM % 10))" # now and then while it starts
  else
    for _ in $(seq 1 600); do running "run-$k" && break; kill -0 "$adapter" 2>/dev/null || break; sleep 0.2; done
    running "run-$k" || { echo "run $k did not start: $run/logs/run-$k.log" >&2; exit 1; }
    [ -z "$dropper" ] && { drop_all & dropper=$!; }
    case "$mode" in
      1|2) event="reserved for payer" ;;  # killed while the interchange is built (or already uploading)
      3|4) event="built: [0-9]+ transaction" ;; # killed while it is uploaded (or just after)
      *) event="" ;;                      # a moment anywhere in the next 15 s
    esac
    if [ -n "$event" ]; then
      for _ in $(seq 1 1000); do grep -qE "$event" "$run/logs/run-$k.log" && break; sleep 0.02; done
      sleep "0.0$((RANDOM % 10))"
    else
      ms=$((RANDOM % 15000 + 100))
      sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
    fi
  fi
  kill -9 "$adapter"
  rc=0; wait "$adapter" || rc=$?
  [ "$rc" -eq 137 ] || { echo "run $k: exit status $rc, not 137 (killed): $run/logs/run-$k.log" >&2; exit 1; }
  # what was under way: a claim file being read (a spooled copy of this run is left), the submission step logged last, or a
  # claim file waiting in the drop folder for its quiet check
  what=startup
  if running "run-$k"; then
    what=idle
    last=$(grep -oE "reserved for payer|built: [0-9]+ transaction|sent to payer|already at payer" "$run/logs/run-$k.log" | tail -1 || true)
    case "$last" in
      reserved*) what=build ;;      # reserved, not built yet
      built*) what=upload ;;        # built, not recorded as sent yet
      sent*|already*) what=after-commit ;;
    esac
    if find "$work/spool/RIVERSIDE" -type f -newer "$run/start-$k" 2>/dev/null | grep -q .; then what="intake-reading"
    elif [ "$what" = idle ] && ls "$work/sftp/home/riverside/drop/" 2>/dev/null | grep -q '\.csv$'; then what=intake-waiting; fi
  fi
  phase[$what]=$(( ${phase[$what]:-0} + 1 ))
  echo "kill $k: $what"
done
adapter=""

# the last run: every file dropped, every claim through, then a clean stop
start_adapter final
for _ in $(seq 1 600); do running final && break; kill -0 "$adapter" 2>/dev/null || break; sleep 0.2; done
running final || { echo "the last run did not start: $run/logs/final.log" >&2; exit 1; }
[ -n "$dropper" ] || { drop_all & dropper=$!; }
[ "$outage" -gt 0 ] && source "$root/bench/pg-outage.sh"
wait "$dropper"; dropper=""
status=0
java -cp "$cp" org.retro278.bench.PayerCensus "$work" "$run/claims" 600 $storeurl | tee "$run/census.txt" || status=1
t_census=$(date +%s)
kill -TERM "$adapter"; wait "$adapter" || true; adapter=""
t1=$(date +%s)
echo "== kills: $kills (exit 137 each), under way when killed: $(for p in "${!phase[@]}"; do printf '%s %s, ' "$p" "${phase[$p]}"; done)"
echo "== claims at the payers: $(grep -oP 'claims at the payers +\K\d+' "$run/census.txt"), duplicates:" \
  "$(grep -oP 'duplicates +\K\d+' "$run/census.txt"), lost: $(grep -oP 'lost +\K\d+' "$run/census.txt")," \
  "wall time $((t1 - t0)) s"
[ "$outage" -gt 0 ] && outage_figures
exit $status
