#!/usr/bin/env bash
# Torture: a mixed tree (thousands of small files, a few big ones) sent with `sender --send`
# to a receiver, while one side or the other is killed with SIGKILL or SIGINT at random moments,
# KILLS times in all. The killed side is started again each time, and a round goes on until the
# receiver reports the session verified; then the next round starts afresh, until KILLS kills.
# Everything runs on 127.0.0.1; the receiver reaches the sender through a counting proxy.
# Over TLS 1.3, the apps' default: the sender requires the run's token (--token-file on both
# sides) and keeps its identity across restarts, so that the receiver's known host still
# matches; both identities and the known hosts live in the run's temporary directory (--identity,
# XDG_CONFIG_HOME), never in the real home directory. The proxy sees only TLS records.
#
# Checks after each round (the tree arrives as <output-dir>/tree):
#   - the tree arrived identical (diff -r, modes and times aside);
#   - no duplicates ('name (1).ext') and no hidden leftovers (.*.part, .txrx-resume);
#   - the bytes sent again are within what can have been in flight at each kill.
#
# Bytes sent again. The proxy counts every byte the sender sends to the receiver (frames
# included). An uninterrupted session of the same tree, run first, gives the baseline; a round's
# resent bytes are its wire bytes minus the baseline. What one kill may cost, at most:
#   - what the kernel held on both hops (sender -> proxy -> receiver): the largest send and
#     receive buffers (net.ipv4.tcp_wmem and tcp_rmem, third field), twice; plus the proxy's
#     64 KiB chunk;
#   - what the receiver had verified but not yet journaled: one group-commit batch as it
#     becomes due (64 files, or 64 MiB, whichever comes first; GroupCommit.LIMITS), counted
#     here as min(64 MiB, 64 x the largest file);
#   - the partial file's bytes since its last journal record: a partial under 1 MiB is not
#     journaled (ResumeState.JOURNALED_PARTIAL), so 1 MiB, or all of a big file that had not
#     reached it.
# The bound is KILLS x that sum (printed as "per kill"); a round above it fails. It is generous
# by construction: it says that no kill made the receiver fetch again what it had stored.
#
# Environment (defaults in brackets):
#   KILLS [100]          kills in all, over as many rounds as they take
#   SMALL_FILES [2000]   small files, in directories of 100;  SMALL_MAX [8K]  their largest size
#   BIG_FILES [3]        big files;  BIG_SIZE [16M]  the size of each
#   MIN_DELAY_MS [500]  MAX_DELAY_MS [3000]   how long after a (re)start a kill comes (a JVM takes
#                        about half a second to start: shorter delays mostly kill starting processes)
#   RATE []              the sender's --rate, to make sessions last longer
#   SEED [$RANDOM]       the tree's content and the kills' schedule; printed, to repeat a run
#   ROUND_TIMEOUT [300]  seconds for a round to complete after its last kill
#
# Output: a markdown fragment (also in bench/results/torture.md) with N, the kills survived and
# the bytes resent, ready for docs/RELIABILITY.md. Exit status 0 when every round passed every
# check, 1 when one failed, 2 when the run could not be done.
set -u -o pipefail
# Job control: without it, bash starts background processes with SIGINT ignored, and a JVM that
# finds SIGINT ignored keeps it so; the apps would then never see the SIGINT this script sends.
set -m

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root" || exit 2

KILLS="${KILLS:-100}"
SMALL_FILES="${SMALL_FILES:-2000}"
SMALL_MAX="${SMALL_MAX:-8K}"
BIG_FILES="${BIG_FILES:-3}"
BIG_SIZE="${BIG_SIZE:-16M}"
MIN_DELAY_MS="${MIN_DELAY_MS:-500}"
MAX_DELAY_MS="${MAX_DELAY_MS:-3000}"
RATE="${RATE:-}"
SEED="${SEED:-$RANDOM}"
ROUND_TIMEOUT="${ROUND_TIMEOUT:-300}"
HOST=127.0.0.1

say() { printf '%s\n' "torture: $*" >&2; }
die() { say "$*"; exit 2; }
. "$root/bench/lib.sh"

bytes_of() { # 16M, 8K or a number -> bytes
  case "$1" in
    *K) echo $(( ${1%K} << 10 )) ;; *M) echo $(( ${1%M} << 20 )) ;; *G) echo $(( ${1%G} << 30 )) ;; *) echo "$1" ;;
  esac
}
for n in KILLS SMALL_FILES BIG_FILES MIN_DELAY_MS MAX_DELAY_MS SEED ROUND_TIMEOUT; do
  is_uint "${!n}" || die "$n must be a whole number, not '${!n}'"
done
small_max="$(bytes_of "$SMALL_MAX")"; big_size="$(bytes_of "$BIG_SIZE")"
is_uint "$small_max" && is_uint "$big_size" || die "SMALL_MAX and BIG_SIZE take sizes such as 8K or 16M"
[ "$MIN_DELAY_MS" -le "$MAX_DELAY_MS" ] || die "MIN_DELAY_MS is above MAX_DELAY_MS"
command -v python3 >/dev/null || die "python3 is needed for the counting proxy"

find_jars
work="$(mktemp -d "${TMPDIR:-/tmp}/txrx-torture.XXXXXX")" || die "cannot make a work directory"
sender_pid="" receiver_pid="" proxy_pid=""
cleanup() {
  for pid in $receiver_pid $sender_pid $proxy_pid; do stop_pid "$pid" 5; done
  rm -rf "$work"
}
on_exit_clean_up
use_private_jars
private_config
make_token_file "$work/token"
RANDOM="$SEED"

# --- the tree ------------------------------------------------------------------------------
tree="$work/tree"
python3 - "$tree" "$SMALL_FILES" "$small_max" "$BIG_FILES" "$big_size" "$SEED" <<'EOF' || die "cannot make the tree"
import os, random, sys
tree, small, small_max, big, big_size, seed = sys.argv[1], *map(int, sys.argv[2:])
rng = random.Random(seed)
for i in range(small):
    d = os.path.join(tree, "small", f"d{i // 100:03d}")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"f{i:05d}.bin"), "wb") as f:
        f.write(rng.randbytes(rng.randint(0, small_max)))
os.makedirs(os.path.join(tree, "big"), exist_ok=True)
for i in range(big):
    with open(os.path.join(tree, "big", f"big{i}.bin"), "wb") as f:
        for _ in range(0, big_size, 1 << 20):
            f.write(rng.randbytes(min(1 << 20, big_size)))
        f.truncate(big_size)
EOF
tree_bytes="$(find "$tree" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')"
tree_files="$(find "$tree" -type f | wc -l)"

# --- the counting proxy --------------------------------------------------------------------
# Forwards each connection to the sender; counts the sender's bytes into $work/wire (rewritten
# after every chunk, so that the count is right whenever it is read). While the sender is down
# it holds the receiver's connection and tries again for a few seconds, as a network would.
cat > "$work/proxy.py" <<'EOF'
import os, socket, sys, threading, time
sender_port, count_file = int(sys.argv[1]), sys.argv[2]
lock = threading.Lock(); total = [0]
def add(n):
    with lock:
        total[0] += n
        with open(count_file + ".tmp", "w") as f: f.write(str(total[0]))
        os.replace(count_file + ".tmp", count_file)
def pipe(src, dst, counted):
    try:
        while True:
            b = src.recv(65536)
            if not b: break
            dst.sendall(b)
            if counted: add(len(b))
    except OSError: pass
    for s in (src, dst):
        try: s.shutdown(socket.SHUT_RDWR)
        except OSError: pass
def serve(client):
    deadline = time.time() + 5
    while True:
        try: upstream = socket.create_connection(("127.0.0.1", sender_port)); break
        except OSError:
            if time.time() > deadline: client.close(); return
            time.sleep(0.05)
    threading.Thread(target=pipe, args=(upstream, client, True), daemon=True).start()
    pipe(client, upstream, False)
add(0)
listener = socket.socket(); listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 0)); listener.listen(16)
print(f"proxy listening on 127.0.0.1:{listener.getsockname()[1]};", flush=True)
while True:
    c, _ = listener.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
EOF

sender_port=""
start_sender() { # on port 0 the first time, then on the port it got, so that the proxy finds it again
  : > "$work/sender.out"
  # shellcheck disable=SC2046  # the options, one word each
  "$JAVA" $(launcher_options sender) -jar "$sender_jar" --bind "$HOST" --port "${sender_port:-0}" --send "$tree" \
    --identity "$work/sender-identity" --token-file "$work/token" --no-log-file ${RATE:+--rate "$RATE"} > "$work/sender.out" 2>&1 &
  sender_pid=$!
  wait_for_line "$work/sender.out" ' listening on ' 30 "$sender_pid" || die "the sender did not start: $(cat "$work/sender.out")"
  sender_port="$(listening_port "$work/sender.out")"
}
start_receiver() { # $1: output directory
  # shellcheck disable=SC2046
  "$JAVA" $(launcher_options receiver) -jar "$receiver_jar" --port "$proxy_port" --output-dir "$1" --no-progress \
    --identity "$work/receiver-identity" --token-file "$work/token" --no-log-file --retries 1000 --retry-delay 100ms --max-retry-delay 500ms >> "$work/receiver.out" 2>&1 &
  receiver_pid=$!
}
wire() { cat "$work/wire"; }

# --- the baseline: one uninterrupted session -----------------------------------------------
start_sender
python3 "$work/proxy.py" "$sender_port" "$work/wire" > "$work/proxy.out" 2>&1 &
proxy_pid=$!
wait_for_line "$work/proxy.out" ' listening on ' 10 "$proxy_pid" || die "the proxy did not start"
proxy_port="$(listening_port "$work/proxy.out")"
say "tree: $tree_files files, $tree_bytes bytes; seed $SEED; kills $KILLS"
start_receiver "$work/baseline"
wait "$receiver_pid" || die "the uninterrupted session failed: $(tail -n 5 "$work/receiver.out")"
baseline="$(wire)"
diff -r "$tree" "$work/baseline/tree" > /dev/null || die "the uninterrupted session did not arrive identical"
rm -rf "$work/baseline"

sysctl_max() { awk '{ print $3 }' "/proc/sys/net/ipv4/$1" 2>/dev/null || echo $((4 << 20)); }
largest=$(( big_size > small_max ? big_size : small_max ))
batch=$(( 64 * largest < (64 << 20) ? 64 * largest : (64 << 20) ))
partial=$(( BIG_FILES > 0 && big_size < (1 << 20) ? big_size : (1 << 20) ))
per_kill=$(( 2 * ($(sysctl_max tcp_wmem) + $(sysctl_max tcp_rmem)) + 65536 + batch + partial ))

# --- the rounds ----------------------------------------------------------------------------
kills=0 survived=0 rounds=0 failures=0 resent_total=0 worst_round=0
report_lines=()
delay() { echo "$(( MIN_DELAY_MS + RANDOM % (MAX_DELAY_MS - MIN_DELAY_MS + 1) ))"; }
while [ "$kills" -lt "$KILLS" ]; do
  rounds=$((rounds + 1))
  out="$work/round-$rounds"
  start_wire="$(wire)" round_kills=0 restarts=0 round_start="$SECONDS"
  : > "$work/receiver.out"
  start_receiver "$out"
  while :; do
    sleep "$(awk -v ms="$(delay)" 'BEGIN { print ms / 1000 }')"
    if ! kill -0 "$receiver_pid" 2>/dev/null; then
      wait "$receiver_pid"; code=$?
      [ "$code" -eq 0 ] && break
      # not verified (a sender stopped with SIGINT ends the session at once): run it again
      restarts=$((restarts + 1))
      [ "$restarts" -le 50 ] || { say "round $rounds: the receiver keeps failing (exit $code)"; break; }
      start_receiver "$out"
      continue
    fi
    if [ "$kills" -ge "$KILLS" ]; then
      [ $((SECONDS - round_start)) -lt "$ROUND_TIMEOUT" ] || { say "round $rounds: timed out"; code=124; break; }
      continue
    fi
    signal=$([ $((RANDOM % 2)) -eq 0 ] && echo KILL || echo INT)
    if [ $((RANDOM % 2)) -eq 0 ]; then
      kill "-$signal" "$sender_pid" 2>/dev/null; wait "$sender_pid" 2>/dev/null
      start_sender
    else
      kill "-$signal" "$receiver_pid" 2>/dev/null; wait "$receiver_pid" 2>/dev/null
      start_receiver "$out"
    fi
    kills=$((kills + 1)) round_kills=$((round_kills + 1))
    round_start="$SECONDS" # the timeout counts from the last kill
  done
  round_wire=$(( $(wire) - start_wire ))
  resent=$(( round_wire - baseline ))
  bound=$(( round_kills * per_kill ))
  problems=()
  [ "${code:-1}" -eq 0 ] || problems+=("never verified (last exit ${code:-?})")
  diff -r "$tree" "$out/tree" > "$work/diff" 2>&1 || problems+=("differs: $(grep -c . "$work/diff") lines of diff -r")
  dups="$(find "$out" -name '* ([0-9]*)*' 2>/dev/null | wc -l)"
  [ "$dups" -eq 0 ] || problems+=("$dups duplicates")
  hidden="$(find "$out" -name '.*' 2>/dev/null | wc -l)"
  [ "$hidden" -eq 0 ] || problems+=("$hidden hidden leftovers ($(find "$out" -name '.*' -printf '%f ' | head -c 200))")
  [ "$resent" -le "$bound" ] || problems+=("resent $resent bytes, above the bound of $bound")
  if [ ${#problems[@]} -eq 0 ]; then
    say "round $rounds: $round_kills kills survived, $resent bytes resent (bound $bound)"
    resent_total=$((resent_total + resent)) survived=$((survived + round_kills))
  else
    failures=$((failures + 1))
    say "round $rounds: FAILED after $round_kills kills: ${problems[*]}"
    [ -d "$root/bench/results" ] || mkdir -p "$root/bench/results"
    tail -n 40 "$work/receiver.out" > "$root/bench/results/torture-round-$rounds-receiver.txt"
  fi
  report_lines+=("| $rounds | $round_kills | $resent | $bound | ${problems[*]:-ok} |")
  [ "$resent" -gt "$worst_round" ] && worst_round="$resent"
  rm -rf "$out"
done

mkdir -p "$root/bench/results"
{
  echo "### Torture ($(date -u '+%Y-%m-%d'), seed $SEED)"
  echo
  echo "Tree: $tree_files files, $tree_bytes bytes ($SMALL_FILES small up to $SMALL_MAX, $BIG_FILES of $BIG_SIZE)."
  echo "N = $KILLS kills (SIGKILL or SIGINT, of the sender or the receiver, ${MIN_DELAY_MS}-${MAX_DELAY_MS} ms after each start) over $rounds rounds;"
  echo "kills survived: $survived of $kills; rounds failed: $failures; bytes resent: $resent_total in all"
  echo "(worst round $worst_round; bound $per_kill per kill); uninterrupted session: $baseline bytes on the wire. Jars: $jars."
  echo
  echo "| round | kills | bytes resent | bound | result |"
  echo "| --- | --- | --- | --- | --- |"
  printf '%s\n' "${report_lines[@]}"
} | tee "$root/bench/results/torture.md"
[ "$failures" -eq 0 ]
