#!/usr/bin/env bash
# Benchmark: a stream through a pipe. SIZE bytes of zeros from `head -c SIZE /dev/zero`, piped
# into the sending side on 127.0.0.1 and out of the receiving side into /dev/null, in four rows:
#
#   a. ours over TLS:  `head -c SIZE /dev/zero | sender --send - --token-file T` (listening)
#      into `receiver --stdout --token-file T 127.0.0.1:PORT >/dev/null`;
#   b. ours in clear:  the same with `--plain --open` and `--plain`;
#   c. socat in clear: `head -c SIZE /dev/zero | socat -u STDIN TCP-LISTEN:PORT` into
#      `socat -u TCP:127.0.0.1:PORT STDOUT >/dev/null`;
#   d. socat over TLS 1.3 with TLS_AES_128_GCM_SHA256, the suite ours negotiates:
#      `socat -u STDIN OPENSSL-LISTEN:PORT,cert=...` into `socat -u OPENSSL:127.0.0.1:PORT,verify=0 STDOUT`.
#
# Each row's figure is SIZE over the wall time from launching the connecting side to the exit of
# both, so the start-up of the connecting process counts (a JVM for ours, which socat does not
# have); the listening side is started first and waited for. Ours counts only if both exit 0 (the
# receiver verified the stream's CRC32C and the session digest), socat only if both exit 0. Each
# round runs all four rows, ours first in odd rounds and socat first in even ones; the medians and
# the ratios ours / socat (a / d over TLS, b / c in clear) are reported.
#
# Everything listens on 127.0.0.1 only; every process is bounded by timeout(1) and stopped, and
# every temporary file removed, on any exit. Identities, known hosts and the token live in the
# run's temporary directory (XDG_CONFIG_HOME, --identity). The jars run from private copies with
# the launchers' JVM options. socat and openssl are installed with apt-get when missing.
# Writes bench/results/stream.md (git-ignored).
#
# Environment (defaults in brackets):
#   ROUNDS [3]          rounds; each runs the four rows once
#   SIZE [2G]           bytes through the pipe: 512, 64K, 10M, 2G
#   STEP_TIMEOUT [300]  seconds before any one process is killed
#   SENDER_JAVA_OPTS []  RECEIVER_JAVA_OPTS []   JVM options added to the launchers'
#
# Exit status: 0 when the run completed, 2 when it could not be done (a tool missing, a transfer failed).
set -u -o pipefail

# shellcheck disable=SC2034  # read by lib.sh
bench_name=stream
# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" || exit 2
ROUNDS="${ROUNDS:-3}"
transfer_settings
SIZE="${SIZE:-2G}"
bytes="$(bytes_of "$SIZE")" || die "SIZE must look like 512, 64K, 10M or 2G, not '$SIZE'"
for t in head awk od; do command -v "$t" >/dev/null || die "$t is needed"; done
transfer_setup stream-bench socat=socat openssl=openssl
socat_tls_setup
our_identities

# One row: the listening side fed by head, then the connecting side into /dev/null, timed.
# Usage: row FIGURE ROUND ours|socat tls|plain
row() {
  local fig="$1" r="$2" who="$3" sec="$4" port lp t0 code=0 name="$1-$2"
  if [ "$who" = ours ]; then
    local sopts ropts sargs=(--port 0 --bind "$HOST" --send -) rargs=(--stdout)
    if [ "$sec" = tls ]; then
      sargs+=(--token-file "$token_file" "${tls_sender_args[@]}")
      rargs+=(--token-file "$token_file" "${tls_receiver_args[@]}")
    else
      sargs+=(--plain --open) rargs+=(--plain)
    fi
    sopts="$(opts_of sender "${sargs[@]}")" ropts="$(opts_of receiver "${rargs[@]}")"
    # shellcheck disable=SC2086  # the options are words
    (head -c "$bytes" /dev/zero | timeout -k 5 "$STEP_TIMEOUT" "$JAVA" $sopts -jar "$sender_jar" "${sargs[@]}") \
      >"$work/out/$name.s.out" 2>"$work/out/$name.s.err" &
    lp=$!; pids+=("$lp")
    wait_for_line "$work/out/$name.s.out" ' listening on ' "$LISTEN_TIMEOUT" "$lp" || fail_run "$name: the sender did not listen" "$name.s"
    port="$(listening_port "$work/out/$name.s.out")"
    t0="$EPOCHREALTIME"
    # shellcheck disable=SC2086
    timeout -k 5 "$STEP_TIMEOUT" "$JAVA" $ropts -jar "$receiver_jar" "${rargs[@]}" "$HOST:$port" \
      >/dev/null 2>"$work/out/$name.r.err" || code=$?
  else
    port="$(pick_port)" || die "no free port"
    local listen="TCP-LISTEN:$port,bind=$HOST,reuseaddr" connect="TCP:$HOST:$port"
    if [ "$sec" = tls ]; then
      listen="OPENSSL-LISTEN:$port,bind=$HOST,reuseaddr,$socat_server"
      connect="OPENSSL:$HOST:$port,$socat_tls"
    fi
    (head -c "$bytes" /dev/zero | OPENSSL_CONF="$socat_conf_ours" timeout -k 5 "$STEP_TIMEOUT" socat -u STDIN "$listen") \
      >"$work/out/$name.s.out" 2>"$work/out/$name.s.err" &
    lp=$!; pids+=("$lp")
    wait_listening "$port" "$lp" || fail_run "$name: socat did not listen" "$name.s"
    t0="$EPOCHREALTIME"
    OPENSSL_CONF="$socat_conf_ours" timeout -k 5 "$STEP_TIMEOUT" socat -u "$connect" STDOUT \
      >/dev/null 2>"$work/out/$name.r.err" || code=$?
  fi
  finish "$lp" || code=$?
  [ "$code" -eq 0 ] || fail_run "$name: exit $code" "$name.s" "$name.r"
  record "$fig" "$(awk -v b="$bytes" -v t="$(elapsed "$t0" "$EPOCHREALTIME")" 'BEGIN { printf "%.0f", b / t }')"
}

ours() { row ours_tls "$1" ours tls; row ours_plain "$1" ours plain; }
theirs() { row socat_plain "$1" socat plain; row socat_tls "$1" socat tls; }
for ((r = 1; r <= ROUNDS; r++)); do
  say "round $r of $ROUNDS"
  if ((r % 2)); then ours "$r"; theirs "$r"; else theirs "$r"; ours "$r"; fi
done

when="$(date -u '+%Y-%m-%d %H:%M UTC')"
mkdir -p bench/results
{
  echo "### A stream through a pipe against socat — $when"
  echo
  echo "\`bench/stream.sh\` (ROUNDS=$ROUNDS SIZE=$SIZE)"
  echo
  machine_header socat openssl
  echo
  echo "| row | MB/s (median) | rounds | ratio ours / socat |"
  echo "| --- | ---: | --- | ---: |"
  echo "| ours over TLS (\`sender --send -\` → \`receiver --stdout\`) | $(mb "$(med ours_tls)") | $(rounds_of ours_tls 1e6 1) | $(ratio "$(med ours_tls)" "$(med socat_tls)") |"
  echo "| socat over TLS 1.3 ($OUR_SUITE) | $(mb "$(med socat_tls)") | $(rounds_of socat_tls 1e6 1) | |"
  echo "| ours in clear (\`--plain\`) | $(mb "$(med ours_plain)") | $(rounds_of ours_plain 1e6 1) | $(ratio "$(med ours_plain)" "$(med socat_plain)") |"
  echo "| socat in clear (TCP) | $(mb "$(med socat_plain)") | $(rounds_of socat_plain 1e6 1) | |"
} | tee bench/results/stream.md
