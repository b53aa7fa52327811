# Sourced by bench/crash-harness.sh --pg-outage (not run on its own): the PostgreSQL outages of the last run.
# Uses the harness's $run, $work, $outage, $outages, pg_stop, pg_start. For outage n it leaves in $run:
#   health-n.txt  /health/ready asked every second while the server is down and until it answers 200 again
#                 (seconds since the stop, HTTP status, body)
#   outage-n.log  the adapter's log lines from the stop until /health/ready answered 200 again
# and outage_figures prints one line per outage and the log's kinds of WARN/ERROR lines.

mgmt=""
for _ in $(seq 1 150); do
  mgmt=$(grep -oE 'management port on https?://127\.0\.0\.1:[0-9]+' "$run/logs/final.log" | grep -oE '[0-9]+$' | head -1 || true)
  [ -n "$mgmt" ] && break
  sleep 0.2
done
[ -n "$mgmt" ] || { echo "no management port in $run/logs/final.log" >&2; exit 1; }

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
ready() { # prints the status and the body of /health/ready on one line
  local code
  code=$(curl -s -o "$run/ready.json" -w '%{http_code}' --max-time 5 "http://127.0.0.1:$mgmt/health/ready" || true)
  printf '%s %s\n' "${code:-000}" "$(tr -d '\n' < "$run/ready.json" 2>/dev/null)"
}
wait_for() { # $1: what, $2: seconds, then a command that succeeds once it happened
  local what=$1 limit=$2; shift 2
  for _ in $(seq 1 $((limit * 5))); do "$@" && return 0; sleep 0.2; done
  echo "no $what within $limit s" >&2; exit 1
}
reserved() { grep -q "reserved for payer" "$run/logs/final.log"; }
response_read() { find "$work"/sftp/home/payer*/outbound/.done -type f 2>/dev/null | grep -q .; }

declare -A down_s recover_s health503 health200 loglines trigger stopmode
outage_once() { # $1: n, $2: pg_ctl stop mode
  local n=$1 t_down t_up before line
  stopmode[$n]=$2
  before=$(wc -l < "$run/logs/final.log")
  t_down=$(now)
  pg_stop "$2"
  echo "outage $n: PostgreSQL stopped (-m $2) at $(date +%T), for $outage s"
  : > "$run/health-$n.txt"
  (while true; do line=$(ready); echo "$(since "$t_down") $line" >> "$run/health-$n.txt"; sleep 1; done) &
  local poller=$!
  sleep "$outage"
  kill "$poller"; wait "$poller" 2>/dev/null || true
  pg_start
  t_up=$(now)
  down_s[$n]=$(awk -v a="$t_down" -v b="$t_up" 'BEGIN { printf "%.1f", b - a }')
  echo "outage $n: PostgreSQL started again after ${down_s[$n]} s"
  for _ in $(seq 1 600); do
    line=$(ready); echo "$(since "$t_down") $line" >> "$run/health-$n.txt"
    [ "${line%% *}" = 200 ] && break
    sleep 0.5
  done
  [ "${line%% *}" = 200 ] || { echo "outage $n: /health/ready not 200 within 300 s of the server's return" >&2; exit 1; }
  recover_s[$n]=$(since "$t_up")
  health503[$n]=$(grep -c '^[0-9.]* 503 ' "$run/health-$n.txt" || true)
  health200[$n]=$(grep -c '^[0-9.]* 200 ' "$run/health-$n.txt" || true)
  sed -n "$((before + 1)),\$p" "$run/logs/final.log" > "$run/outage-$n.log"
  loglines[$n]=$(wc -l < "$run/outage-$n.log")
  echo "outage $n: /health/ready 200 again ${recover_s[$n]} s after the server was back"
}

# 1: once the first interchange is reserved (files still arriving and being read, interchanges being built and sent)
if [ "$outages" -ge 1 ]; then
  wait_for "reservation" 600 reserved
  trigger[1]="the first interchange reserved"
  outage_once 1 fast
fi
# 2: once a payer's response file has been read (responses being applied), the server crashing this time
if [ "$outages" -ge 2 ]; then
  wait_for "response file read" 900 response_read
  trigger[2]="the first response file read"
  outage_once 2 immediate
fi
t_last_up=$(now)

outage_figures() {
  local n
  for n in $(seq 1 "$outages"); do
    echo "== outage $n: PostgreSQL down ${down_s[$n]} s (pg_ctl stop -m ${stopmode[$n]}) after ${trigger[$n]};" \
      "/health/ready 503 x ${health503[$n]}, 200 x ${health200[$n]} while down and after; 200 again ${recover_s[$n]} s" \
      "after the server was back; ${loglines[$n]} log lines, $(grep -cE '^\s+at |^Caused by' "$run/outage-$n.log" || true)" \
      "of them stack-trace lines"
    echo "   store check while down: $(grep -m1 ' 503 ' "$run/health-$n.txt" | grep -oE '"store"[^}]*}' | head -1 || true)"
    grep -E ' (WARN|ERROR) ' "$run/outage-$n.log" | sed -E 's/^[^ ]+ +//; s/\[[^]]*\] //; s/[0-9A-F]{15}-[0-9A-F]{16}/ID/g; s/@[0-9a-f]+/@X/g; s/[0-9]+/N/g' | cut -c1-220 \
      | sort | uniq -c | sort -rn | sed 's/^/   /' || true
  done
  echo "== census held $(awk -v a="$t_last_up" -v b="$t_census" 'BEGIN { printf "%.0f", b - a }') s after the last outage ended"
}
