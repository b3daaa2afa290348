#!/usr/bin/env bash
# Benchmark: txrx against standard tools on loopback, one row per target of the issue. Each round
# runs ours and theirs of every row one after the other (ours first in odd rounds, theirs first in
# even rounds), ROUNDS rounds in all; the medians and the ratios ours/theirs are reported, each
# with its target and whether it is met. The receiver verifies every file's CRC32C and the session
# digest in every run of ours (there is no way to turn that off).
#
#   a. Memory to memory in clear: `sender --plain --no-save --once --count M2M_COUNT --min-size
#      M2M_SIZE --max-size M2M_SIZE --min-interval 0 --max-interval 0` (generated in memory,
#      stored nowhere) into `receiver --plain --discard --json`, against one
#      `iperf3 -c 127.0.0.1 -n <the same volume> -J` stream. Ours: the receiver's bytesPerSecond;
#      iperf3: its sum_received bits_per_second / 8. Target >= 1.1.
#   b. Memory to memory over TLS, the apps' default (identities made for the run under its
#      temporary directory), the same transfer without --plain, against
#      `socat -u OPEN:/dev/zero,readbytes=<volume> OPENSSL:...` into
#      `socat -u OPENSSL-LISTEN:... OPEN:/dev/null`, TLS 1.3 with TLS_AES_128_GCM_SHA256 (the suite
#      ours negotiates), the volume over the wall time from the connecting socat's launch. >= 1.0.
#   c. File to file: an F2F_SIZE file (shred(1); 1G when the temporary directory's file system
#      has under 10 GiB free) in the page cache, `sender --plain --open --send FILE --once` into
#      `receiver --plain --output-dir DIR` (durable: the receiver's default fsync), against
#      `socat -u FILE TCP:...` into `socat -u TCP-LISTEN:... OPEN:DIR/out,creat,trunc`. Wall
#      clock from launching the listening side to the exit of both, start-up included. >= 1.0.
#   d. Many small files, durable: SMALL_FILES files of SMALL_SIZE bytes in SMALL_DIRS directories,
#      `sender --plain --open --send DIR --once` into `receiver --plain --output-dir NEWDIR`,
#      against `rsync -a --whole-file DIR/ rsync://127.0.0.1:PORT/txrx/NEWDIR/` to an rsync daemon
#      (`rsync --daemon --no-detach --config=rsyncd.conf --address=127.0.0.1 --port=PORT`, a
#      module on the destination, `use chroot = no`). Wall clock from launching the listening
#      side (our sender, the daemon) to the exit of the other, start-up included; files/s. >= 2.0.
#   e. The same tree with `receiver --no-fsync`, against `tar -C DIR -cf - . | socat -u - TCP:...`
#      into `socat -u TCP-LISTEN:... - | tar -C NEWDIR -xf -`. Wall clock as in d. >= 1.0.
#   f. Receivers served at once by one sender: bench/many-receivers.sh with RECEIVERS=N for each N
#      of MANY_RECEIVERS, read from its `RESULT receivers=N verified=V peak_rss_mib=X wall_s=Y`
#      line (or, without one, from bench/results/many-receivers.md). Target: all N verified with
#      the sender under 256 MiB RSS for N <= 1,000 and 512 MiB above. Not in the rounds: once.
#
# Peers run with their defaults. A run of ours counts only if both processes exit 0; theirs if
# every process exits 0 and the output is complete; in round 1 every output is also compared
# with the source (cmp, diff -r), untimed. Everything listens on 127.0.0.1 only, on free ports;
# every process is bounded by timeout(1); everything started here is stopped, and every
# temporary file removed, on any exit. The jars run from private copies with the JVM options the
# launchers (bin/lib/launch.sh) give each run. XDG_CONFIG_HOME points into the run's temporary
# directory: nothing touches the real home directory.
#
# iperf3, socat, rsync and openssl (and gnuplot-nox for the charts, time for CPU figures) are
# installed with apt-get when missing. Writes bench/results/throughput.md (git-ignored) and one
# chart per row, CHART_DIR/bench-<row>.png.
#
# Environment (defaults in brackets):
#   ROUNDS [5]                rounds; each runs ours and theirs of rows a to e once
#   SCENARIOS [a b c d e f]   which rows to run, by letter or number (1 = a, ..., 6 = f)
#   M2M_COUNT [3]  M2M_SIZE [1G]           rows a and b: generated files and their size
#   F2F_SIZE [4G, or 1G when under 10 GiB free]   row c
#   SMALL_FILES [100000]  SMALL_SIZE [4096]  SMALL_DIRS [1000]   rows d and e
#   MANY_RECEIVERS [1000 10000]   row f: one run of bench/many-receivers.sh for each count
#   MANY_ENV []               row f: more settings for it, as words NAME=VALUE (e.g. PROCESSES=8)
#   MANY_SCRIPT [bench/many-receivers.sh]  MANY_TIMEOUT [1200]   row f: the script, its bound
#   STEP_TIMEOUT [300]        seconds before any one process is killed
#   SENDER_JAVA_OPTS []  RECEIVER_JAVA_OPTS []   JVM options added to the launchers' for rows a to e
#   CHART_DIR [docs]          where the charts go; empty: none
#   KEEP_LOGS [0]             1: copy every process's output to bench/results/throughput-logs/
#   SETTLE [360]              seconds to leave between the previous run's clean-up and this run
#                             (ext4 and recently deleted inodes, below); 0: no wait
#
# Exit status: 0 when every target is met, 1 when the run completed but a target was missed,
# 2 when the run could not be done (a tool missing, a transfer failed).
set -u -o pipefail

# shellcheck disable=SC2034  # read by lib.sh
bench_name=throughput
# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" || exit 2
transfer_settings
SCENARIOS="${SCENARIOS:-a b c d e f}"
F2F_SIZE="${F2F_SIZE:-}"
SMALL_FILES="${SMALL_FILES:-100000}"
SMALL_SIZE="${SMALL_SIZE:-4096}"
SMALL_DIRS="${SMALL_DIRS:-1000}"
MANY_RECEIVERS="${MANY_RECEIVERS:-1000 10000}"
MANY_ENV="${MANY_ENV:-}"
MANY_SCRIPT="${MANY_SCRIPT:-bench/many-receivers.sh}"
MANY_TIMEOUT="${MANY_TIMEOUT:-1200}"
CHART_DIR="${CHART_DIR-docs}"
SETTLE="${SETTLE:-360}"
MIN_FREE_GIB=10 # below this, row c uses a 1 GiB file

# The rows: ours' figure, theirs', the target (ours / theirs at least), the unit, and what it is.
rows=(a b c d e f)
declare -A OURS=([a]=m2m_plain [b]=m2m_tls [c]=f2f_plain [d]=small_ours [e]=small_nofsync)
declare -A THEIRS=([a]=m2m_iperf [b]=m2m_socat [c]=f2f_socat [d]=small_rsync [e]=small_tar)
declare -A TARGET=([a]=1.1 [b]=1.0 [c]=1.0 [d]=2.0 [e]=1.0)
declare -A SHORT=([a]="memory to memory in clear" [b]="memory to memory over TLS" [c]="file to file, durable"
  [d]="many small files, durable" [e]="many small files, --no-fsync")
declare -A PEER=([a]="iperf3" [b]="socat over TLS" [c]="socat" [d]="rsync to a daemon" [e]="tar | socat")

selected=" "
for s in $SCENARIOS; do
  case "$s" in
    [a-f]) selected+="$s " ;;
    [1-6]) selected+="${rows[s - 1]} " ;;
    *) die "SCENARIOS may name the rows a to f (or 1 to 6), not '$s'" ;;
  esac
done
run_row() { [[ "$selected" == *" $1 "* ]]; }
for v in SMALL_FILES SMALL_SIZE SMALL_DIRS SETTLE MANY_TIMEOUT; do
  is_uint "${!v}" || die "$v must be a whole number, not '${!v}'"
done
[ "$SMALL_DIRS" -ge 1 ] && [ "$SMALL_FILES" -ge "$SMALL_DIRS" ] || die "SMALL_FILES must be at least SMALL_DIRS (>= 1)"
[ $((SMALL_FILES % SMALL_DIRS)) -eq 0 ] || die "SMALL_FILES ($SMALL_FILES) must be a multiple of SMALL_DIRS ($SMALL_DIRS)"
for n in $MANY_RECEIVERS; do is_uint "$n" && [ "$n" -ge 1 ] || die "MANY_RECEIVERS must be whole numbers, not '$n'"; done
run_row f && { [ -f "$MANY_SCRIPT" ] || die "row f needs $MANY_SCRIPT"; }

# ---------------------------------------------------------------- tools
for t in tar cmp diff sync shred split awk; do command -v "$t" >/dev/null || die "$t is needed"; done
wanted=()
run_row a && wanted+=(iperf3=iperf3)
{ run_row b || run_row c || run_row e; } && wanted+=(socat=socat)
run_row b && wanted+=(openssl=openssl)
run_row d && wanted+=(rsync=rsync)
[ -n "$CHART_DIR" ] && wanted+=(gnuplot=gnuplot-nox?)

# On ext4 without a journal, creating a file skips the inodes freed in the last 60 s (360 s while
# their inode table block is dirty; recently_deleted() in fs/ext4/ialloc.c), which makes creating
# many files several times slower for minutes after many were deleted (tar -x of 100,000 files:
# 4.2 s settled, 52 s right after deleting as many, 80 s 65 s after; docs/BENCHMARKS.md). So a run waits until
# SETTLE seconds have passed since the previous run's clean-up, and keeps every received tree
# until its end (docs/BENCHMARKS.md, Caveats).
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
cleanup_more() { # before the temporary directory goes: the next run waits for its inodes to settle
  rm -rf "$work"
  sync
  date +%s >"$settle_marker" 2>/dev/null
}
transfer_setup throughput "${wanted[@]}"
if [ -n "$CHART_DIR" ] && ! command -v gnuplot >/dev/null; then
  say "warning: gnuplot is not installed; no charts will be drawn"
  CHART_DIR=""
fi
mkdir -p "$work/dst" "$work/small-dst"

# ---------------------------------------------------------------- inputs
if run_row c; then
  free_bytes=$(( $(df -Pk "$work" | awk 'NR == 2 { print $4 }') * 1024 ))
  f2f_note=""
  if [ -z "$F2F_SIZE" ]; then
    F2F_SIZE=4G
    if [ "$free_bytes" -lt $((MIN_FREE_GIB << 30)) ]; then
      F2F_SIZE=1G
      f2f_note="only $((free_bytes >> 30)) GiB free on the temporary directory's file system (under $MIN_FREE_GIB GiB): a 1 GiB file instead of 4 GiB"
      say "$f2f_note"
    fi
  fi
  big="$work/f2f-src/big.bin"
  random_file "$big" "$F2F_SIZE"
fi

if run_row d || run_row e; then
  trees=0 # received trees per round
  run_row d && trees=$((trees + 2))
  run_row e && trees=$((trees + 2))
  # shellcheck disable=SC2017  # whole 4 KiB blocks per file
  need_kib=$(( SMALL_FILES * ((SMALL_SIZE + 4095) / 4096 * 4) * (trees * ROUNDS + 1) ))
  [ "$(df -Pk "$work" | awk 'NR == 2 { print $4 }')" -gt "$need_kib" ] || die "rows d and e keep $((trees * ROUNDS + 1)) trees of $SMALL_FILES files: not enough room in $work"
  [ "$(df -Pi "$work" | awk 'NR == 2 { print $4 }')" -gt $((SMALL_FILES * (trees * ROUNDS + 1) * 11 / 10)) ] || die "not enough free inodes in $work for rows d and e"
  say "creating $SMALL_FILES files of $SMALL_SIZE bytes in $SMALL_DIRS directories..."
  small="$work/small-src/tree"
  mkdir -p "$small"
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
if run_row d; then
  cat >"$work/rsyncd.conf" <<EOF
use chroot = no
log file = $work/out/rsyncd.log
[txrx]
  path = $work/small-dst
  read only = no
  uid = $(id -un)
  gid = $(id -gn)
EOF
fi
if run_row b; then
  socat_tls_setup
  our_identities
  make_identities
fi
sync

# ---------------------------------------------------------------- rows a and b: memory to memory
m2m_iperf() { # round: one iperf3 stream of the same volume
  local r="$1" port sp code bps s="m2m_iperf-s$1" c="m2m_iperf-c$1"
  port="$(pick_port)" || die "no free port found"
  window_begin
  bounded "$s" iperf3 -s -B "$HOST" -p "$port" -1 &
  sp=$!
  pids+=("$sp")
  wait_listening "$port" "$sp" || fail_run "row a, round $r: iperf3 -s did not listen on $port" "$s"
  code=0; bounded "$c" iperf3 -c "$HOST" -p "$port" -n "$m2m_total" -J || code=$?
  finish "$sp" || fail_run "row a, round $r: iperf3 -s exited $?" "$s"
  window_close
  [ "$code" -eq 0 ] || fail_run "row a, round $r: iperf3 -c exited $code" "$c"
  bps="$(awk '/"sum_received"/ { s = 1 } s && /"bits_per_second"/ { gsub(/[^0-9.eE+-]/, "", $2); print $2 / 8; exit }' "$work/out/$c.out")"
  [ -n "$bps" ] || fail_run "row a, round $r: no sum_received in iperf3's JSON" "$c"
  record m2m_iperf "$bps"
  measured m2m_iperf "$s" "$c"
}

# ---------------------------------------------------------------- rows d and e: many small files
# Each transfer writes into a new directory, kept until the end (see SETTLE above).
small_ours() { # figure round [--no-fsync]
  local fig="$1" r="$2" dst="$work/small-dst/$1-$2" c="$1-r$2" s; shift 2
  mkdir -p "$dst"; sync
  our_run "$fig" "$r" "$(opts_of sender --once --plain)" "$(opts_of receiver --plain)" \
    --plain --open --send "$small" -- --plain --output-dir "$dst" "$@"
  [ "$(json_num "$work/out/$c.out" files)" = "$SMALL_FILES" ] || fail_run "$fig, round $r: our receiver did not get $SMALL_FILES files" "$c"
  small_check "$fig" "$r" "$dst/tree"
  record "$fig" "$(per_second "$SMALL_FILES" "$our_wall")"
  s="$(json_num "$work/out/$c.out" seconds)"
  record "${fig}_transfer" "$(per_second "$SMALL_FILES" "$s")"
}
small_check() { # figure round tree: every file is there; in round 1, identical to the source
  [ "$(find "$3" -type f | wc -l)" -eq "$SMALL_FILES" ] || fail_run "$1, round $2: $SMALL_FILES files expected in $3"
  [ "$2" -eq 1 ] || return 0
  diff -r "$small" "$3" >/dev/null || fail_run "$1, round 1: the received tree differs from the source"
}

small_rsync() { # round: rsync -a --whole-file to a daemon started for the transfer
  local r="$1" fig=small_rsync port dp code t0 t1 p
  local d="small_rsync-d$1" c="small_rsync-c$1" new="small_rsync-$1"
  port="$(pick_port)" || die "no free port found"
  t0="$EPOCHREALTIME"
  window_begin
  bounded "$d" rsync --daemon --no-detach --config="$work/rsyncd.conf" --address="$HOST" --port="$port" &
  dp=$!
  pids+=("$dp")
  wait_listening "$port" "$dp" || fail_run "row d, round $r: the rsync daemon did not listen on $port" "$d"
  code=0; bounded "$c" rsync -a --whole-file "$small/" "rsync://$HOST:$port/txrx/$new/" || code=$?
  t1="$EPOCHREALTIME"
  window_close
  # SIGTERM to the daemon itself, so that time(1) above it reports its CPU (children included).
  for p in $(descendants "$dp"); do [ "$(cat "/proc/$p/comm" 2>/dev/null)" = rsync ] && kill -TERM "$p" 2>/dev/null; done
  finish "$dp" || true
  [ "$code" -eq 0 ] || fail_run "row d, round $r: rsync exited $code" "$c" "$d"
  small_check "$fig" "$r" "$work/small-dst/$new"
  record "$fig" "$(per_second "$SMALL_FILES" "$(elapsed "$t0" "$t1")")"
  measured "$fig" "$d" "$c"
}

# shellcheck disable=SC2016  # the pipelines' own variables, expanded by their shells
small_tar() { # round: tar -c | socat into socat | tar -x
  local r="$1" port lp code t0 t1 dst="$work/small-dst/small_tar-$1"
  mkdir -p "$dst"; sync
  port="$(pick_port)" || die "no free port found"
  t0="$EPOCHREALTIME"
  window_begin
  # Each side is a pipeline in a shell of its own; every process in it is timed.
  local tm='tm() { if [ "$TM" = yes ]; then /usr/bin/time -f "%e %U %S" -o "$@"; else shift; "$@"; fi; }'
  TM="$have_time" bounded "small_tar-l$r" bash -o pipefail -c "$tm"'
    tm "$3/small_tar-socat-l$5.time" socat -u "TCP-LISTEN:$1,bind=$4,reuseaddr" - |
      tm "$3/small_tar-x$5.time" tar -C "$2" -xf -' _ "$port" "$dst" "$work/out" "$HOST" "$r" &
  lp=$!
  pids+=("$lp")
  code=0; TM="$have_time" bounded "small_tar-c$r" bash -o pipefail -c "$tm"'
    tm "$3/small_tar-c$5.time" tar -C "$2" -cf - . |
      tm "$3/small_tar-socat-c$5.time" socat -u - "TCP:$4:$1,retry=3000,interval=0.01"' _ "$port" "$small" "$work/out" "$HOST" "$r" || code=$?
  finish "$lp" || fail_run "row e, round $r: the receiving pipeline (socat | tar -x) exited $?" "small_tar-l$r"
  t1="$EPOCHREALTIME"
  window_close
  [ "$code" -eq 0 ] || fail_run "row e, round $r: the sending pipeline (tar -c | socat) exited $code" "small_tar-c$r"
  small_check small_tar "$r" "$dst"
  record small_tar "$(per_second "$SMALL_FILES" "$(elapsed "$t0" "$t1")")"
  measured small_tar "small_tar-socat-l$r" "small_tar-x$r" "small_tar-c$r" "small_tar-socat-c$r"
}

ours_a() { m2m_ours m2m_plain "$1" --plain; }
theirs_a() { m2m_iperf "$1"; }
ours_b() { m2m_ours m2m_tls "$1"; }
theirs_b() { m2m_socat m2m_socat "$1" "$socat_conf_ours"; }
ours_c() { f2f_ours f2f_plain "$1" "$big" --plain; }
theirs_c() { f2f_socat f2f_socat "$1" "" "$big"; }
ours_d() { small_ours small_ours "$1"; }
theirs_d() { small_rsync "$1"; }
ours_e() { small_ours small_nofsync "$1" --no-fsync; }
theirs_e() { small_tar "$1"; }
warm() { # row: the sources back into the page cache, from which the kernel may have evicted them
  case "$1" in
    c) cat "$big" >/dev/null ;;
    d | e) find "$small" -type f -exec cat {} + >/dev/null ;;
  esac
}

# ---------------------------------------------------------------- the rounds
run_started="$EPOCHREALTIME"
when="$(date -u '+%Y-%m-%d %H:%M UTC')"
for ((r = 1; r <= ROUNDS; r++)); do
  for row in a b c d e; do
    run_row "$row" || continue
    warm "$row"
    if [ $((r % 2)) -eq 1 ]; then "ours_$row" "$r"; "theirs_$row" "$r"; else "theirs_$row" "$r"; "ours_$row" "$r"; fi
  done
  say "round $r of $ROUNDS done ($(elapsed "$run_started" "$EPOCHREALTIME") s so far)"
done

# ---------------------------------------------------------------- row f: many receivers
# many_result OUTPUT MARKDOWN: "receivers verified peak_rss_mib wall_s" from the script's RESULT
# line in OUTPUT (its fields in any order), or else from its markdown report; nothing if neither.
many_result() {
  local line
  line="$(grep -m1 '^RESULT ' "$1" 2>/dev/null)"
  if [ -n "$line" ]; then
    awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      if (v["receivers"] != "" && v["verified"] != "" && v["peak_rss_mib"] != "")
        print v["receivers"], v["verified"], v["peak_rss_mib"], (v["wall_s"] == "" ? "n/a" : v["wall_s"]) }' <<<"$line"
  elif [ -s "$2" ]; then
    awk -F' *\\| *' '
      $2 == "receivers verified" { split($3, a, " of "); v = a[1]; n = a[2] }
      $2 ~ /^sender peak RSS/ { rss = $3; sub(/ .*/, "", rss) }
      $2 ~ /^wall time/ { w = $3; sub(/ .*/, "", w) }
      END { if (n != "" && rss != "") print n, v, rss, (w == "" ? "n/a" : w) }' "$2"
  fi
}
many_limit() { [ "$1" -le 1000 ] && echo 256 || echo 512; } # receivers -> the sender's RSS limit, MiB
many_code=0
if run_row f; then
  for n in $MANY_RECEIVERS; do
    say "row f: $MANY_SCRIPT with $n receivers..."
    rm -f bench/results/many-receivers.md
    code=0
    # Its own settings only: none of this script's JVM options or log settings.
    # shellcheck disable=SC2086  # MANY_ENV is a list of words
    env -u SENDER_JAVA_OPTS -u RECEIVER_JAVA_OPTS -u KEEP_LOGS -u ROUNDS RECEIVERS="$n" TARGET_RSS_MIB="$(many_limit "$n")" $MANY_ENV \
      timeout -k 10 "$MANY_TIMEOUT" bash "$MANY_SCRIPT" >"$work/out/many-$n.out" 2>"$work/out/many-$n.err" </dev/null || code=$?
    result="$(many_result "$work/out/many-$n.out" bench/results/many-receivers.md)"
    if [ -z "$result" ] || [ "$code" -ge 2 ]; then
      say "row f: $MANY_SCRIPT with $n receivers could not run (exit $code):"; tail -5 "$work/out/many-$n.err" >&2
      many_code=2
      continue
    fi
    read -r _ v rss wall <<<"$result"
    echo "$n $v $rss $wall $(many_limit "$n")" >>"$work/many"
    say "row f: $v of $n verified, sender peak RSS $rss MiB, $wall s"
  done
fi
run_seconds="$(elapsed "$run_started" "$EPOCHREALTIME")"
keep_logs throughput

# ---------------------------------------------------------------- figures
declare -A M
for row in a b c d e; do
  for f in "${OURS[$row]}" "${THEIRS[$row]}"; do
    for x in "" _cpu _others _transfer; do M[$f$x]="$(med "$f$x")"; done
  done
done
declare -A R MET
for row in a b c d e; do
  R[$row]="$(ratio "${M[${OURS[$row]}]}" "${M[${THEIRS[$row]}]}")"
  MET[$row]="$(meets "${R[$row]}" "${TARGET[$row]}")"
done
many_met() { # receivers verified rss limit -> yes/no
  [ "$2" = "$1" ] && awk -v p="$3" -v t="$4" 'BEGIN { exit !(p < t) }' && echo yes || echo no
}
MET[f]=yes
if [ -s "$work/many" ]; then
  while read -r n v rss wall limit; do [ "$(many_met "$n" "$v" "$rss" "$limit")" = yes ] || MET[f]=no; done <"$work/many"
else
  MET[f]=no
fi
[ "$many_code" -eq 0 ] || MET[f]=no

value() { # row figure -> the median in the row's unit
  case "$1" in a | b | c) mb "${M[$2]}" ;; *) fmt "${M[$2]}" ;; esac
}
unit() { case "$1" in a | b | c) echo "MB/s" ;; *) echo "files/s" ;; esac; }
rounds() { case "$1" in a | b | c) rounds_of "$2" 1e6 1 ;; *) rounds_of "$2" 1 0 ;; esac; }
small_what="$SMALL_FILES × $SMALL_SIZE B in $SMALL_DIRS directories"
declare -A WHAT=(
  [a]="a. memory to memory in clear, $M2M_COUNT × $M2M_SIZE: \`sender --plain --no-save\` → \`receiver --plain --discard\`, vs one \`iperf3\` stream"
  [b]="b. memory to memory over TLS, $M2M_COUNT × $M2M_SIZE: \`sender --no-save\` → \`receiver --discard\`, vs \`socat\` OPENSSL, TLS 1.3 $OUR_SUITE"
  [c]="c. file to file, ${F2F_SIZE:-?}, durable: \`sender --plain --open --send FILE\` → \`receiver --plain\`, vs \`socat\`; wall clock with start-up"
  [d]="d. $small_what, durable: \`sender --plain --open --send DIR\` → \`receiver --plain\`, vs \`rsync -a --whole-file\` to an rsync daemon; wall clock with start-up"
  [e]="e. the same with \`receiver --no-fsync\`, vs \`tar -cf - | socat\` → \`socat | tar -xf -\`; wall clock with start-up"
)
peers=()
run_row a && peers+=(iperf3)
{ run_row b || run_row c || run_row e; } && peers+=(socat)
run_row b && peers+=(openssl)
run_row d && peers+=(rsync)
{ run_row d || run_row e; } && peers+=(tar)
header="$(machine_header "${peers[@]}")"

{
  echo
  echo "== throughput: median of $ROUNDS rounds ($(fmt "$run_seconds" 0) s in all), loopback $HOST"
  for row in a b c d e; do
    run_row "$row" || continue
    echo "${WHAT[$row]}"
    printf '   ours   %10s %s  [%s]\n' "$(value "$row" "${OURS[$row]}")" "$(unit "$row")" "$(rounds "$row" "${OURS[$row]}")"
    printf '   theirs %10s %s  [%s]  (%s)\n' "$(value "$row" "${THEIRS[$row]}")" "$(unit "$row")" "$(rounds "$row" "${THEIRS[$row]}")" "${PEER[$row]}"
    echo "   ratio ours/theirs: ${R[$row]} (target >= ${TARGET[$row]}: ${MET[$row]})"
  done
  if run_row f; then
    echo "f. receivers served at once by one sender ($MANY_SCRIPT)"
    [ -s "$work/many" ] && while read -r n v rss wall limit; do
      echo "   $n receivers: $v verified, sender peak RSS $rss MiB (limit $limit), $wall s: $(many_met "$n" "$v" "$rss" "$limit")"
    done <"$work/many"
    [ "$many_code" -eq 0 ] || echo "   (a run of $MANY_SCRIPT could not be done: see its output with KEEP_LOGS=1)"
  fi
  echo "$header"
} >&2

# ---------------------------------------------------------------- report
mkdir -p bench/results
{
  echo "### Throughput against iperf3, socat, rsync and tar — $when"
  echo
  echo "Median of $ROUNDS rounds; in each round ours and theirs ran one after the other (ours first in odd rounds). MB = 10^6 bytes; ratios are ours / theirs."
  echo
  echo "| row | ours | theirs | ours / theirs | target | met |"
  echo "| --- | --- | --- | --- | --- | --- |"
  for row in a b c d e; do
    run_row "$row" || continue
    echo "| ${WHAT[$row]//|/\\|} | $(value "$row" "${OURS[$row]}") $(unit "$row") | $(value "$row" "${THEIRS[$row]}") $(unit "$row") | **${R[$row]}** | ≥ ${TARGET[$row]} | **${MET[$row]}** |"
  done
  if run_row f && [ -s "$work/many" ]; then
    while read -r n v rss wall limit; do
      echo "| f. $n receivers served at once by one sender (\`$MANY_SCRIPT\`, $wall s) | $v verified, sender peak RSS $rss MiB | (iperf3 serves one) | | all verified, under $limit MiB | **$(many_met "$n" "$v" "$rss" "$limit")** |"
    done <"$work/many"
  fi
  run_row f && [ "$many_code" -ne 0 ] && echo "| f. a run of \`$MANY_SCRIPT\` could not be done | | | | | **no** |"
  echo
  echo "Every round (in run order), CPU time (user + system of the processes of the transfer, median), and the CPU that other processes used meanwhile:"
  echo
  echo "| figure | rounds | CPU | CPU of other processes |"
  echo "| --- | --- | --- | --- |"
  for row in a b c d e; do
    run_row "$row" || continue
    for f in "${OURS[$row]}" "${THEIRS[$row]}"; do
      who="ours"; [ "$f" = "${OURS[$row]}" ] || who="${PEER[$row]//|/\\|}"
      echo "| $row. $who, $(unit "$row") | $(rounds "$row" "$f") | $(cpu_cell "${M[${f}_cpu]}") | $(pct "${M[${f}_others]}") |"
      [ -s "$work/fig.${f}_transfer" ] && echo "| $row. ours, the receiver's own figure (transfer only, no start-up), $(unit "$row") | $(rounds "$row" "${f}_transfer") | | |"
    done
  done
  echo
  echo "CPU of other processes: the machine's busy CPU time during the transfer less that of the measured processes, as a share of all its CPUs; the kernel's own work for the transfer (softirq, writeback) counts there too."
  echo
  run_row c && echo "- Row c: source and output on $(work_fs).${f2f_note:+ $f2f_note.}"
  { run_row d || run_row e; } && echo "- Rows d and e: $(awk -v n="$SMALL_FILES" -v s="$SMALL_SIZE" 'BEGIN { printf "%.1f", n * s / 1048576 }') MiB in all, on $(work_fs); every received tree kept until the end of the run."
  if run_row d; then
    echo "- Row d, rsync: \`rsync --daemon --no-detach --config=rsyncd.conf --address=$HOST --port=PORT\` (rsyncd.conf: \`use chroot = no\`, module \`[txrx]\` with \`path = DEST\`, \`read only = no\`, \`uid\`/\`gid\` of the caller), then \`rsync -a --whole-file SRC/ rsync://$HOST:PORT/txrx/NEWDIR/\`; $(tool_version rsync)."
  fi
  echo "$header"
  echo "- Parameters: ROUNDS=$ROUNDS SCENARIOS='$SCENARIOS' M2M_COUNT=$M2M_COUNT M2M_SIZE=$M2M_SIZE F2F_SIZE=${F2F_SIZE:-} SMALL_FILES=$SMALL_FILES SMALL_SIZE=$SMALL_SIZE SMALL_DIRS=$SMALL_DIRS MANY_RECEIVERS='$MANY_RECEIVERS' MANY_ENV='$MANY_ENV' SENDER_JAVA_OPTS='$SENDER_JAVA_OPTS' RECEIVER_JAVA_OPTS='$RECEIVER_JAVA_OPTS'; the run took $(fmt "$run_seconds" 0) s"
} >bench/results/throughput.md
say "wrote bench/results/throughput.md"

# ---------------------------------------------------------------- charts
# One per row: ours and theirs in every round, and over ours a dashed mark where the target lies.
gp_string() { local v="${1//\\/}"; v="${v//\'/}"; printf "'%s'" "$v"; }
chart() { # row data heading unit ours-name theirs-name
  local out="$CHART_DIR/bench-$1.png"
  if gnuplot -e "datafile = $(gp_string "$2"); outfile = $(gp_string "$out"); heading = $(gp_string "$3"); unit = $(gp_string "$4"); oursname = $(gp_string "$5"); theirsname = $(gp_string "$6")" \
    bench/chart.gp 2>"$work/gnuplot.err"; then
    say "wrote $out"
  else
    say "warning: gnuplot failed for row $1; no chart:"; cat "$work/gnuplot.err" >&2
  fi
}
if [ -n "$CHART_DIR" ]; then
  mkdir -p "$CHART_DIR"
  machine_line="$(nproc) CPUs, $(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo), Linux $(uname -r), $("$JAVA" -version 2>&1 | head -1)"
  size_of() {
    case "$1" in
      a | b) echo ", $M2M_COUNT × $M2M_SIZE" ;; c) echo ", $F2F_SIZE" ;; d | e) echo ", $SMALL_FILES × $SMALL_SIZE B in $SMALL_DIRS directories" ;;
    esac
  }
  scale() { case "$1" in a | b | c) echo 1e6 ;; *) echo 1 ;; esac; }
  for row in a b c d e; do
    run_row "$row" || continue
    paste -d' ' "$work/fig.${OURS[$row]}" "$work/fig.${THEIRS[$row]}" 2>/dev/null |
      awk -v s="$(scale "$row")" -v t="${TARGET[$row]}" 'NF == 2 { printf "\"round %d\" %.3f %.3f %.3f\n", NR, $1 / s, $2 / s, t * $2 / s }' >"$work/chart-$row.dat"
    chart "$row" "$work/chart-$row.dat" \
      "$row. ${SHORT[$row]}: ours against ${PEER[$row]}$(size_of "$row")|ours / theirs = ${R[$row]} (median of $ROUNDS rounds), target ≥ ${TARGET[$row]}: ${MET[$row]}; the dashes: ${TARGET[$row]} × theirs|$when; $machine_line" \
      "$(unit "$row")" "ours" "${PEER[$row]}"
  done
  if run_row f && [ -s "$work/many" ]; then
    awk '{ printf "\"%d receivers, %d verified\" %s - %s\n", $1, $2, $3, $5 }' "$work/many" >"$work/chart-f.dat"
    chart f "$work/chart-f.dat" "f. receivers served at once by one sender: the peak RSS of the sender|target: every receiver verified and the RSS under the dashes: ${MET[f]}|$when; $machine_line" \
      "MiB (VmHWM)" "peak RSS of the sender" ""
  fi
fi

[ "$many_code" -eq 0 ] || exit 2
for row in a b c d e f; do
  run_row "$row" && [ "${MET[$row]}" = no ] && exit 1
done
exit 0
