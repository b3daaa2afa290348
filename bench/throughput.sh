#!/usr/bin/env bash
# Benchmark: txrx throughput against standard tools, on loopback, in three scenarios. Each round
# runs ours and theirs one after the other (ours first in odd rounds, theirs first in even
# rounds), ROUNDS rounds in all; the medians and the ratios ours/theirs are reported.
#
# iperf3, socat and tar | socat move bytes in clear, so ours runs in clear too, like for like:
# both apps with --plain (and the sender with --open where it serves real files, --send, since
# in clear it cannot check a token), with the JVM options the launchers give such a run. What
# TLS, the apps' default, costs is bench/tls.sh's to measure. Nothing touches the real home
# directory: XDG_CONFIG_HOME points into the run's temporary directory.
#
#   1. Memory to memory. `sender --count M2M_COUNT --min-size M2M_SIZE --max-size M2M_SIZE
#      --min-interval 0 --max-interval 0 --once --no-save` (generated in memory, stored nowhere)
#      into `receiver --discard --json`, against one `iperf3 -c 127.0.0.1 -n <same volume> -J`
#      stream. Ours: the receiver's bytesPerSecond; iperf3: its sum_received bits_per_second / 8.
#      For comparison, each round also runs the sender's default, which writes the generated files
#      to its output directory as it sends them (on /dev/shm when it has room) (1b), and then
#      sends those files, still in the page cache, with `sender --send` (1c).
#   2. File to file. A F2F_SIZE file (pseudo-random, from shred(1); 1G instead of 4G when the
#      temporary directory's file system has under 10 GiB free) already in the page cache:
#      `sender --send FILE --once` into `receiver --output-dir DIR` against
#      `socat -u FILE TCP:...` into `socat -u TCP-LISTEN:... OPEN:DIR/out,creat,trunc`.
#      Wall clock from launching the listening process to the exit of both, so process
#      start-up (two JVMs for ours) is included. The received file is deleted, and `sync` run,
#      before each transfer.
#   3. Many small files. SMALL_FILES files of SMALL_SIZE bytes in SMALL_DIRS directories:
#      `sender --send DIR --once` into `receiver --output-dir DIR` against
#      `tar -C src -cf - . | socat -u - TCP:...` into `socat -u TCP-LISTEN:... - | tar -C dst -xf -`.
#      Wall clock as in 2; files per second. Each transfer writes into a new directory; all are
#      removed at the end (see SETTLE).
#
# The receiver waits for each file to reach the disk (fsync) before it reports it verified;
# socat and tar do not. When the receiver has --no-fsync, scenarios 2 and 3 also run ours with
# it in every round, for comparison only: the targets are judged on the receiver's defaults.
# The sources are read again before each round, so that they are in the page cache.
#
# The receiver always verifies every file's CRC32C and the session digest; a transfer of ours
# counts only if both processes exit 0. Theirs count if every process exits 0 and the output has
# the right size; in round 1 the output of both tools is also compared with the source (cmp,
# diff -r), untimed. Everything listens on 127.0.0.1 only, on free ports; every process is
# bounded by timeout(1); everything started here is stopped, and every temporary file removed,
# on any exit. The jars are run from private copies, so a rebuild during the run changes nothing.
#
# iperf3 and socat (and gnuplot-nox for the chart, time for CPU figures) are installed with
# apt-get when missing.
#
# Writes bench/results/throughput.md (git-ignored) and the chart CHART (docs/throughput.png).
#
# Environment (defaults in brackets):
#   ROUNDS [5]                rounds; each runs every tool of every scenario once
#   SCENARIOS [1 2 3]         which scenarios to run
#   M2M_COUNT [3]  M2M_SIZE [1G]       scenario 1: generated files and their size
#   F2F_SIZE [4G, or 1G when under 10 GiB free]   scenario 2: size of the file
#   SMALL_FILES [10000]  SMALL_SIZE [4096]  SMALL_DIRS [100]    scenario 3
#   STEP_TIMEOUT [300]        seconds before any one process is killed
#   SENDER_JAVA_OPTS []  RECEIVER_JAVA_OPTS []   JVM options added to the launchers' (bin/lib/launch.sh;
#                             TXRX_JAVA_OPTS replaces those), e.g. for a profiler
#   CHART [docs/throughput.png]   where the chart goes; empty: no chart
#   KEEP_LOGS [0]             1: copy every process's output to bench/results/throughput-logs/
#   SETTLE [65]               seconds to leave between the previous run's clean-up and this run
#                             (see the note on ext4 at the temporary directory below); 0: no wait
#
# Exit status: 0 when every target is met, 1 when the run completed but a target was missed,
# 2 when the run could not be done (a tool missing, a transfer failed).
set -u -o pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root" || exit 2

ROUNDS="${ROUNDS:-5}"
SCENARIOS="${SCENARIOS:-1 2 3}"
M2M_COUNT="${M2M_COUNT:-3}"
M2M_SIZE="${M2M_SIZE:-1G}"
F2F_SIZE="${F2F_SIZE:-}"
SMALL_FILES="${SMALL_FILES:-10000}"
SMALL_SIZE="${SMALL_SIZE:-4096}"
SMALL_DIRS="${SMALL_DIRS:-100}"
STEP_TIMEOUT="${STEP_TIMEOUT:-300}"
SENDER_JAVA_OPTS="${SENDER_JAVA_OPTS:-}"
RECEIVER_JAVA_OPTS="${RECEIVER_JAVA_OPTS:-}"
CHART="${CHART-docs/throughput.png}"
KEEP_LOGS="${KEEP_LOGS:-0}"
SETTLE="${SETTLE:-65}"
HOST=127.0.0.1                 # loopback only, never anything else
LISTEN_TIMEOUT=30              # seconds for a listening process to be ready
MIN_FREE_GIB=10                # below this, scenario 2 uses a 1 GiB file
# Targets from the issue: ours / theirs at least this.
TARGET_M2M=1.1
TARGET_F2F=1.0
TARGET_SMALL=1.0

say() { printf '%s\n' "throughput: $*" >&2; }
die() { say "$*"; exit 2; }
. "$root/bench/lib.sh"
SENDER_JAVA_OPTS="$(launcher_options sender --once --plain)$SENDER_JAVA_OPTS"
RECEIVER_JAVA_OPTS="$(launcher_options receiver --discard --plain)$RECEIVER_JAVA_OPTS"

for v in ROUNDS M2M_COUNT SMALL_FILES SMALL_SIZE SMALL_DIRS STEP_TIMEOUT SETTLE; do
  is_uint "${!v}" || die "$v must be a whole number, not '${!v}'"
done
[ "$ROUNDS" -ge 1 ] || die "ROUNDS must be at least 1"
[ "$M2M_COUNT" -ge 1 ] || die "M2M_COUNT must be at least 1"
[ "$SMALL_DIRS" -ge 1 ] && [ "$SMALL_FILES" -ge "$SMALL_DIRS" ] || die "SMALL_FILES must be at least SMALL_DIRS (>= 1)"
[ $((SMALL_FILES % SMALL_DIRS)) -eq 0 ] || die "SMALL_FILES ($SMALL_FILES) must be a multiple of SMALL_DIRS ($SMALL_DIRS)"
run_scenario() { [[ " $SCENARIOS " == *" $1 "* ]]; }
for s in $SCENARIOS; do [[ "$s" =~ ^[123]$ ]] || die "SCENARIOS may name 1, 2 and 3, not '$s'"; done

m2m_size_bytes="$(bytes_of "$M2M_SIZE")" || die "M2M_SIZE must look like 512, 64K, 10M or 1G, not '$M2M_SIZE'"
m2m_total=$((M2M_COUNT * m2m_size_bytes))

# ---------------------------------------------------------------- tools
command -v java >/dev/null || die "java is not on the PATH"
for t in timeout tar cmp diff sync shred split awk; do
  command -v "$t" >/dev/null || die "$t is needed"
done
wanted=(iperf3=iperf3 socat=socat /usr/bin/time=time?)
[ -n "$CHART" ] && wanted+=(gnuplot=gnuplot-nox?)
apt_install "${wanted[@]}"
if [ -n "$CHART" ] && ! command -v gnuplot >/dev/null; then
  say "warning: gnuplot is not installed; no chart will be drawn"
  CHART=""
fi
have_time=no
[ -x /usr/bin/time ] && have_time=yes
[ "$have_time" = yes ] || say "warning: /usr/bin/time is missing (apt-get install time); no CPU figures"

find_jars

# ---------------------------------------------------------------- state and clean-up
# On ext4 without a journal, creating a file skips the inodes freed in the last 60 s (360 s while
# their inode table block is dirty; recently_deleted() in fs/ext4/ialloc.c), which makes creating
# many files several times slower for a minute after many were deleted: a run right after another
# one (whose clean-up deletes about 160,000 files) measured tar at a tenth of its speed. So a run
# waits until SETTLE seconds have passed since the previous run's clean-up and sync.
settle_marker="${TMPDIR:-/tmp}/txrx-throughput.last-cleanup"
if [ "$SETTLE" -gt 0 ] && [ -r "$settle_marker" ]; then
  last="$(cat "$settle_marker" 2>/dev/null)"
  if is_uint "$last"; then
    left=$((last + SETTLE - $(date +%s)))
    if [ "$left" -gt 0 ] && [ "$left" -le "$SETTLE" ]; then
      say "waiting ${left}s: the previous run deleted its files less than ${SETTLE}s ago (see SETTLE)"
      sleep "$left"
    fi
  fi
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/throughput.XXXXXX")" || die "cannot create a temporary directory"
shm_dir=""
pids=()

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_all
  rm -rf "$work"
  [ -n "$shm_dir" ] && rm -rf "$shm_dir"
  # The next run waits until the inodes just freed no longer slow down creating files (below).
  sync
  date +%s >"$settle_marker" 2>/dev/null
  exit "$status"
}
on_exit_clean_up

use_private_jars
commit="$(run_commit)"
mkdir -p "$work/logs" "$work/out"
private_config
# Does this receiver fsync each file by default (and have --no-fsync to say otherwise)?
no_fsync=no
receiver_help="$(java -jar "$receiver_jar" --help 2>&1)"
[[ "$receiver_help" == *--no-fsync* ]] && no_fsync=yes

# ---------------------------------------------------------------- helpers
keep_logs() {
  [ "$KEEP_LOGS" = 1 ] || return 0
  mkdir -p bench/results/throughput-logs
  cp "$work"/out/* bench/results/throughput-logs/ 2>/dev/null
  cp -r "$work"/logs bench/results/throughput-logs/ 2>/dev/null
}
start_our_sender() { # name port args...: the sender in clear, listening on HOST:port; sets sender_pid
  local name="$1" port="$2"; shift 2
  # shellcheck disable=SC2086  # SENDER_JAVA_OPTS is a list of options
  bounded "$name" java $SENDER_JAVA_OPTS -jar "$sender_jar" --plain --bind "$HOST" --port "$port" --once --json \
    --log-file "$work/logs/$name.log" "$@" &
  sender_pid=$!
  pids+=("$sender_pid")
}
run_our_receiver() { # name port args...: the receiver in clear
  local name="$1" port="$2"; shift 2
  # shellcheck disable=SC2086
  bounded "$name" java $RECEIVER_JAVA_OPTS -jar "$receiver_jar" --plain --host "$HOST" --port "$port" --json \
    --no-progress --log-file "$work/logs/$name.log" "$@"
}

# ---------------------------------------------------------------- inputs
if run_scenario 1; then
  shm_free=$(( $(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 { print $4 }' || echo 0) * 1024 ))
  if [ -d /dev/shm ] && [ "$shm_free" -gt $((m2m_total + (1 << 30))) ] && shm_dir="$(mktemp -d /dev/shm/throughput.XXXXXX)"; then
    gen_dir="$shm_dir"
    gen_where="/dev/shm (tmpfs)"
  else
    shm_dir=""
    gen_dir="$work/generated"
    gen_where="$(df -PT "$work" | awk 'NR == 2 { print $2 }') under ${TMPDIR:-/tmp} (/dev/shm has no room for $((m2m_total >> 20)) MiB)"
  fi
  mkdir -p "$gen_dir"
fi

work_fs="$(df -PT "$work" | awk 'NR == 2 { print $2 " (" $1 ")" }')"
work_dev="$(df -P "$work" | awk 'NR == 2 { print $1 }')"
journals=(/proc/fs/jbd2/"${work_dev##*/}"-*)
if [[ "$work_fs" == ext4* ]] && [ -d /proc/fs/jbd2 ] && [ ! -e "${journals[0]}" ]; then
  work_fs="$work_fs without a journal"
fi
if run_scenario 2; then
  free_bytes=$(( $(df -Pk "$work" | awk 'NR == 2 { print $4 }') * 1024 ))
  f2f_note=""
  if [ -z "$F2F_SIZE" ]; then
    if [ "$free_bytes" -lt $((MIN_FREE_GIB << 30)) ]; then
      F2F_SIZE=1G
      f2f_note="only $((free_bytes >> 30)) GiB free on the temporary directory's file system (under $MIN_FREE_GIB GiB): using a 1 GiB file instead of 4 GiB"
      say "$f2f_note"
    else
      F2F_SIZE=4G
    fi
  fi
  f2f_bytes="$(bytes_of "$F2F_SIZE")" || die "F2F_SIZE must look like 512, 64K, 10M or 4G, not '$F2F_SIZE'"
  [ "$free_bytes" -gt $((2 * f2f_bytes + (512 << 20))) ] || die "not enough free space for two copies of $F2F_SIZE in $work"
  say "creating a $F2F_SIZE file of pseudo-random bytes (shred)..."
  mkdir -p "$work/f2f-src" "$work/f2f-dst"
  big="$work/f2f-src/big.bin"
  : >"$big" && shred -n 1 -s "$f2f_bytes" "$big" || die "cannot create $big"
  cat "$big" >/dev/null # into the page cache
fi

if run_scenario 3; then
  say "creating $SMALL_FILES files of $SMALL_SIZE bytes in $SMALL_DIRS directories..."
  small="$work/small-src/tree"
  mkdir -p "$small" "$work/small-dst"
  per_dir=$((SMALL_FILES / SMALL_DIRS))
  digits=${#per_dir}
  for ((d = 0; d < SMALL_DIRS; d++)); do
    dir="$small/$(printf 'd%04d' "$d")"
    mkdir "$dir" || die "cannot create $dir"
    head -c $((per_dir * SMALL_SIZE)) /dev/urandom | split -b "$SMALL_SIZE" -d -a "$digits" - "$dir/f" \
      || die "cannot create the files in $dir"
  done
  [ "$(find "$small" -type f | wc -l)" -eq "$SMALL_FILES" ] || die "the tree does not have $SMALL_FILES files"
  find "$small" -type f -exec cat {} + >/dev/null # into the page cache
fi
sync

busy_before="$(cpu_busy)"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

# ---------------------------------------------------------------- scenario 1: memory to memory
m2m_one() { # round figure what sender-args...: one transfer of ours into receiver --discard
  local r="$1" fig="$2" what="$3" port sp code; shift 3
  local s="m2m-$fig-s$r" c="m2m-$fig-r$r"
  port="$(pick_port)" || die "no free port found"
  window_begin
  start_our_sender "$s" "$port" "$@"
  sp=$sender_pid
  wait_listening "$port" "$sp" || fail_run "scenario 1, round $r: our sender ($what) did not listen on $port" "$s"
  code=0; run_our_receiver "$c" "$port" --discard || code=$?
  finish "$sp" || fail_run "scenario 1, round $r: our sender ($what) exited $?" "$s" "$c"
  window_close
  [ "$code" -eq 0 ] || fail_run "scenario 1, round $r: our receiver ($what) exited $code" "$c"
  [ "$(json_num "$work/out/$c.out" bytes)" = "$m2m_total" ] || fail_run "scenario 1, round $r: wrong byte count ($what)" "$c"
  record "m2m_$fig" "$(json_num "$work/out/$c.out" bytesPerSecond)"
  record "m2m_${fig}_cpu_s" "$(cpu_of "$s")"
  record "m2m_${fig}_cpu_r" "$(cpu_of "$c")"
  window_end "m2m_$fig" "$(cpu_of "$s" "$c")"
}

m2m_ours() { # round: generated in memory, then generated and saved, then the saved files with --send
  local r="$1" files=()
  local out="$gen_dir/r$r"
  local generated=(--count "$M2M_COUNT" --min-size "$M2M_SIZE" --max-size "$M2M_SIZE" --min-interval 0 --max-interval 0)
  mkdir -p "$out"
  m2m_one "$r" mem "--no-save" "${generated[@]}" --no-save --output-dir "$out"
  [ -z "$(ls -A "$out")" ] || fail_run "scenario 1, round $r: the sender saved files despite --no-save"
  m2m_one "$r" gen "saved" "${generated[@]}" --output-dir "$out"
  # The same files, already in the page cache: what streaming costs without generating.
  mapfile -t files < <(find "$out" -name 'file_*.bits' | sort)
  [ "${#files[@]}" -eq "$M2M_COUNT" ] || fail_run "scenario 1, round $r: $M2M_COUNT generated files expected in $out"
  m2m_one "$r" send "--send" --open --send "${files[@]}"
  rm -rf "$out"
}

m2m_theirs() { # round: one iperf3 stream of the same volume
  local r="$1" port sp code bps
  port="$(pick_port)" || die "no free port found"
  window_begin
  bounded "m2m-iperf-s$r" iperf3 -s -B "$HOST" -p "$port" -1 &
  sp=$!
  pids+=("$sp")
  wait_listening "$port" "$sp" || fail_run "scenario 1, round $r: iperf3 -s did not listen on $port" "m2m-iperf-s$r"
  code=0; bounded "m2m-iperf-c$r" iperf3 -c "$HOST" -p "$port" -n "$m2m_total" -J || code=$?
  finish "$sp" || fail_run "scenario 1, round $r: iperf3 -s exited $?" "m2m-iperf-s$r"
  window_close
  [ "$code" -eq 0 ] || fail_run "scenario 1, round $r: iperf3 -c exited $code" "m2m-iperf-c$r"
  bps="$(awk '/"sum_received"/ { s = 1 } s && /"bits_per_second"/ { gsub(/[^0-9.eE+-]/, "", $2); print $2 / 8; exit }' \
    "$work/out/m2m-iperf-c$r.out")"
  [ -n "$bps" ] || fail_run "scenario 1, round $r: no sum_received in iperf3's JSON" "m2m-iperf-c$r"
  record m2m_iperf "$bps"
  record m2m_iperf_cpu "$(cpu_of "m2m-iperf-s$r" "m2m-iperf-c$r")"
  window_end m2m_iperf "$(cpu_of "m2m-iperf-s$r" "m2m-iperf-c$r")"
}

# ---------------------------------------------------------------- scenario 2: file to file
our_file_run() { # scenario name round nofsync path dst: both JVMs launched at once, timed; sets our_wall
  local scenario="$1" name="$2" r="$3" nofsync="$4" path="$5" dst="$6" port sp code t0
  local what="our${nofsync:+ (--no-fsync)}"
  port="$(pick_port)" || die "no free port found"
  t0="$EPOCHREALTIME"
  window_begin
  start_our_sender "$name-s$r" "$port" --open --send "$path"
  sp=$sender_pid
  # Launched at once: it retries every 10 ms until the sender's JVM listens.
  code=0; run_our_receiver "$name-r$r" "$port" --output-dir "$dst" --retries 3000 --retry-delay 10ms \
    --max-retry-delay 10ms ${nofsync:+--no-fsync} || code=$?
  finish "$sp" || fail_run "scenario $scenario, round $r: $what sender exited $?" "$name-s$r" "$name-r$r"
  our_wall="$(elapsed "$t0" "$EPOCHREALTIME")"
  window_close
  [ "$code" -eq 0 ] || fail_run "scenario $scenario, round $r: $what receiver exited $code" "$name-r$r"
}

f2f_ours() { # round [nofsync]: the receiver as it comes, or with --no-fsync (for comparison)
  local r="$1" v="${2:+-$2}" dst="$work/f2f-dst/ours"
  rm -rf "$dst"; mkdir -p "$dst"; sync
  our_file_run 2 "f2f-ours$v" "$r" "${2:-}" "$big" "$dst"
  [ "$(stat -c %s "$dst/big.bin" 2>/dev/null)" = "$f2f_bytes" ] || fail_run "scenario 2, round $r: our${2:+ (--no-fsync)} output has the wrong size"
  [ "$r" -eq 1 ] && [ -z "$v" ] && { cmp -s "$big" "$dst/big.bin" || fail_run "scenario 2, round 1: our output differs from the source"; }
  record "f2f_ours${v//-/_}" "$(awk -v b="$f2f_bytes" -v s="$our_wall" 'BEGIN { print b / s }')"
  record "f2f_ours${v//-/_}_transfer" "$(json_num "$work/out/f2f-ours$v-r$r.out" bytesPerSecond)"
  record "f2f_ours${v//-/_}_cpu" "$(cpu_of "f2f-ours$v-s$r" "f2f-ours$v-r$r")"
  window_end "f2f_ours${v//-/_}" "$(cpu_of "f2f-ours$v-s$r" "f2f-ours$v-r$r")"
  rm -rf "$dst"; sync
}

f2f_theirs() {
  local r="$1" port lp code t0 t1 dst="$work/f2f-dst/socat"
  rm -rf "$dst"; mkdir -p "$dst"; sync
  port="$(pick_port)" || die "no free port found"
  t0="$EPOCHREALTIME"
  window_begin
  bounded "f2f-socat-l$r" socat -u "TCP-LISTEN:$port,bind=$HOST,reuseaddr" "OPEN:$dst/out,creat,trunc" &
  lp=$!
  pids+=("$lp")
  code=0; bounded "f2f-socat-c$r" socat -u "$big" "TCP:$HOST:$port,retry=3000,interval=0.01" || code=$?
  finish "$lp" || fail_run "scenario 2, round $r: the listening socat exited $?" "f2f-socat-l$r"
  t1="$EPOCHREALTIME"
  window_close
  [ "$code" -eq 0 ] || fail_run "scenario 2, round $r: the sending socat exited $code" "f2f-socat-c$r"
  [ "$(stat -c %s "$dst/out" 2>/dev/null)" = "$f2f_bytes" ] || fail_run "scenario 2, round $r: socat's output has the wrong size"
  [ "$r" -eq 1 ] && { cmp -s "$big" "$dst/out" || fail_run "scenario 2, round 1: socat's output differs from the source"; }
  record f2f_socat "$(awk -v b="$f2f_bytes" -v s="$(elapsed "$t0" "$t1")" 'BEGIN { print b / s }')"
  record f2f_socat_cpu "$(cpu_of "f2f-socat-l$r" "f2f-socat-c$r")"
  window_end f2f_socat "$(cpu_of "f2f-socat-l$r" "f2f-socat-c$r")"
  rm -rf "$dst"; sync
}

# ---------------------------------------------------------------- scenario 3: many small files
# The received trees are kept until the end: on ext4 without a journal, a new inode skips those
# deleted in the last 60 to 360 s (recently_deleted() in fs/ext4/ialloc.c), so deleting 10,000
# files between rounds would slow down the next round's creations, more with every round.
small_ours() { # round [nofsync]: the receiver as it comes, or with --no-fsync (for comparison)
  local r="$1" v="${2:+-$2}" s
  local dst="$work/small-dst/ours$v-$r"
  mkdir -p "$dst"; sync
  our_file_run 3 "small-ours$v" "$r" "${2:-}" "$small" "$dst"
  [ "$(json_num "$work/out/small-ours$v-r$r.out" files)" = "$SMALL_FILES" ] || fail_run "scenario 3, round $r: our${2:+ (--no-fsync)} receiver did not get $SMALL_FILES files" "small-ours$v-r$r"
  [ "$(find "$dst/tree" -type f | wc -l)" -eq "$SMALL_FILES" ] || fail_run "scenario 3, round $r: our${2:+ (--no-fsync)} receiver did not store $SMALL_FILES files"
  [ "$r" -eq 1 ] && [ -z "$v" ] && { diff -r "$small" "$dst/tree" >/dev/null || fail_run "scenario 3, round 1: our output differs from the source"; }
  record "small_ours${v//-/_}" "$(awk -v n="$SMALL_FILES" -v s="$our_wall" 'BEGIN { print n / s }')"
  s="$(json_num "$work/out/small-ours$v-r$r.out" seconds)"
  record "small_ours${v//-/_}_transfer" "$(awk -v n="$SMALL_FILES" -v s="$s" 'BEGIN { print n / s }')"
  record "small_ours${v//-/_}_cpu" "$(cpu_of "small-ours$v-s$r" "small-ours$v-r$r")"
  window_end "small_ours${v//-/_}" "$(cpu_of "small-ours$v-s$r" "small-ours$v-r$r")"
}

small_theirs() {
  local r="$1" port lp code t0 t1
  local dst="$work/small-dst/tar-$r"
  mkdir -p "$dst"; sync
  port="$(pick_port)" || die "no free port found"
  t0="$EPOCHREALTIME"
  window_begin
  # Each side is a pipeline in a shell of its own; every process in it is timed.
  local tm='tm() { if [ "$TM" = yes ]; then /usr/bin/time -f "%e %U %S" -o "$@"; else shift; "$@"; fi; }'
  TM="$have_time" bounded "small-tar-l$r" bash -o pipefail -c "$tm"'
    tm "$3/small-socat-l$5.time" socat -u "TCP-LISTEN:$1,bind=$4,reuseaddr" - |
      tm "$3/small-tarx$5.time" tar -C "$2" -xf -' _ "$port" "$dst" "$work/out" "$HOST" "$r" &
  lp=$!
  pids+=("$lp")
  code=0; TM="$have_time" bounded "small-tar-c$r" bash -o pipefail -c "$tm"'
    tm "$3/small-tarc$5.time" tar -C "$2" -cf - . |
      tm "$3/small-socat-c$5.time" socat -u - "TCP:$4:$1,retry=3000,interval=0.01"' _ "$port" "$small" "$work/out" "$HOST" "$r" || code=$?
  finish "$lp" || fail_run "scenario 3, round $r: the receiving pipeline (socat | tar -x) exited $?" "small-tar-l$r"
  t1="$EPOCHREALTIME"
  window_close
  [ "$code" -eq 0 ] || fail_run "scenario 3, round $r: the sending pipeline (tar -c | socat) exited $code" "small-tar-c$r"
  [ "$(find "$dst" -type f | wc -l)" -eq "$SMALL_FILES" ] || fail_run "scenario 3, round $r: tar did not write $SMALL_FILES files"
  [ "$r" -eq 1 ] && { diff -r "$small" "$dst" >/dev/null || fail_run "scenario 3, round 1: tar's output differs from the source"; }
  record small_tar "$(awk -v n="$SMALL_FILES" -v s="$(elapsed "$t0" "$t1")" 'BEGIN { print n / s }')"
  record small_tar_cpu "$(cpu_of "small-socat-l$r" "small-tarx$r" "small-tarc$r" "small-socat-c$r")"
  window_end small_tar "$(cpu_of "small-socat-l$r" "small-tarx$r" "small-tarc$r" "small-socat-c$r")"
}

# ---------------------------------------------------------------- the rounds
run_started="$EPOCHREALTIME"
when="$(date -u '+%Y-%m-%d %H:%M UTC')"
# Keeps the sources in the page cache: the kernel may evict pages it finds cold between rounds.
warm() {
  case "$1" in
    2) cat "$big" >/dev/null ;;
    3) find "$small" -type f -exec cat {} + >/dev/null ;;
  esac
}
for ((r = 1; r <= ROUNDS; r++)); do
  for s in 1 2 3; do
    run_scenario "$s" || continue
    warm "$s"
    case "$s" in 1) ours=m2m_ours theirs=m2m_theirs ;; 2) ours=f2f_ours theirs=f2f_theirs ;; 3) ours=small_ours theirs=small_theirs ;; esac
    if [ $((r % 2)) -eq 1 ]; then "$ours" "$r"; "$theirs" "$r"; else "$theirs" "$r"; "$ours" "$r"; fi
    # For comparison, not for the targets: ours without waiting for the disk, as the peers do.
    [ "$no_fsync" = yes ] && [ "$s" != 1 ] && "$ours" "$r" nofsync
  done
  say "round $r of $ROUNDS done ($(elapsed "$run_started" "$EPOCHREALTIME") s so far)"
done
run_seconds="$(elapsed "$run_started" "$EPOCHREALTIME")"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
keep_logs

# ---------------------------------------------------------------- figures
declare -A M
for f in m2m_mem m2m_mem_cpu_s m2m_mem_cpu_r m2m_mem_others m2m_gen m2m_send m2m_iperf f2f_ours f2f_ours_transfer f2f_socat small_ours small_ours_transfer small_tar \
  m2m_gen_cpu_s m2m_gen_cpu_r m2m_send_cpu_s m2m_send_cpu_r m2m_iperf_cpu f2f_ours_cpu f2f_socat_cpu small_ours_cpu small_tar_cpu \
  m2m_gen_others m2m_send_others m2m_iperf_others f2f_ours_others f2f_socat_others small_ours_others small_tar_others \
  f2f_ours_nofsync f2f_ours_nofsync_transfer f2f_ours_nofsync_cpu f2f_ours_nofsync_others \
  small_ours_nofsync small_ours_nofsync_transfer small_ours_nofsync_cpu small_ours_nofsync_others; do
  M[$f]="$(med "$f")"
done
r_m2m="$(ratio "${M[m2m_mem]}" "${M[m2m_iperf]}")"
r_m2m_gen="$(ratio "${M[m2m_gen]}" "${M[m2m_iperf]}")"
r_m2m_send="$(ratio "${M[m2m_send]}" "${M[m2m_iperf]}")"
r_gen_cost="$(ratio "${M[m2m_gen]}" "${M[m2m_send]}")"
r_f2f="$(ratio "${M[f2f_ours]}" "${M[f2f_socat]}")"
r_small="$(ratio "${M[small_ours]}" "${M[small_tar]}")"
r_f2f_nofsync="$(ratio "${M[f2f_ours_nofsync]}" "${M[f2f_socat]}")"
r_small_nofsync="$(ratio "${M[small_ours_nofsync]}" "${M[small_tar]}")"
met_m2m="$(meets "$r_m2m" "$TARGET_M2M")"
met_f2f="$(meets "$r_f2f" "$TARGET_F2F")"
met_small="$(meets "$r_small" "$TARGET_SMALL")"

cpus="$(nproc)"
mem_total="$(free -h | awk '/^Mem:/ { print $2 }')"
cpu_model="$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
kernel="$(uname -r)"
java_version="$(java -version 2>&1 | head -1)"
java_vm="$(java -version 2>&1 | sed -n 3p)"
versions="$(iperf3 --version 2>&1 | head -1 | awk '{ print $1, $2 }'); $(socat -V 2>/dev/null | awk '/socat version/ { print "socat", $3; exit }'); $(tar --version | head -1)"
small_total_mib="$(awk -v n="$SMALL_FILES" -v s="$SMALL_SIZE" 'BEGIN { printf "%.1f", n * s / 1048576 }')"

cat <<EOF

== throughput: median of $ROUNDS rounds ($(fmt "$run_seconds" 0) s in all), loopback $HOST
EOF
if run_scenario 1; then cat <<EOF
1. memory to memory, $M2M_COUNT x $M2M_SIZE ($(( m2m_total >> 20 )) MiB), generated on $gen_where
   ours (--no-save)      : $(mb "${M[m2m_mem]}") MB/s   [$(rounds_of m2m_mem 1e6 1)]
   ours (saved, default) : $(mb "${M[m2m_gen]}") MB/s   [$(rounds_of m2m_gen 1e6 1)]  (ratio $r_m2m_gen; for comparison only)
   ours (--send, cached) : $(mb "${M[m2m_send]}") MB/s   [$(rounds_of m2m_send 1e6 1)]  (ratio $r_m2m_send; for comparison only)
   iperf3, one stream    : $(mb "${M[m2m_iperf]}") MB/s   [$(rounds_of m2m_iperf 1e6 1)]
   ratio ours/iperf3     : $r_m2m (target >= $TARGET_M2M: $met_m2m)
EOF
fi
if run_scenario 2; then cat <<EOF
2. file to file, $F2F_SIZE in the page cache -> $work_fs, wall clock with process start-up
   ours                  : $(mb "${M[f2f_ours]}") MB/s   [$(rounds_of f2f_ours 1e6 1)]  (transfer only, receiver's JSON: $(mb "${M[f2f_ours_transfer]}") MB/s)
   ours --no-fsync       : $(mb "${M[f2f_ours_nofsync]}") MB/s   [$(rounds_of f2f_ours_nofsync 1e6 1)]  (ratio $r_f2f_nofsync; for comparison only)
   socat                 : $(mb "${M[f2f_socat]}") MB/s   [$(rounds_of f2f_socat 1e6 1)]
   ratio ours/socat      : $r_f2f (target >= $TARGET_F2F: $met_f2f)
EOF
fi
if run_scenario 3; then cat <<EOF
3. many small files, $SMALL_FILES x $SMALL_SIZE bytes in $SMALL_DIRS directories, wall clock with process start-up
   ours                  : $(fmt "${M[small_ours]}") files/s   [$(rounds_of small_ours 1 0)]  (transfer only, receiver's JSON: $(fmt "${M[small_ours_transfer]}") files/s)
   ours --no-fsync       : $(fmt "${M[small_ours_nofsync]}") files/s   [$(rounds_of small_ours_nofsync 1 0)]  (ratio $r_small_nofsync; for comparison only)
   tar | socat           : $(fmt "${M[small_tar]}") files/s   [$(rounds_of small_tar 1 0)]
   ratio ours/tar        : $r_small (target >= $TARGET_SMALL: $met_small)
EOF
fi
cat <<EOF
machine: $cpus CPUs, $mem_total, $cpu_model, Linux $kernel, $java_version; CPU in use by others in the second before: $busy_before; load average before/after: $load_before / $load_after
EOF

# ---------------------------------------------------------------- report
cpu_cell() { [ -n "$1" ] && printf '%s s' "$1" || printf 'n/a'; }
pct() { [ -n "$1" ] && printf '%s%%' "$1" || printf 'n/a'; }
mkdir -p bench/results
{
  echo "### Throughput against iperf3, socat and tar — $when"
  echo
  echo "Median of $ROUNDS rounds; in each round ours and theirs ran one after the other (ours first in odd rounds)."
  echo "MB = 10^6 bytes. Ratios are ours / theirs. Ours ran in clear, as its peers: both apps with \`--plain\` (the sender with \`--open\` where it served files with \`--send\`); TLS is measured by \`bench/tls.sh\`."
  echo
  echo "| scenario | ours | theirs | ours / theirs | target | met |"
  echo "| --- | --- | --- | --- | --- | --- |"
  if run_scenario 1; then
    echo "| 1. memory to memory: $M2M_COUNT files of $M2M_SIZE generated with \`sender --no-save\` → \`receiver --discard\`, vs one \`iperf3\` stream of $((m2m_total >> 20)) MiB | $(mb "${M[m2m_mem]}") MB/s | $(mb "${M[m2m_iperf]}") MB/s | **$r_m2m** | ≥ $TARGET_M2M | **$met_m2m** |"
    echo "| 1b. the sender's default: the generated files also written to its output directory | $(mb "${M[m2m_gen]}") MB/s | $(mb "${M[m2m_iperf]}") MB/s | $r_m2m_gen | (for comparison) | |"
    echo "| 1c. the files of 1b with \`sender --send\` (in the page cache, no generating) | $(mb "${M[m2m_send]}") MB/s | $(mb "${M[m2m_iperf]}") MB/s | $r_m2m_send | (for comparison) | |"
  fi
  if run_scenario 2; then
    echo "| 2. file to file: $F2F_SIZE from the page cache to disk, vs socat; wall clock including process start-up | $(mb "${M[f2f_ours]}") MB/s | $(mb "${M[f2f_socat]}") MB/s | **$r_f2f** | ≥ $TARGET_F2F | **$met_f2f** |"
    [ "$no_fsync" = yes ] && echo "| 2b. the same with \`receiver --no-fsync\` (no wait for the disk, as socat) | $(mb "${M[f2f_ours_nofsync]}") MB/s | $(mb "${M[f2f_socat]}") MB/s | $r_f2f_nofsync | (for comparison) | |"
  fi
  if run_scenario 3; then
    echo "| 3. many small files: $SMALL_FILES × $SMALL_SIZE B in $SMALL_DIRS directories, vs \`tar \| socat\`; wall clock including process start-up | $(fmt "${M[small_ours]}") files/s | $(fmt "${M[small_tar]}") files/s | **$r_small** | ≥ $TARGET_SMALL | **$met_small** |"
    [ "$no_fsync" = yes ] && echo "| 3b. the same with \`receiver --no-fsync\` (no wait for the disk, as tar) | $(fmt "${M[small_ours_nofsync]}") files/s | $(fmt "${M[small_tar]}") files/s | $r_small_nofsync | (for comparison) | |"
  fi
  echo
  echo "Every round (in run order), and CPU time (user + system of the processes of the transfer, median):"
  echo
  echo "| figure | rounds | CPU, ours | CPU, theirs | CPU of other processes |"
  echo "| --- | --- | --- | --- | --- |"
  if run_scenario 1; then
    echo "| 1. ours, \`--no-save\`, MB/s | $(rounds_of m2m_mem 1e6 1) | sender $(cpu_cell "${M[m2m_mem_cpu_s]}"), receiver $(cpu_cell "${M[m2m_mem_cpu_r]}") | | $(pct "${M[m2m_mem_others]}") |"
    echo "| 1b. ours, generated and saved, MB/s | $(rounds_of m2m_gen 1e6 1) | sender $(cpu_cell "${M[m2m_gen_cpu_s]}"), receiver $(cpu_cell "${M[m2m_gen_cpu_r]}") | | $(pct "${M[m2m_gen_others]}") |"
    echo "| 1c. ours, \`--send\` of the cached files, MB/s | $(rounds_of m2m_send 1e6 1) | sender $(cpu_cell "${M[m2m_send_cpu_s]}"), receiver $(cpu_cell "${M[m2m_send_cpu_r]}") | | $(pct "${M[m2m_send_others]}") |"
    echo "| 1. iperf3, MB/s | $(rounds_of m2m_iperf 1e6 1) | | $(cpu_cell "${M[m2m_iperf_cpu]}") | $(pct "${M[m2m_iperf_others]}") |"
  fi
  if run_scenario 2; then
    echo "| 2. ours, MB/s (wall clock) | $(rounds_of f2f_ours 1e6 1) | $(cpu_cell "${M[f2f_ours_cpu]}") | | $(pct "${M[f2f_ours_others]}") |"
    echo "| 2. ours, MB/s (receiver's JSON: transfer only, no start-up) | $(rounds_of f2f_ours_transfer 1e6 1) | | | |"
    [ "$no_fsync" = yes ] && echo "| 2b. ours --no-fsync, MB/s (wall clock) | $(rounds_of f2f_ours_nofsync 1e6 1) | $(cpu_cell "${M[f2f_ours_nofsync_cpu]}") | | $(pct "${M[f2f_ours_nofsync_others]}") |"
    echo "| 2. socat, MB/s (wall clock) | $(rounds_of f2f_socat 1e6 1) | | $(cpu_cell "${M[f2f_socat_cpu]}") | $(pct "${M[f2f_socat_others]}") |"
  fi
  if run_scenario 3; then
    echo "| 3. ours, files/s (wall clock) | $(rounds_of small_ours 1 0) | $(cpu_cell "${M[small_ours_cpu]}") | | $(pct "${M[small_ours_others]}") |"
    echo "| 3. ours, files/s (receiver's JSON: transfer only, no start-up) | $(rounds_of small_ours_transfer 1 0) | | | |"
    [ "$no_fsync" = yes ] && echo "| 3b. ours --no-fsync, files/s (wall clock) | $(rounds_of small_ours_nofsync 1 0) | $(cpu_cell "${M[small_ours_nofsync_cpu]}") | | $(pct "${M[small_ours_nofsync_others]}") |"
    echo "| 3. tar \| socat, files/s (wall clock) | $(rounds_of small_tar 1 0) | | $(cpu_cell "${M[small_tar_cpu]}") | $(pct "${M[small_tar_others]}") |"
  fi
  echo
  echo "CPU of other processes: the machine's busy CPU time during the transfer less that of the measured processes, as a share of all $cpus CPUs (median over the rounds); the kernel's own work for the transfer (softirq, writeback threads) counts there too."
  echo
  run_scenario 1 && echo "- Scenario 1: the files of 1b written to $gen_where; 1b / 1c throughput: $r_gen_cost."
  run_scenario 2 && echo "- Scenario 2: source and output on $work_fs.${f2f_note:+ $f2f_note.}"
  run_scenario 3 && echo "- Scenario 3: $small_total_mib MiB in all, on $work_fs."
  echo "- Machine: $cpus CPUs (\`nproc\`), $mem_total memory (\`free -h\`), $cpu_model, Linux $kernel, $java_version ($java_vm)"
  echo "- CPU in use by others in the second before the run: $busy_before; load average before / after: $load_before / $load_after; the run took $(fmt "$run_seconds" 0) s"
  echo "- Peers: $versions"
  echo "- Commit checked out at the start: $commit; jars: $jars"
  echo "- Parameters: ROUNDS=$ROUNDS SCENARIOS='$SCENARIOS' M2M_COUNT=$M2M_COUNT M2M_SIZE=$M2M_SIZE F2F_SIZE=${F2F_SIZE:-} SMALL_FILES=$SMALL_FILES SMALL_SIZE=$SMALL_SIZE SMALL_DIRS=$SMALL_DIRS SENDER_JAVA_OPTS='$SENDER_JAVA_OPTS' RECEIVER_JAVA_OPTS='$RECEIVER_JAVA_OPTS'"
} >bench/results/throughput.md
say "wrote bench/results/throughput.md"

# ---------------------------------------------------------------- chart
if [ -n "$CHART" ]; then
  data="$work/chart.dat"
  {
    echo '# panel blocks: label value colour(0 ours, 1 ours other, 2 theirs)'
    if run_scenario 1; then
      printf '"ours|--no-save" %s 0\n"ours|saved" %s 1\n"ours|--send" %s 1\n"iperf3" %s 2\n\n\n' \
        "$(mb "${M[m2m_mem]}")" "$(mb "${M[m2m_gen]}")" "$(mb "${M[m2m_send]}")" "$(mb "${M[m2m_iperf]}")"
    fi
    if run_scenario 2; then
      printf '"ours" %s 0\n' "$(mb "${M[f2f_ours]}")"
      [ "$no_fsync" = yes ] && printf '"ours --no-fsync|(no wait for disk)" %s 1\n' "$(mb "${M[f2f_ours_nofsync]}")"
      printf '"socat" %s 2\n\n\n' "$(mb "${M[f2f_socat]}")"
    fi
    if run_scenario 3; then
      printf '"ours" %s 0\n' "$(fmt "${M[small_ours]}")"
      [ "$no_fsync" = yes ] && printf '"ours --no-fsync|(no wait for disk)" %s 1\n' "$(fmt "${M[small_ours_nofsync]}")"
      printf '"tar + socat" %s 2\n\n\n' "$(fmt "${M[small_tar]}")"
    fi
  } >"$data"
  # The titles and scales go to a file of gnuplot assignments, one panel per data block.
  verdict() { [ "$1" = yes ] && echo "met" || echo "MISSED"; }
  gp_string() { local v="${1//\\/}"; v="${v//\"/}"; printf '"%s"' "$v"; }
  vars="$work/chart.vars"
  panel=0
  add_panel() { # title unit target target-name
    panel=$((panel + 1))
    { echo "title$panel = $(gp_string "$1")"; echo "unit$panel = $(gp_string "$2")"; echo "target$panel = $3"
      echo "targetname$panel = $(gp_string "$4")"; } >>"$vars"
  }
  : >"$vars"
  run_scenario 1 && add_panel "1. Memory to memory ($M2M_COUNT × $M2M_SIZE)|ours / iperf3 = ${r_m2m}×, target ≥ ${TARGET_M2M}×: $(verdict "$met_m2m")" \
    "MB/s" "$(awk -v v="${M[m2m_iperf]}" -v t="$TARGET_M2M" 'BEGIN { printf "%.1f", v * t / 1e6 }')" "dashed line: the target, $TARGET_M2M × iperf3"
  run_scenario 2 && add_panel "2. File to file ($F2F_SIZE, page cache → disk)|ours / socat = ${r_f2f}×, target ≥ ${TARGET_F2F}×: $(verdict "$met_f2f")" \
    "MB/s (wall clock, start-up included)" "$(awk -v v="${M[f2f_socat]}" -v t="$TARGET_F2F" 'BEGIN { printf "%.1f", v * t / 1e6 }')" "dashed line: the target, $TARGET_F2F × socat"
  run_scenario 3 && add_panel "3. Many small files ($SMALL_FILES × $SMALL_SIZE B)|ours / (tar + socat) = ${r_small}×, target ≥ ${TARGET_SMALL}×: $(verdict "$met_small")" \
    "files/s (wall clock, start-up included)" "$(awk -v v="${M[small_tar]}" -v t="$TARGET_SMALL" 'BEGIN { printf "%.1f", v * t }')" "dashed line: the target, $TARGET_SMALL × (tar + socat)"
  {
    echo "npanels = $panel"
    echo "heading = $(gp_string "txrx against standard tools on 127.0.0.1: median of $ROUNDS rounds, $when|$cpus CPUs, $cpu_model, Linux $kernel, $java_version")"
    echo "datafile = $(gp_string "$data")"
    echo "outfile = $(gp_string "$CHART")"
  } >>"$vars"
  mkdir -p "$(dirname "$CHART")"
  if gnuplot -e "load '$vars'" bench/throughput-chart.gp 2>"$work/gnuplot.err"; then
    say "wrote $CHART"
  else
    say "warning: gnuplot failed; no chart:"; cat "$work/gnuplot.err" >&2
  fi
fi

[ "$met_m2m$met_f2f$met_small" = yesyesyes ] && exit 0
# Scenarios not run count as met.
missed=0
run_scenario 1 && [ "$met_m2m" = no ] && missed=1
run_scenario 2 && [ "$met_f2f" = no ] && missed=1
run_scenario 3 && [ "$met_small" = no ] && missed=1
exit "$missed"
