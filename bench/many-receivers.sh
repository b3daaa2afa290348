#!/usr/bin/env bash
# Benchmark: ONE sender process serving many receivers at once (1,000 by default) on loopback.
#
# The receivers run as PROCESSES separate JVMs, each with `receiver --parallel N`, so that the
# JVM count stays sane. The sender binds 127.0.0.1 only, on a free port, and writes into a
# temporary directory that is removed at the end. While the receivers run, the sender's
# /proc/<pid>/status and stat are sampled about every 100 ms (VmHWM, VmRSS, Threads, CPU time),
# with the established connections to its port and the sessions it has accepted. Every wait is
# bounded, the sender is stopped with SIGTERM at the end (its final "sender stopped; ..." line is
# captured), and everything started here is stopped and removed on any exit.
#
# Every connection is TLS 1.3, the apps' default (generated files admit anyone, so no token is
# needed); PLAIN=1 runs both sides in clear (--plain) instead, to tell what TLS costs. The
# identities and known hosts are made for the run in its temporary directory, never in the real
# home directory: the sender's with --identity, the receivers' (one for all) by XDG_CONFIG_HOME.
#
# Reports: receivers verified out of the total, the receivers' aggregate throughput (total bytes
# / wall time of the whole receiver phase), the sender's confirmed count from its final line,
# the sender's peak RSS and peak thread count, and the wall time. Writes a markdown fragment to
# bench/results/many-receivers.md (git-ignored).
#
# Environment (defaults in brackets):
#   RECEIVERS [1000]          receiving sessions in all
#   PROCESSES [RECEIVERS/1000 rounded up, at least 4]
#                             receiver JVMs; the sessions are split evenly among them
#   COUNT [5]  MIN_SIZE [1K]  MAX_SIZE [16K]  MIN_INTERVAL [0]  MAX_INTERVAL [10ms]
#                             what the sender generates for each receiver
#   MAX_CLIENTS [RECEIVERS]   the sender's --max-clients
#   RETRIES [30]  RETRY_DELAY [200ms]   the receivers' connection budget
#   HANDSHAKE_TIMEOUT [60s]   the receivers' --handshake-timeout (10s is their default): a thousand
#                             TLS handshakes of cold JVMs queue for 2 CPUs, and the sender takes
#                             them a few at a time (its own deadline runs from its turn)
#   PORT [a free one]         port on 127.0.0.1; must be free
#   RECEIVER_TIMEOUT [180, 600 above 1,000 receivers]   seconds before a receiver JVM is killed
#   SENDER_JAVA_OPTS []       JVM options added to the launchers' (bin/lib/launch.sh) for the sender, e.g. "-Xmx256m"
#   RECEIVER_JAVA_OPTS []     JVM options added to the launchers' (bin/lib/launch.sh) for each receiver JVM
#   PLAIN [0]                 1: both sides in clear (--plain), with the launchers' JVM options for that
#   KEEP_LOGS [0]             1: copy the sender's and receivers' logs to bench/results/many-receivers-logs/
#   NMT [0]                   1: run the sender with -XX:NativeMemoryTracking=summary and keep the
#                             `jcmd VM.native_memory summary` taken at the highest RSS (every ~3 s)
#   JAVA_HOME [unset]         when set, "$JAVA_HOME/bin/java" (and its jcmd) runs both sides; else java on the PATH
#   TARGET_RSS_MIB [512]      the sender's peak RSS target
#
# Exit status: 0 when every receiver verified and the sender stayed under TARGET_RSS_MIB,
# 1 when the run completed but a target was missed, 2 when the run could not be done.
# The last line on stdout is always, for other scripts to parse (X with one decimal; 0.0 and 0
# when the run could not be done):
#   RESULT receivers=N verified=V peak_rss_mib=X wall_s=Y
set -u -o pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

RECEIVERS="${RECEIVERS:-1000}"
[[ "$RECEIVERS" =~ ^[0-9]+$ ]] || { echo "many-receivers: RECEIVERS must be a whole number, not '$RECEIVERS'" >&2; exit 2; }
PROCESSES="${PROCESSES:-$(( (RECEIVERS + 999) / 1000 > 4 ? (RECEIVERS + 999) / 1000 : 4 ))}"
COUNT="${COUNT:-5}"
MIN_SIZE="${MIN_SIZE:-1K}"
MAX_SIZE="${MAX_SIZE:-16K}"
MIN_INTERVAL="${MIN_INTERVAL:-0}"
MAX_INTERVAL="${MAX_INTERVAL:-10ms}"
MAX_CLIENTS="${MAX_CLIENTS:-$RECEIVERS}"
RETRIES="${RETRIES:-30}"
RETRY_DELAY="${RETRY_DELAY:-200ms}"
RECEIVER_TIMEOUT="${RECEIVER_TIMEOUT:-$((RECEIVERS > 1000 ? 600 : 180))}"
HANDSHAKE_TIMEOUT="${HANDSHAKE_TIMEOUT:-60s}"
NMT="${NMT:-0}"
SENDER_JAVA_OPTS="${SENDER_JAVA_OPTS:-}"
RECEIVER_JAVA_OPTS="${RECEIVER_JAVA_OPTS:-}"
KEEP_LOGS="${KEEP_LOGS:-0}"
PLAIN="${PLAIN:-0}"
TARGET_RSS_MIB="${TARGET_RSS_MIB:-512}"
HOST=127.0.0.1                       # loopback only, never anything else
SENDER_START_TIMEOUT=30              # seconds for the sender to start listening
SENDER_DRAIN_TIMEOUT=15              # seconds for the sender to report its last sessions
SENDER_STOP_TIMEOUT=20               # seconds for the sender to exit after SIGTERM

say() { printf '%s\n' "many-receivers: $*" >&2; }
result_line() { # verified peak_rss_mib wall_s: the line for other scripts, always the last on stdout
  printf 'RESULT receivers=%s verified=%s peak_rss_mib=%s wall_s=%s\n' "$RECEIVERS" "$1" "$2" "$3"
}
die() { say "$*"; result_line 0 0.0 0; exit 2; }
. "$root/bench/lib.sh"
case "$PLAIN" in
  0) plain=() ;;
  1) plain=(--plain) ;;
  *) die "PLAIN must be 0 or 1, not '$PLAIN'" ;;
esac
SENDER_JAVA_OPTS="$(launcher_options sender "${plain[@]}")$SENDER_JAVA_OPTS"
RECEIVER_JAVA_OPTS="$(launcher_options receiver --discard "${plain[@]}")$RECEIVER_JAVA_OPTS"

for v in RECEIVERS PROCESSES COUNT MAX_CLIENTS RETRIES RECEIVER_TIMEOUT TARGET_RSS_MIB; do
  is_uint "${!v}" || die "$v must be a whole number, not '${!v}'"
done
[ "$PROCESSES" -ge 1 ] || die "PROCESSES must be at least 1"
[ "$RECEIVERS" -ge "$PROCESSES" ] || die "RECEIVERS ($RECEIVERS) must be at least PROCESSES ($PROCESSES)"
[ "$MAX_CLIENTS" -ge "$RECEIVERS" ] || say "warning: MAX_CLIENTS ($MAX_CLIENTS) is below RECEIVERS ($RECEIVERS); some receivers will be told the sender is busy"
if [ -n "${JAVA_HOME:-}" ]; then
  java="$JAVA_HOME/bin/java"
  jcmd="$JAVA_HOME/bin/jcmd"
  [ -x "$java" ] || die "JAVA_HOME is $JAVA_HOME, but it has no bin/java"
else
  java="$(command -v java)" || die "java is not on the PATH (or set JAVA_HOME)"
  jcmd="$(command -v jcmd || echo jcmd)"
fi
case "$NMT" in
  0) ;;
  1) SENDER_JAVA_OPTS="$SENDER_JAVA_OPTS -XX:NativeMemoryTracking=summary" ;;
  *) die "NMT must be 0 or 1, not '$NMT'" ;;
esac
java_version="$("$java" -version 2>&1 | head -1)"
say "java: $java ($java_version)"
command -v timeout >/dev/null || die "timeout(1) is needed"

find_jars

# ---------------------------------------------------------------- state and clean-up
work="$(mktemp -d "${TMPDIR:-/tmp}/many-receivers.XXXXXX")" || die "cannot create a temporary directory"
sender_pid=""
sampler_pid=""
nmt_pid=""
nmt_report=""
receiver_pids=()

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  local p children=()
  # Each receiver runs as timeout(1) -> java; note the java processes, so that none is left
  # behind if timeout itself has to be killed.
  for p in "${receiver_pids[@]}"; do children+=($(pgrep -P "$p" 2>/dev/null)); done
  for p in "${receiver_pids[@]}"; do kill -TERM "$p" 2>/dev/null; done
  [ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null
  [ -n "$nmt_pid" ] && kill "$nmt_pid" 2>/dev/null
  [ -n "$sender_pid" ] && stop_pid "$sender_pid" 10
  for p in "${receiver_pids[@]}"; do stop_pid "$p" 5; done
  for p in "${children[@]}"; do kill -KILL "$p" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$work"
  exit "$status"
}
on_exit_clean_up

use_private_jars
private_config
sender_identity=()
[ "$PLAIN" = 1 ] || sender_identity=(--identity "$work/sender-identity")

busy_before="$(cpu_busy)"

# ---------------------------------------------------------------- the sender
start_sender() { # port
  mkdir -p "$work/outputs"
  # shellcheck disable=SC2086  # SENDER_JAVA_OPTS is a list of options
  "$java" $SENDER_JAVA_OPTS -jar "$sender_jar" "${plain[@]}" "${sender_identity[@]}" --bind "$HOST" --port "$1" --max-clients "$MAX_CLIENTS" \
    --count "$COUNT" --min-size "$MIN_SIZE" --max-size "$MAX_SIZE" \
    --min-interval "$MIN_INTERVAL" --max-interval "$MAX_INTERVAL" \
    --output-dir "$work/outputs" --json >"$work/sender.out" 2>"$work/sender.err" </dev/null &
  sender_pid=$!
  local i
  for ((i = 0; i < SENDER_START_TIMEOUT * 10; i++)); do
    port_listening "$1" && return 0
    kill -0 "$sender_pid" 2>/dev/null || break
    sleep 0.1
  done
  local code=0
  if kill -0 "$sender_pid" 2>/dev/null; then
    stop_pid "$sender_pid" 5
    say "the sender did not start listening within ${SENDER_START_TIMEOUT}s"
  fi
  wait "$sender_pid" 2>/dev/null || code=$?
  sender_pid=""
  return "$((code == 0 ? 1 : code))"
}

if [ -n "${PORT:-}" ]; then
  is_uint "$PORT" && [ "$PORT" -ge 1 ] && [ "$PORT" -le 65535 ] || die "PORT must be a number from 1 to 65535"
  port_free "$PORT" || die "port $PORT on $HOST is in use"
  start_sender "$PORT" || { cat "$work/sender.err" >&2; die "the sender could not start on port $PORT"; }
  port="$PORT"
else
  port=""
  for attempt in 1 2 3 4 5; do
    candidate="$(pick_port)" || die "no free port found"
    if start_sender "$candidate"; then port="$candidate"; break; else code=$?; fi
    [ "$code" -eq 4 ] || { cat "$work/sender.err" >&2; die "the sender could not start (exit $code)"; }
    say "port $candidate was taken meanwhile; trying another (attempt $attempt)"
  done
  [ -n "$port" ] || die "the sender could not listen on any port tried"
fi

# Sample the sender's memory and threads about every 100 ms while it lives:
# "<epoch seconds> <VmHWM kB> <VmRSS kB> <Threads> <user+system CPU ticks> <established connections
# to the sender's port, accept queue included> <sessions the sender has accepted so far>" per line.
# /proc/net/tcp is not read atomically and can list a socket twice while connections come and go,
# so connections are counted by remote end. Accepted sessions are the sender's "connected" lines.
port_hex=":$(printf '%04X' "$port")"
(
  while [ -r "/proc/$sender_pid/status" ]; do
    awk -v t="$EPOCHREALTIME" -v p="$port_hex" '
      FILENAME ~ /status$/ && /^VmHWM:/ { h = $2 }
      FILENAME ~ /status$/ && /^VmRSS:/ { r = $2 }
      FILENAME ~ /status$/ && /^Threads:/ { n = $2 }
      FILENAME ~ /stat$/ { sub(/.*\) /, ""); c = $12 + $13 }
      FILENAME ~ /tcp6?$/ && $4 == "01" && substr($2, length($2) - 4) == p && !seen[$3]++ { e++ }
      FILENAME ~ /sender.err$/ && /^receiver [0-9.:]+ connected$/ { a++ }
      END { if (r != "") print t, h, r, n, c, e + 0, a + 0 }' "/proc/$sender_pid/status" "/proc/$sender_pid/stat" \
      /proc/net/tcp /proc/net/tcp6 "$work/sender.err" 2>/dev/null
    sleep 0.1
  done
) >"$work/samples" &
sampler_pid=$!
if [ "$NMT" = 1 ]; then
  # jcmd is a JVM of its own: every ~3 s at most, and only the snapshot at the highest RSS is kept.
  (
    best=0
    while [ -r "/proc/$sender_pid/status" ]; do
      "$jcmd" "$sender_pid" VM.native_memory summary >"$work/nmt.now" 2>/dev/null
      rss="$(awk '/^VmRSS:/ { print $2 }' "/proc/$sender_pid/status" 2>/dev/null)"
      threads="$(awk '/^Threads:/ { print $2 }' "/proc/$sender_pid/status" 2>/dev/null)"
      if [ -n "$rss" ] && [ "$rss" -gt "$best" ] && grep -q "Total:" "$work/nmt.now"; then
        best="$rss"
        { echo "at VmRSS $((rss / 1024)) MiB, $threads threads:"; cat "$work/nmt.now"; } >"$work/nmt.best"
      fi
      sleep 2
    done
  ) &
  nmt_pid=$!
fi
baseline="$(awk '/^VmRSS:/ { r = $2 } /^Threads:/ { n = $2 } END { printf "%.1f MiB RSS, %d threads", r / 1024, n }' \
  "/proc/$sender_pid/status")"
say "sender pid $sender_pid listening on $HOST:$port (idle: $baseline)"

# ---------------------------------------------------------------- the receivers
per=$((RECEIVERS / PROCESSES))
extra=$((RECEIVERS % PROCESSES))
say "starting $RECEIVERS receivers in $PROCESSES JVMs (--parallel $per$([ "$extra" -gt 0 ] && echo "/$((per + 1))"))"
started="$EPOCHREALTIME"
for ((k = 0; k < PROCESSES; k++)); do
  n=$((per + (k < extra ? 1 : 0)))
  # shellcheck disable=SC2086
  timeout -k 5 "$RECEIVER_TIMEOUT" "$java" $RECEIVER_JAVA_OPTS -jar "$receiver_jar" "${plain[@]}" --host "$HOST" --port "$port" \
    --parallel "$n" --discard --json --no-progress --retries "$RETRIES" --retry-delay "$RETRY_DELAY" \
    --handshake-timeout "$HANDSHAKE_TIMEOUT" >"$work/receiver-$k.out" 2>"$work/receiver-$k.err" </dev/null &
  receiver_pids+=("$!")
done
receiver_codes=()
for pid in "${receiver_pids[@]}"; do # each is bounded by timeout(1)
  code=0
  wait "$pid" || code=$?
  receiver_codes+=("$code")
done
ended="$EPOCHREALTIME"
receiver_pids=()
wall="$(awk -v a="$started" -v b="$ended" 'BEGIN { printf "%.2f", b - a }')"
say "receiver phase over after ${wall}s (exit codes: ${receiver_codes[*]})"

# Let the sender report every session it started before stopping it.
for ((i = 0; i < SENDER_DRAIN_TIMEOUT * 10; i++)); do
  connected="$(grep -cE "^receiver [0-9.:]+ connected$" "$work/sender.err")"
  reported="$(grep -c '"role":"sender"' "$work/sender.out")"
  [ "$reported" -ge "$connected" ] && break
  sleep 0.1
done

# ---------------------------------------------------------------- stop the sender
sender_stopped_at="$EPOCHREALTIME"
kill -TERM "$sender_pid" 2>/dev/null
for ((i = 0; i < SENDER_STOP_TIMEOUT * 10; i++)); do
  kill -0 "$sender_pid" 2>/dev/null || break
  sleep 0.1
done
sender_killed=no
if kill -0 "$sender_pid" 2>/dev/null; then
  kill -KILL "$sender_pid" 2>/dev/null
  sender_killed=yes
fi
sender_code=0
wait "$sender_pid" 2>/dev/null || sender_code=$?
sender_pid=""
stop_seconds="$(awk -v a="$sender_stopped_at" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')"
kill "$sampler_pid" 2>/dev/null
wait "$sampler_pid" 2>/dev/null
sampler_pid=""
if [ -n "$nmt_pid" ]; then
  kill "$nmt_pid" 2>/dev/null
  wait "$nmt_pid" 2>/dev/null
  nmt_pid=""
  # the categories that hold memory, committed: "Thread (committed=...)" and so on
  [ -f "$work/nmt.best" ] && nmt_report="$(printf 'sender native memory (NMT), %s\n' "$(head -1 "$work/nmt.best")"
    grep -E "^(Total|-  *[A-Za-z ]+ \(reserved)" "$work/nmt.best" | sed -E 's/reserved=[0-9]+KB, //; s/^- */  /')"
fi

# ---------------------------------------------------------------- figures
sessions=0 verified=0 files=0 bytes=0 missing_json=0
for ((k = 0; k < PROCESSES; k++)); do
  line="$(grep -m1 '"role":"receiver"' "$work/receiver-$k.out")"
  if [ -z "$line" ]; then missing_json=$((missing_json + 1)); continue; fi
  field() { printf '%s' "$line" | grep -o "\"$1\":[0-9]*" | head -1 | cut -d: -f2; }
  n="$(field sessions)"
  sessions=$((sessions + ${n:-1})) # --parallel 1 prints the single-session object, without "sessions"
  files=$((files + $(field files) + 0))
  bytes=$((bytes + $(field bytes) + 0))
  if printf '%s' "$line" | grep -q '"verifiedSessions"'; then
    verified=$((verified + $(field verifiedSessions) + 0))
  elif printf '%s' "$line" | grep -q '"verified":true'; then # --parallel 1 prints the single-session object
    verified=$((verified + 1))
  fi
done
throughput_mib="$(awk -v b="$bytes" -v s="$wall" 'BEGIN { printf "%.2f", (s > 0 ? b / s / 1048576 : 0) }')"
bytes_mib="$(awk -v b="$bytes" 'BEGIN { printf "%.2f", b / 1048576 }')"

final_line="$(grep -m1 "^sender stopped; " "$work/sender.err" || true)"
served="$(printf '%s' "$final_line" | sed -nE 's/.*served ([0-9]+) receivers? .*/\1/p')"
confirmed="$(printf '%s' "$final_line" | sed -nE 's/.*\(([0-9]+) confirmed\).*/\1/p')"
json_confirmed="$(grep -c '"confirmed":true' "$work/sender.out")"
json_unconfirmed="$(grep -c '"confirmed":false' "$work/sender.out")"
# Each session's duration as the sender's JSON reports it: median, 90th percentile and longest.
session_times="$(grep -o '"seconds":[0-9.eE+-]*' "$work/sender.out" | cut -d: -f2 | sort -g | awk '
  { a[NR] = $1 }
  END { if (NR) { p90 = int(NR * 0.9); if (p90 < 1) p90 = 1; printf "%.2f / %.2f / %.2f", a[int((NR + 1) / 2)], a[p90], a[NR] } }')"

read -r peak_hwm peak_rss peak_threads n_samples cpu_ticks peak_conns < <(awk '
  { if ($2 > h) h = $2; if ($3 > r) r = $3; if ($4 > t) t = $4; if ($5 > c) c = $5; if ($6 > e) e = $6; n++ }
  END { printf "%d %d %d %d %d %d\n", h, r, t, n, c, e }' "$work/samples")
sender_cpu="$(awk -v c="$cpu_ticks" -v hz="$(getconf CLK_TCK 2>/dev/null || echo 100)" 'BEGIN { printf "%.1f", c / hz }')"
# Seconds from the start of the receiver phase to the first sample in which the sender had accepted
# a session, and to the first in which it had accepted all it ever did (to within a sample).
accepts="$(awk -v s0="$started" '$7 > 0 && first == "" { first = $1 - s0 }
  $7 > most { most = $7; last = $1 - s0 }
  END { if (first != "") printf "%.1f %.1f", first, last }' "$work/samples")"
first_accept="${accepts% *}"
last_accept="${accepts#* }"
peak_rss_mib="$(awk -v k="$peak_hwm" 'BEGIN { printf "%.1f", k / 1024 }')"
peak_sampled_mib="$(awk -v k="$peak_rss" 'BEGIN { printf "%.1f", k / 1024 }')"

# Anything odd in the logs.
refused="$(grep -c " refused: " "$work/sender.err")"
sender_warn="$(grep -cE "^[0-9:.]+ (WARN|ERROR) " "$work/sender.err")"
receiver_warn="$(cat "$work"/receiver-*.err | grep -cE "^[0-9:.]+ (WARN|ERROR) ")"
problems="$(cat "$work"/receiver-*.err | grep "^  not verified: " | sort | uniq -c | sort -rn | head -5)"
sender_problems="$(grep -o '"problem":"[^"]*"' "$work/sender.out" | sort | uniq -c | sort -rn | head -5)"

rss_met=no;      awk -v p="$peak_rss_mib" -v t="$TARGET_RSS_MIB" 'BEGIN { exit !(p < t) }' && rss_met=yes
verified_met=no; [ "$verified" -eq "$RECEIVERS" ] && verified_met=yes

# ---------------------------------------------------------------- report
mem_total="$(free -h | awk '/^Mem:/ { print $2 }')"
cpus="$(nproc)"
when="$(date -u '+%Y-%m-%d %H:%M UTC')"
commit="$(run_commit)"
params="$([ "$PLAIN" = 1 ] && echo "in clear (--plain)" || echo "over TLS 1.3"), RECEIVERS=$RECEIVERS PROCESSES=$PROCESSES (--parallel $per$([ "$extra" -gt 0 ] && echo "/$((per + 1))")), sender --count $COUNT --min-size $MIN_SIZE --max-size $MAX_SIZE --min-interval $MIN_INTERVAL --max-interval $MAX_INTERVAL --max-clients $MAX_CLIENTS --bind $HOST, receivers --discard --json --retries $RETRIES --retry-delay $RETRY_DELAY --handshake-timeout $HANDSHAKE_TIMEOUT, SENDER_JAVA_OPTS='${SENDER_JAVA_OPTS}', RECEIVER_JAVA_OPTS='${RECEIVER_JAVA_OPTS}'"

cat <<EOF

== many receivers: $RECEIVERS receivers in $PROCESSES JVMs, one sender on $HOST:$port, $([ "$PLAIN" = 1 ] && echo "in clear" || echo "over TLS")
java                   : $java ($java_version)
receivers verified     : $verified of $RECEIVERS  (sessions reported: $sessions; receiver JVM exit codes: ${receiver_codes[*]}; JVMs without a summary: $missing_json)
received               : $files files, $bytes bytes ($bytes_mib MiB)
aggregate throughput   : $throughput_mib MiB/s  (total bytes / receiver-phase wall time)
sender final line      : ${final_line:-<none>}
sender confirmed       : ${confirmed:-?} of ${served:-?} served  (JSON: $json_confirmed confirmed, $json_unconfirmed not; busy refusals: $refused)
sender peak RSS        : $peak_rss_mib MiB (VmHWM; highest sampled VmRSS $peak_sampled_mib MiB; idle before the run: $baseline)
sender peak threads    : $peak_threads  ($n_samples samples; most established connections to the port at one sample, accept queue included: $peak_conns)
sender sessions        : ${session_times:-?} s (median / 90th percentile / longest, from the sender's JSON)
sender CPU time        : $sender_cpu s user+system; sessions accepted from ${first_accept:-?} s to ${last_accept:-?} s into the receiver phase (sampled)
wall time              : ${wall} s for the receiver phase; sender stop took ${stop_seconds} s (exit $sender_code, SIGKILL needed: $sender_killed)
log WARN/ERROR lines   : sender $sender_warn, receivers $receiver_warn
machine                : $cpus CPUs; CPU in use by others in the second before the run: $busy_before
targets                : $RECEIVERS of $RECEIVERS verified: $verified_met; sender under $TARGET_RSS_MIB MiB RSS: $rss_met
EOF
[ -n "$problems" ] && printf 'receiver problems (count, first 5 kinds):\n%s\n' "$problems"
[ -n "$sender_problems" ] && printf 'sender problems (count, first 5 kinds):\n%s\n' "$sender_problems"

mkdir -p bench/results
{
  echo "### Many receivers at once — $when"
  echo
  echo "- Machine: $cpus CPUs (\`nproc\`), $mem_total memory (\`free -h\` total), $java_version; CPU in use by others in the second before the run: $busy_before"
  echo "- Commit: $commit; jars: $jars"
  echo "- Parameters: $params"
  echo
  echo "| figure | value |"
  echo "| --- | --- |"
  echo "| receivers verified | $verified of $RECEIVERS |"
  echo "| bytes received | $bytes ($bytes_mib MiB) in $files files |"
  echo "| aggregate throughput | $throughput_mib MiB/s |"
  echo "| sender confirmed (final line) | ${confirmed:-?} of ${served:-?} served |"
  echo "| sender peak RSS (VmHWM) | $peak_rss_mib MiB |"
  echo "| sender peak threads | $peak_threads |"
  echo "| most established connections to the sender's port at one sample (accept queue included) | $peak_conns |"
  echo "| wall time, receiver phase | $wall s |"
  echo "| sessions accepted by the sender, first to last (s into the receiver phase, sampled) | ${first_accept:-?} to ${last_accept:-?} |"
  echo "| sender CPU time (user+system) | $sender_cpu s |"
  echo "| session duration at the sender, median / 90th percentile / longest | ${session_times:-?} s |"
  echo "| busy refusals / WARN+ERROR lines (sender, receivers) | $refused / $sender_warn, $receiver_warn |"
  echo
  echo "Sender's final line: \`${final_line:-<none>}\`"
  echo
  echo "Targets: $RECEIVERS of $RECEIVERS verified — **$verified_met**; sender under $TARGET_RSS_MIB MiB RSS — **$rss_met**."
} >bench/results/many-receivers.md
say "wrote bench/results/many-receivers.md"

if [ "$KEEP_LOGS" = 1 ]; then
  rm -rf bench/results/many-receivers-logs
  mkdir -p bench/results/many-receivers-logs
  cp "$work"/sender.out "$work"/sender.err "$work"/samples "$work"/receiver-*.out "$work"/receiver-*.err $([ -f "$work/nmt.best" ] && echo "$work/nmt.best") \
    bench/results/many-receivers-logs/
  say "logs kept in bench/results/many-receivers-logs/"
fi

[ -n "$nmt_report" ] && printf '%s\n' "$nmt_report"
result_line "$verified" "$peak_rss_mib" "$wall"
[ "$verified_met" = yes ] && [ "$rss_met" = yes ] && exit 0
exit 1
