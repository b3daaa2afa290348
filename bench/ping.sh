#!/usr/bin/env bash
# Benchmark: our ping round-trip time (`receiver --ping`) against sockperf's TCP ping-pong, in the
# same run, on loopback, with the same payload size.
#
# Starts `sockperf server --tcp` and our `sender` on 127.0.0.1 (free ports), then alternates, for
# ROUNDS rounds, one run of `receiver --ping PINGS --warmup WARMUP --size SIZE --json` (a fresh
# receiver JVM each time, against the same long-lived sender) and one run of
# `sockperf ping-pong --tcp -m SIZE -t SOCKPERF_SECONDS --full-rtt` (round trip, not sockperf's
# default half round trip), the order swapped every other round so that neither side always runs
# on a machine that the other has just warmed. Each run gives min, p50, p90, p99, p99.9 and max
# in microseconds; the table shows the median over the rounds of each, and the ratios ours /
# sockperf of the medians of p50 and p99.
#
# On the wire a PING of SIZE payload bytes is a frame of SIZE + 5 bytes and its PONG one of
# SIZE + 13 bytes; sockperf's -m SIZE messages are SIZE bytes each way (its own header included).
#
# sockperf speaks in clear, so ours does too, like for like: the sender and every receiver run
# with --plain (ping admits anyone, so the sender needs no --open), with the JVM options the
# launchers give such a run. Nothing touches the real home directory: XDG_CONFIG_HOME points
# into the run's temporary directory.
#
# Every run is bounded by timeout(1); the servers are stopped and the temporary directory removed
# on any exit. Writes a markdown fragment to bench/results/ping.md (git-ignored).
#
# Environment (defaults in brackets):
#   SIZE [64]                 payload bytes of each ping (our --size, sockperf's -m); 32 to 65520
#   PINGS [50000]             measured pings per run of ours
#   WARMUP [20000]            unmeasured pings before them, for the JIT of the receiver JVM (the
#                             sender JVM lives through all rounds and is warmed before round 1)
#   ROUNDS [3]                runs of each
#   SOCKPERF_SECONDS [2]      length of each sockperf run (it discards its own first 400 ms)
#   SENDER_JAVA_OPTS []       JVM options added to the launchers' (bin/lib/launch.sh) for our sender, e.g. "-XX:+UseParallelGC"
#   RECEIVER_JAVA_OPTS []     JVM options added to the launchers' (bin/lib/launch.sh) for each receiver JVM
#   TARGET_P50 [1.10]  TARGET_P99 [1.50]   the highest ratios ours / sockperf that meet the targets
#   RUN_TIMEOUT [120]         seconds before one run is killed
#   QUIET_WAIT [30]           before each run, wait up to this many seconds for a second in which
#                             other processes use under 10% of the CPU (on a shared machine);
#                             each run's table row says how much others used during it
#   PIN [same]                where the processes run (taskset(1)): "same" puts every server and
#                             client on CPU 0, "split" the servers on CPU 1 and the clients on CPU 0,
#                             "none" leaves it to the scheduler. On a small VM a wake-up across CPUs
#                             costs tens of microseconds and the scheduler places the two ends now on
#                             one CPU, now on two, which makes unpinned runs bimodal; "same" measures
#                             the software, "split" the software plus cross-CPU wake-ups. A JVM
#                             started on one CPU sizes itself for one (Serial GC, fewer JIT threads).
#
# Exit status: 0 when both targets are met, 1 when the runs completed but a target was missed,
# 2 when the benchmark could not be run (no sockperf, no java, a server that did not start, a
# run that failed).
set -u -o pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root" || exit 2

SIZE="${SIZE:-64}"
PINGS="${PINGS:-50000}"
WARMUP="${WARMUP:-20000}"
ROUNDS="${ROUNDS:-3}"
SOCKPERF_SECONDS="${SOCKPERF_SECONDS:-2}"
SENDER_JAVA_OPTS="${SENDER_JAVA_OPTS:-}"
RECEIVER_JAVA_OPTS="${RECEIVER_JAVA_OPTS:-}"
TARGET_P50="${TARGET_P50:-1.10}"
TARGET_P99="${TARGET_P99:-1.50}"
RUN_TIMEOUT="${RUN_TIMEOUT:-120}"
PIN="${PIN:-same}"
QUIET_WAIT="${QUIET_WAIT:-30}"
HOST=127.0.0.1                       # loopback only, never anything else
LISTEN_TIMEOUT=30                    # seconds for a server to start listening

say() { printf '%s\n' "ping-bench: $*" >&2; }
die() { say "$*"; exit 2; }
. "$root/bench/lib.sh"
SENDER_JAVA_OPTS="$(launcher_options sender --plain)$SENDER_JAVA_OPTS"
RECEIVER_JAVA_OPTS="$(launcher_options receiver --ping 1 --plain)$RECEIVER_JAVA_OPTS"

for v in SIZE PINGS WARMUP ROUNDS SOCKPERF_SECONDS RUN_TIMEOUT QUIET_WAIT; do
  is_uint "${!v}" || die "$v must be a whole number, not '${!v}'"
done
[ "$SIZE" -ge 32 ] && [ "$SIZE" -le 65520 ] || die "SIZE must be between 32 and 65520 bytes (our --size range), not $SIZE"
[ "$ROUNDS" -ge 1 ] && [ "$PINGS" -ge 1 ] && [ "$SOCKPERF_SECONDS" -ge 1 ] || die "ROUNDS, PINGS and SOCKPERF_SECONDS must be at least 1"
case "$PIN" in
  same) server_cpus=(taskset -c 0); client_cpus=(taskset -c 0) ;;
  split) server_cpus=(taskset -c 1); client_cpus=(taskset -c 0) ;;
  none) server_cpus=(); client_cpus=() ;;
  *) die "PIN must be same, split or none, not '$PIN'" ;;
esac
if [ "$PIN" != none ]; then
  command -v taskset >/dev/null || die "taskset(1) is needed for PIN=$PIN (or run with PIN=none)"
  [ "$PIN" = same ] || [ "$(nproc)" -ge 2 ] || die "PIN=split needs two CPUs"
fi

# ---------------------------------------------------------------- sockperf
transfer_setup ping-bench sockperf=sockperf
sender_pid="" sockperf_pid=""
sockperf_version="$(sockperf --version 2>&1 | sed -nE 's/.*version ([^ ]+).*/\1/p' | head -1)"
sockperf_help="$(sockperf ping-pong --help 2>&1)" # whole, not piped into grep -q: that would end in SIGPIPE
grep -q -- '--full-rtt' <<<"$sockperf_help" \
  || die "this sockperf ($sockperf_version) has no --full-rtt; its percentiles would be half round trips"

# CPU ticks (USER_HZ) for telling how much of the machine others used during one run: the machine's
# busy and total ticks from /proc/stat, and ours: the two servers' and this shell's waited-for
# children's (the client runs as timeout(1) -> java or sockperf, whose times end up there).
proc_ticks() { # pid: utime + stime, or 0
  [ -n "$1" ] && [ -r "/proc/$1/stat" ] && awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" || echo 0
}
snapshot() { # prints "busy total ours"
  local machine self
  # busy: user, nice and system time only; loopback TCP spends much in softirq, which no process is charged for
  machine="$(awk '/^cpu / { print $2 + $3 + $4, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat)"
  self="$(awk '{ sub(/.*\) /, ""); print $14 + $15 }' /proc/$$/stat)" # cutime + cstime of this shell
  echo "$machine $(( $(proc_ticks "$sender_pid") + $(proc_ticks "$sockperf_pid") + self ))"
}
others_share() { # "before" "after": share of the machine's CPU used by others, in percent
  awk -v a="$1" -v b="$2" 'BEGIN { split(a, x, " "); split(b, y, " "); total = y[2] - x[2]
    others = (y[1] - x[1]) - (y[3] - x[3]); if (others < 0) others = 0
    printf "%.0f", (total > 0 ? 100 * others / total : 0) }'
}

# ---------------------------------------------------------------- the servers
# serve WHAT OUT ERR COMMAND...: starts COMMAND PORT (a function) in the background on a free
# port until it listens, up to 5 ports; sets served_port and served_pid, or dies.
serve() {
  local what="$1" out="$2" err="$3" attempt; shift 3
  for attempt in 1 2 3 4 5; do
    served_port="$(pick_port)" || die "no free port found"
    [ "$served_port" != "${sockperf_port:-}" ] || continue
    "$@" "$served_port" >"$out" 2>"$err" </dev/null &
    served_pid=$!
    wait_listening "$served_port" "$served_pid" && return 0
    stop_pid "$served_pid" 5
    wait "$served_pid" 2>/dev/null
    say "$what did not start on port $served_port (attempt $attempt)"
  done
  cat "$err" >&2
  die "$what could not start"
}
sockperf_server() { "${server_cpus[@]}" sockperf server --tcp -i "$HOST" -p "$1"; }
our_sender() {
  # shellcheck disable=SC2086  # SENDER_JAVA_OPTS is a list of options
  "${server_cpus[@]}" "$JAVA" $SENDER_JAVA_OPTS -jar "$sender_jar" --plain --bind "$HOST" --port "$1" \
    --output-dir "$work/outputs" --no-log-file
}
serve "sockperf server" "$work/sockperf-server.out" "$work/sockperf-server.err" sockperf_server
sockperf_port="$served_port" sockperf_pid="$served_pid"
pids+=("$sockperf_pid")
serve "our sender" "$work/sender.out" "$work/sender.err" our_sender
sender_port="$served_port" sender_pid="$served_pid"
pids+=("$sender_pid")
say "sockperf server on $HOST:$sockperf_port (pid $sockperf_pid), our sender on $HOST:$sender_port (pid $sender_pid)"

await_quiet() { # waits (at most QUIET_WAIT seconds) for a second in which the machine is under 10% busy
  local i busy="?"
  [ "$QUIET_WAIT" -gt 0 ] || return 0
  for ((i = 0; i < QUIET_WAIT; i++)); do
    busy="$(cpu_busy)"
    [ "${busy%\%}" -lt 10 ] && return 0
  done
  say "the machine stayed busy (${busy} in the last second) for ${QUIET_WAIT}s; running anyway"
}

# ---------------------------------------------------------------- one run of each
# Each writes "min p50 p90 p99 p99.9 max" in microseconds, one line, to $work/row. They run in this
# shell (no command substitution), so that the clean-up on Ctrl-C knows the client's pid.
run_ours() { # round
  local out="$work/ours-$1.json" err="$work/ours-$1.err" code=0 before
  await_quiet
  before="$(snapshot)"
  # shellcheck disable=SC2086  # RECEIVER_JAVA_OPTS is a list of options
  timeout -k 5 "$RUN_TIMEOUT" "${client_cpus[@]}" "$JAVA" $RECEIVER_JAVA_OPTS -jar "$receiver_jar" --plain --host "$HOST" --port "$sender_port" \
    --ping "$PINGS" --warmup "$WARMUP" --size "$SIZE" --json --no-log-file >"$out" 2>"$err" </dev/null &
  client_pid=$!
  pids+=("$client_pid")
  finish "$client_pid" || code=$?
  others="$(others_share "$before" "$(snapshot)")"
  if [ "$code" -ne 0 ] || ! grep -q '"rttMicros"' "$out"; then
    cat "$err" >&2
    die "receiver --ping failed in round $1 (exit $code)"
  fi
  grep -q '"lost":0,' "$out" && grep -q '"mismatched":0' "$out" || die "receiver --ping lost or mismatched pings in round $1: $(cat "$out")"
  local f
  for f in min p50 p90 p99 p99.9 max; do
    grep -o "\"$f\":[0-9.eE+-]*" "$out" | head -1 | cut -d: -f2
  done | paste -sd' ' >"$work/row"
}

run_sockperf() { # round
  local out="$work/sockperf-$1.out" code=0 before
  await_quiet
  before="$(snapshot)"
  timeout -k 5 "$RUN_TIMEOUT" "${client_cpus[@]}" sockperf ping-pong --tcp -i "$HOST" -p "$sockperf_port" -m "$SIZE" \
    -t "$SOCKPERF_SECONDS" --full-rtt >"$out" 2>&1 </dev/null &
  client_pid=$!
  pids+=("$client_pid")
  finish "$client_pid" || code=$?
  others="$(others_share "$before" "$(snapshot)")"
  # strip colour codes; the percentiles are "---> percentile 50.000 =   11.837" and "<MIN> observation = ..."
  sed -i 's/\x1b\[[0-9;]*m//g' "$out"
  if [ "$code" -ne 0 ] || ! grep -q 'percentile 99.900' "$out"; then
    cat "$out" >&2
    die "sockperf ping-pong failed in round $1 (exit $code)"
  fi
  grep -q 'Round trip is\|avg-rtt' "$out" || die "sockperf did not report round trips (--full-rtt) in round $1"
  grep -q '# dropped messages = 0;' "$out" || say "warning: sockperf reports dropped messages in round $1"
  awk '
    /<MIN> observation/ { min = $NF }
    /<MAX> observation/ { max = $NF }
    /percentile 50.000/ { p50 = $NF }
    /percentile 90.000/ { p90 = $NF }
    /percentile 99.000/ { p99 = $NF }
    /percentile 99.900/ { p999 = $NF }
    END { print min, p50, p90, p99, p999, max }' "$out" >"$work/row"
}

# Warm the sender's JIT once, outside the measurement (the receiver JVMs are warmed by WARMUP).
say "warming our sender: one unrecorded run of $((PINGS + WARMUP)) pings"
run_ours warmup

: >"$work/ours.rows"
: >"$work/sockperf.rows"
for ((r = 1; r <= ROUNDS; r++)); do
  if ((r % 2)); then order="ours sockperf"; else order="sockperf ours"; fi
  for who in $order; do
    "run_$who" "$r"
    row="$(cat "$work/row")"
    printf '%s %s %s\n' "$r" "$row" "$others" >>"$work/$who.rows"
    say "round $r, $who: min p50 p90 p99 p99.9 max = $row us; others used ${others}% of the CPU meanwhile"
    [ "$others" -le 10 ] || say "warning: other processes were busy during this run; its figures are noisy"
  done
done

# ---------------------------------------------------------------- figures
median_col() { # file column(2..7): median over the rounds
  fmt "$(awk -v c="$2" '{ print $c }' "$1" | median)" 2
}
labels=(min p50 p90 p99 p99.9 max)
declare -A ours theirs
for i in "${!labels[@]}"; do
  ours[${labels[$i]}]="$(median_col "$work/ours.rows" $((i + 2)))"
  theirs[${labels[$i]}]="$(median_col "$work/sockperf.rows" $((i + 2)))"
done
p50_ratio="$(ratio "${ours[p50]}" "${theirs[p50]}")"
p99_ratio="$(ratio "${ours[p99]}" "${theirs[p99]}")"
p50_met=no; awk -v r="$p50_ratio" -v t="$TARGET_P50" 'BEGIN { exit !(r != "n/a" && r <= t) }' && p50_met=yes
p99_met=no; awk -v r="$p99_ratio" -v t="$TARGET_P99" 'BEGIN { exit !(r != "n/a" && r <= t) }' && p99_met=yes

# ---------------------------------------------------------------- report
when="$(date -u '+%Y-%m-%d %H:%M UTC')"
ours_cmd="receiver --plain --ping $PINGS --warmup $WARMUP --size $SIZE --json --no-log-file against sender --plain --bind $HOST --no-log-file"
theirs_cmd="sockperf ping-pong --tcp -i $HOST -m $SIZE -t $SOCKPERF_SECONDS --full-rtt against sockperf server --tcp -i $HOST"

table() {
  echo "| RTT, microseconds (median of $ROUNDS runs) | ours | sockperf | ours / sockperf |"
  echo "| --- | ---: | ---: | ---: |"
  for l in "${labels[@]}"; do
    echo "| $l | ${ours[$l]} | ${theirs[$l]} | $(ratio "${ours[$l]}" "${theirs[$l]}") |"
  done
}
runs_table() {
  echo "| run | min | p50 | p90 | p99 | p99.9 | max | CPU used by others meanwhile |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  awk '{ printf "| ours, round %s | %s | %s | %s | %s | %s | %s | %s%% |\n", $1, $2, $3, $4, $5, $6, $7, $8 }' "$work/ours.rows"
  awk '{ printf "| sockperf, round %s | %s | %s | %s | %s | %s | %s | %s%% |\n", $1, $2, $3, $4, $5, $6, $7, $8 }' "$work/sockperf.rows"
}

{
  echo
  echo "== ping RTT on $HOST, $SIZE-byte payload, PIN=$PIN: ours vs sockperf (TCP ping-pong, full round trip)"
  printf '%-8s %10s %10s %16s\n' "RTT us" ours sockperf "ours/sockperf"
  for l in "${labels[@]}"; do
    printf '%-8s %10s %10s %16s\n' "$l" "${ours[$l]}" "${theirs[$l]}" "$(ratio "${ours[$l]}" "${theirs[$l]}")"
  done
  echo "(medians of $ROUNDS runs each)"
  echo
  echo "p50 ours/sockperf $p50_ratio (target <= $TARGET_P50: $p50_met); p99 ours/sockperf $p99_ratio (target <= $TARGET_P99: $p99_met)"
  machine_header sockperf
} >&2

mkdir -p bench/results
{
  echo "### Ping latency against sockperf — $when"
  echo
  machine_header sockperf
  echo "- Ours: \`$ours_cmd\` (a fresh receiver JVM per run; one sender JVM for all, warmed by an unrecorded run first); SENDER_JAVA_OPTS='${SENDER_JAVA_OPTS}', RECEIVER_JAVA_OPTS='${RECEIVER_JAVA_OPTS}'"
  echo "- sockperf: \`$theirs_cmd\`"
  echo "- $ROUNDS rounds, alternating (ours first in odd rounds); payload $SIZE bytes (our frames: $((SIZE + 5)) bytes out, $((SIZE + 13)) back)"
  echo "- Placement: PIN=$PIN ($(case "$PIN" in same) echo "servers and clients all on CPU 0" ;; split) echo "servers on CPU 1, clients on CPU 0" ;; none) echo "left to the scheduler" ;; esac))"
  echo
  table
  echo
  echo "Targets: p50 ours/sockperf $p50_ratio <= $TARGET_P50 — **$p50_met**; p99 ours/sockperf $p99_ratio <= $TARGET_P99 — **$p99_met**."
  echo
  echo "<details><summary>each run</summary>"
  echo
  runs_table
  echo
  echo "</details>"
} >bench/results/ping.md
say "wrote bench/results/ping.md"

[ "$p50_met" = yes ] && [ "$p99_met" = yes ] && exit 0
exit 1
