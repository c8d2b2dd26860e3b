#!/usr/bin/env bash
# Two packaged builds under the same load, alternated (A B A B ...), so that each pair is taken
# back to back and drift of the machine falls on both. For every run it prints events/s and the
# service's CPU per event over the measured window (from /proc/PID/stat: on a saturated 2-core
# box this is steadier than throughput, which also pays for PostgreSQL and the load generator).
#
#   scripts/ab-load.sh --before /tmp/base/target/quarkus-app-postgresql \
#       --after target/quarkus-app-postgresql --pairs 4 --mode closed \
#       --after-args "-Dautomations.rate-limit=0" --fresh-db automations_b
#
# Both builds run with the outbox idle (-Dautomations.outbox.poll-interval=1h): sending emails
# competes for the cores and is not the event path. Linux only (reads /proc).
set -euo pipefail
cd "$(dirname "$0")/.."

before="" after="" pairs=3 mode=closed seconds=30 warmup=10 before_args="" after_args="" fresh_db=""
while [ $# -gt 0 ]; do
  case "$1" in
    --before) before=$2; shift 2 ;;
    --after) after=$2; shift 2 ;;
    --pairs) pairs=$2; shift 2 ;;
    --mode) mode=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --before-args) before_args=$2; shift 2 ;;
    --after-args) after_args=$2; shift 2 ;;
    --fresh-db) fresh_db=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$before" ] && [ -n "$after" ] || { echo "--before DIR and --after DIR are required" >&2; exit 2; }

work=target/ab-load
mkdir -p "$work"
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# --fresh-db NAME drops and recreates that database (as the postgres role) before every run:
# without it each run adds its rows to the last one's, so the later run of a pair works on a
# bigger database and meets autovacuum more often.
fresh() {
  [ -n "$fresh_db" ] || return 0
  psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $fresh_db WITH (FORCE)" \
    -c "CREATE DATABASE $fresh_db OWNER automations" -c "CHECKPOINT" >/dev/null
}

# one run: prints "events/s cpu-ms-per-event"
run() {
  local app=$1 args=$2 log=$3
  fresh
  # the last run's log must not answer the waits below before this run's generator truncates it
  rm -f "$log"
  scripts/load.sh --start pg --app "$app" --modes "$mode" --seconds "$seconds" --warmup "$warmup" \
    --work-dir "$work/service" --jvm-args "-Dautomations.outbox.poll-interval=1h $args" >"$log" 2>&1 &
  local gen=$! pid="" t0 t1
  # the generator prints the warm-up line when the measured window starts
  until grep -q "warm-up:" "$log" 2>/dev/null; do kill -0 $gen 2>/dev/null || break; sleep 0.1; done
  pid=$(pgrep -f -n "$app/quarkus-run.jar" || true)
  [ -n "$pid" ] || { wait $gen || true; echo "no service started; see $log" >&2; return 1; }
  t0=$(ticks "$pid")
  until grep -q "^RESULT" "$log" 2>/dev/null; do kill -0 $gen 2>/dev/null || break; sleep 0.1; done
  t1=$(ticks "$pid")
  wait $gen
  local events rate
  events=$(grep "^RESULT" "$log" | grep -o ' events=[0-9]*' | cut -d= -f2)
  rate=$(grep "^RESULT" "$log" | grep -o 'events/s=[0-9]*' | cut -d= -f2)
  echo "$rate $(awk -v t=$((t1 - t0)) -v e="$events" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.3f", t * 1000 / hz / e }')"
}

echo "pair before(events/s cpu-ms/event) after(events/s cpu-ms/event) ratio(events/s) load"
sum=0
for i in $(seq 1 "$pairs"); do
  # odd pairs run before first, even pairs after first (A B B A ...): neither build is always
  # the one that meets the machine's drift second
  if [ $((i % 2)) -eq 1 ]; then
    read -r ra ca < <(run "$before" "$before_args" "$work/before-$i.log")
    read -r rb cb < <(run "$after" "$after_args" "$work/after-$i.log")
  else
    read -r rb cb < <(run "$after" "$after_args" "$work/after-$i.log")
    read -r ra ca < <(run "$before" "$before_args" "$work/before-$i.log")
  fi
  ratio=$(awk -v a="$ra" -v b="$rb" 'BEGIN { printf "%.3f", b / a }')
  sum=$(awk -v s="$sum" -v r="$ratio" 'BEGIN { print s + r }')
  echo "$i $ra $ca $rb $cb $ratio $(cut -d' ' -f1-3 /proc/loadavg)"
done
echo "mean ratio after/before: $(awk -v s="$sum" -v n="$pairs" 'BEGIN { printf "%.3f", s / n }')"
