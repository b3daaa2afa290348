#!/usr/bin/env bash
# Benchmark: what encryption costs. txrx over TLS 1.3 (the apps' default) against socat with
# OPENSSL addresses (TLS 1.3 by OpenSSL) and against txrx in clear (--plain), on loopback, in
# two scenarios. Each round runs ours and theirs one after the other (ours first in odd rounds,
# theirs first in even rounds), ROUNDS rounds in all; the medians and the ratios are reported.
#
#   1. Memory to memory, M2M_COUNT x M2M_SIZE bytes:
#      a. ours over TLS: `sender --count M2M_COUNT --min-size M2M_SIZE --max-size M2M_SIZE
#         --min-interval 0 --max-interval 0 --once --no-save` (generated in memory, stored
#         nowhere) into `receiver --discard --json`; the receiver's bytesPerSecond (the transfer,
#         without the JVMs' start-up, with the JIT's warm-up);
#      b. ours in clear: the same with --plain on both sides;
#      c. socat over TLS 1.3 with TLS_AES_128_GCM_SHA256, the suite ours negotiates:
#         `socat -u OPEN:/dev/zero,readbytes=<same volume> OPENSSL:127.0.0.1:PORT,verify=0,...`
#         into `socat -u OPENSSL-LISTEN:PORT,cert=...,key=...,verify=0,... OPEN:/dev/null`; the
#         volume over the wall time from launching the connecting socat to the exit of both;
#      d. socat as c, with OpenSSL's own choice of suite (TLS_AES_256_GCM_SHA384), for comparison.
#      Target: a / c at least TARGET_M2M.
#   2. File to file, an F2F_SIZE file of pseudo-random bytes (shred(1)) in the page cache, to disk:
#      a. ours over TLS: `sender --send FILE --once --token-file T` into
#         `receiver --output-dir DIR --token-file T`, both JVMs launched at once;
#      b. the same with `receiver --no-fsync` (socat does not wait for the disk; for comparison);
#      c. ours in clear: `sender --plain --open --send FILE --once` into `receiver --plain`;
#      d. `socat -u FILE OPENSSL:...` into `socat -u OPENSSL-LISTEN:... OPEN:DIR/out,creat,trunc`,
#         with ours' suite as 1c; e. the same with OpenSSL's own choice, as 1d.
#      Wall clock from launching the listening process to the exit of both, so process start-up
#      (two JVMs for ours) is included. The received file is deleted, and `sync` run, before
#      each transfer; the source is read again before each round, to keep it in the page cache.
#      Target: a / d at least TARGET_F2F.
#
# socat gets a throwaway certificate (EC P-256, made here with `openssl req -x509`) and is held to
# TLS 1.3 (min-version=TLS1.3); an OpenSSL configuration file (OPENSSL_CONF) chooses its suite
# for c and d. The suites that each side negotiated are read from the runs (ours from the
# receiver's "encrypted with" line, socat's from its -d -d log) and reported. Ours presents a
# certificate on both sides and checks the sender's against its known hosts; socat is told not
# to verify (verify=0). Ours generates pseudo-random content in 1a while socat reads zeros: the
# cost of AES-GCM does not depend on the bytes. The identities, known hosts and the token are
# made for the run in its temporary directory (--identity, XDG_CONFIG_HOME), never in the real
# home directory.
#
# Each of ours counts only if both processes exit 0 (the receiver verified every file's CRC32C
# and the session digest) with the right byte count; socat's if both exit 0 and, in scenario 2,
# the output has the right size; in round 1 both outputs of scenario 2 are compared with the
# source (cmp), untimed. Everything listens on 127.0.0.1 only, on free ports; every process is
# bounded by timeout(1); everything started here is stopped, and every temporary file removed,
# on any exit. The jars are run from private copies, so a rebuild during the run changes nothing.
# Ours get the JVM options the launchers (bin/lib/launch.sh) give each run.
#
# socat and openssl (and time, for CPU figures) are installed with apt-get when missing.
# Writes bench/results/tls.md (git-ignored).
#
# Environment (defaults in brackets):
#   ROUNDS [5]                 rounds; each runs every row of every scenario once
#   SCENARIOS [1 2]            which scenarios to run
#   M2M_COUNT [3]  M2M_SIZE [1G]   scenario 1: generated files and their size
#   F2F_SIZE [1G]              scenario 2: size of the file
#   STEP_TIMEOUT [300]         seconds before any one process is killed
#   SENDER_JAVA_OPTS []  RECEIVER_JAVA_OPTS []   JVM options added to the launchers' for every
#                              run of ours (TXRX_JAVA_OPTS replaces the launchers'), e.g. a profiler
#   TRY_JAVA_OPTS [unset]      when set, even to nothing, each round also runs 1a and 2a with these
#                              JVM options on both sides instead of the launchers' (rows 1a' and
#                              2a'), to measure a launcher option before and after in the same run:
#                              TRY_JAVA_OPTS= gives the JVM's defaults
#   KEEP_LOGS [0]              1: copy every process's output to bench/results/tls-logs/
#
# Exit status: 0 when both targets are met, 1 when the run completed but a target was missed,
# 2 when the run could not be done (a tool missing, a transfer failed).
set -u -o pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root" || exit 2

ROUNDS="${ROUNDS:-5}"
SCENARIOS="${SCENARIOS:-1 2}"
M2M_COUNT="${M2M_COUNT:-3}"
M2M_SIZE="${M2M_SIZE:-1G}"
F2F_SIZE="${F2F_SIZE:-1G}"
STEP_TIMEOUT="${STEP_TIMEOUT:-300}"
SENDER_JAVA_OPTS="${SENDER_JAVA_OPTS:-}"
RECEIVER_JAVA_OPTS="${RECEIVER_JAVA_OPTS:-}"
try=no
[ -n "${TRY_JAVA_OPTS+set}" ] && try=yes
TRY_JAVA_OPTS="${TRY_JAVA_OPTS:-}"
try_label="the JVM's default options instead of the launchers'"
[ -z "$TRY_JAVA_OPTS" ] || try_label="the JVM options \`$TRY_JAVA_OPTS\` instead of the launchers'"
KEEP_LOGS="${KEEP_LOGS:-0}"
HOST=127.0.0.1                 # loopback only, never anything else
LISTEN_TIMEOUT=30              # seconds for a listening process to be ready
# Targets from the issue: ours over TLS / socat over TLS at least this.
TARGET_M2M=1.0
TARGET_F2F=1.0
# The suite ours negotiates (Tls.CIPHER_SUITES, first), which socat is given for 1c and 2d.
OUR_SUITE=TLS_AES_128_GCM_SHA256

say() { printf '%s\n' "tls: $*" >&2; }
die() { say "$*"; exit 2; }
. "$root/bench/lib.sh"

for v in ROUNDS M2M_COUNT STEP_TIMEOUT; do
  is_uint "${!v}" || die "$v must be a whole number, not '${!v}'"
done
[ "$ROUNDS" -ge 1 ] || die "ROUNDS must be at least 1"
[ "$M2M_COUNT" -ge 1 ] || die "M2M_COUNT must be at least 1"
for s in $SCENARIOS; do [[ "$s" =~ ^[12]$ ]] || die "SCENARIOS may name 1 and 2, not '$s'"; done
run_scenario() { [[ " $SCENARIOS " == *" $1 "* ]]; }
m2m_size_bytes="$(bytes_of "$M2M_SIZE")" || die "M2M_SIZE must look like 512, 64K, 10M or 1G, not '$M2M_SIZE'"
m2m_total=$((M2M_COUNT * m2m_size_bytes))
f2f_bytes="$(bytes_of "$F2F_SIZE")" || die "F2F_SIZE must look like 512, 64K, 10M or 1G, not '$F2F_SIZE'"

# The JVM options of each kind of run: the launchers' for it, then the caller's.
opts_of() { # app args... -> the options bin/sender or bin/receiver would give, plus the caller's
  local extra
  [ "$1" = sender ] && extra="$SENDER_JAVA_OPTS" || extra="$RECEIVER_JAVA_OPTS"
  printf '%s%s' "$(launcher_options "$@")" "$extra"
}
tls_sender_opts="$(opts_of sender --once)"
tls_receiver_opts="$(opts_of receiver --discard)"
plain_sender_opts="$(opts_of sender --once --plain)"
plain_receiver_opts="$(opts_of receiver --discard --plain)"

# ---------------------------------------------------------------- tools
command -v java >/dev/null || die "java is not on the PATH"
for t in timeout cmp sync shred awk od; do
  command -v "$t" >/dev/null || die "$t is needed"
done
apt_install socat=socat openssl=openssl /usr/bin/time=time?
have_time=no
[ -x /usr/bin/time ] && have_time=yes
[ "$have_time" = yes ] || say "warning: /usr/bin/time is missing (apt-get install time); no CPU figures"
socat -V 2>/dev/null | grep -q 'WITH_OPENSSL 1' || die "this socat was built without OpenSSL"

find_jars

# ---------------------------------------------------------------- state and clean-up
work="$(mktemp -d "${TMPDIR:-/tmp}/tls-bench.XXXXXX")" || die "cannot create a temporary directory"
pids=()
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_all
  rm -rf "$work"
  exit "$status"
}
on_exit_clean_up

use_private_jars
commit="$(run_commit)"
mkdir -p "$work/logs" "$work/out" "$work/dst"
private_config
make_token_file "$work/token"

# socat's certificate, and the OpenSSL configurations that hold it to TLS 1.3: one with ours'
# suite only, one with OpenSSL's default suites.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=tls-bench \
  -keyout "$work/socat.key" -out "$work/socat.crt" >"$work/out/openssl.out" 2>&1 || die "openssl cannot make a certificate"
openssl_conf() { # file [suites]
  {
    printf 'openssl_conf = openssl_init\n[openssl_init]\nssl_conf = ssl_sect\n[ssl_sect]\n'
    printf 'system_default = system_default_sect\n[system_default_sect]\nMinProtocol = TLSv1.3\n'
    [ -z "${2:-}" ] || printf 'Ciphersuites = %s\n' "$2"
  } >"$1"
}
openssl_conf "$work/openssl-ours.cnf" "$OUR_SUITE"
openssl_conf "$work/openssl-default.cnf"
socat_tls="verify=0,min-version=TLS1.3"
socat_server="cert=$work/socat.crt,key=$work/socat.key,$socat_tls"

# ---------------------------------------------------------------- the source file
if run_scenario 2; then
  free_bytes=$(( $(df -Pk "$work" | awk 'NR == 2 { print $4 }') * 1024 ))
  [ "$free_bytes" -gt $((2 * f2f_bytes + (512 << 20))) ] || die "not enough free space for two copies of $F2F_SIZE in $work"
  say "creating a $F2F_SIZE file of pseudo-random bytes (shred)..."
  big="$work/src/big.bin"
  mkdir -p "$work/src"
  : >"$big" && shred -n 1 -s "$f2f_bytes" "$big" || die "cannot create $big"
  cat "$big" >/dev/null # into the page cache
  work_fs="$(df -PT "$work" | awk 'NR == 2 { print $2 " (" $1 ")" }')"
fi
sync

busy_before="$(cpu_busy)"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

# ---------------------------------------------------------------- ours
# Every run of ours over TLS: the sender's and the receiver's identities (made on first use, kept
# for the run), the receiver trusting the sender on first use of each port.
tls_sender_args=(--identity "$work/id-sender")
tls_receiver_args=(--identity "$work/id-receiver")
suite_seen() { # what suite-line: notes a negotiated suite, once per kind
  [ -n "$2" ] || return 0
  grep -qxF -- "$1: $2" "$work/suites" 2>/dev/null || echo "$1: $2" >>"$work/suites"
}

our_run() { # fig round sender-opts receiver-opts sender-args -- receiver-args: one transfer, timed; sets our_wall
  local fig="$1" r="$2" sopts="$3" ropts="$4" port sp code t0; shift 4
  local sargs=() rargs=()
  while [ "$#" -gt 0 ] && [ "$1" != -- ]; do sargs+=("$1"); shift; done
  shift
  rargs=("$@")
  local s="$fig-s$r" c="$fig-r$r"
  port="$(pick_port)" || die "no free port found"
  t0="$EPOCHREALTIME"
  window_begin
  # shellcheck disable=SC2086  # the options are lists
  bounded "$s" java $sopts -jar "$sender_jar" --bind "$HOST" --port "$port" --once --json \
    --log-file "$work/logs/$s.log" "${sargs[@]}" &
  sp=$!
  pids+=("$sp")
  # Launched at once: it retries every 10 ms until the sender's JVM listens.
  code=0
  # shellcheck disable=SC2086
  bounded "$c" java $ropts -jar "$receiver_jar" --host "$HOST" --port "$port" --json --no-progress \
    --retries 3000 --retry-delay 10ms --max-retry-delay 10ms --log-file "$work/logs/$c.log" "${rargs[@]}" || code=$?
  finish "$sp" || fail_run "$fig, round $r: our sender exited $?" "$s" "$c"
  our_wall="$(elapsed "$t0" "$EPOCHREALTIME")"
  window_close
  [ "$code" -eq 0 ] || fail_run "$fig, round $r: our receiver exited $code" "$c"
  record "${fig}_cpu" "$(cpu_of "$s" "$c")"
  window_end "$fig" "$(cpu_of "$s" "$c")"
  [[ "$fig" == *plain* ]] || suite_seen "ours" "$(cipher_of "$work/out/$c.err")"
}

generated=(--count "$M2M_COUNT" --min-size "$M2M_SIZE" --max-size "$M2M_SIZE" --min-interval 0 --max-interval 0 --no-save)
m2m_ours() { # fig round sender-opts receiver-opts [--plain]
  local fig="$1" r="$2" sopts="$3" ropts="$4" plain="${5:-}" c="$1-r$2"
  if [ -n "$plain" ]; then
    our_run "$fig" "$r" "$sopts" "$ropts" --plain "${generated[@]}" -- --plain --discard
  else
    our_run "$fig" "$r" "$sopts" "$ropts" "${tls_sender_args[@]}" "${generated[@]}" -- "${tls_receiver_args[@]}" --discard
  fi
  [ "$(json_num "$work/out/$c.out" bytes)" = "$m2m_total" ] || fail_run "$fig, round $r: wrong byte count" "$c"
  record "$fig" "$(json_num "$work/out/$c.out" bytesPerSecond)"
}

f2f_ours() { # fig round sender-opts receiver-opts [--plain] [--no-fsync]
  local fig="$1" r="$2" sopts="$3" ropts="$4" dst="$work/dst/$1" c="$1-r$2" plain="" nofsync="" a
  shift 4
  for a in "$@"; do case "$a" in --plain) plain=yes ;; --no-fsync) nofsync=--no-fsync ;; esac; done
  rm -rf "$dst"; mkdir -p "$dst"; sync
  if [ -n "$plain" ]; then
    our_run "$fig" "$r" "$sopts" "$ropts" --plain --open --send "$big" -- --plain --output-dir "$dst" $nofsync
  else
    our_run "$fig" "$r" "$sopts" "$ropts" "${tls_sender_args[@]}" --token-file "$work/token" --send "$big" -- \
      "${tls_receiver_args[@]}" --token-file "$work/token" --output-dir "$dst" $nofsync
  fi
  [ "$(stat -c %s "$dst/big.bin" 2>/dev/null)" = "$f2f_bytes" ] || fail_run "$fig, round $r: our output has the wrong size" "$c"
  [ "$r" -eq 1 ] && { cmp -s "$big" "$dst/big.bin" || fail_run "$fig, round 1: our output differs from the source"; }
  record "$fig" "$(awk -v b="$f2f_bytes" -v s="$our_wall" 'BEGIN { print b / s }')"
  record "${fig}_transfer" "$(json_num "$work/out/$c.out" bytesPerSecond)"
  rm -rf "$dst"; sync
}

# ---------------------------------------------------------------- socat
socat_suite() { # name of a socat run -> "TLSv1.3 TLS_..." from its -d -d log
  local v s
  v="$(sed -nE 's/.*SSL proto version used: ([^ ]+).*/\1/p' "$work/out/$1.err" | head -n 1)"
  s="$(sed -nE 's/.*SSL connection using ([^ ]+).*/\1/p' "$work/out/$1.err" | head -n 1)"
  [ -n "$s" ] && echo "$v $s"
}

socat_run() { # fig round conf source-address destination-address: listener then client, timed; sets socat_wall
  local fig="$1" r="$2" conf="$3" src="$4" dst="$5" port lp code t0 t1
  local l="$fig-l$r" c="$fig-c$r"
  port="$(pick_port)" || die "no free port found"
  t0="$EPOCHREALTIME"
  window_begin
  OPENSSL_CONF="$conf" bounded "$l" socat -d -d -u "OPENSSL-LISTEN:$port,bind=$HOST,reuseaddr,$socat_server" "$dst" &
  lp=$!
  pids+=("$lp")
  # in memory, the clock starts once socat listens (as ours' transfer figure starts with the
  # connection); from a file, with the listener's launch (as for ours)
  case "$fig" in
    m2m_*)
      wait_listening "$port" "$lp" || fail_run "$fig, round $r: socat did not listen on $port" "$l"
      t0="$EPOCHREALTIME"
      ;;
  esac
  code=0
  OPENSSL_CONF="$conf" bounded "$c" socat -d -d -u "$src" "OPENSSL:$HOST:$port,$socat_tls,retry=3000,interval=0.01" || code=$?
  finish "$lp" || fail_run "$fig, round $r: the listening socat exited $?" "$l"
  t1="$EPOCHREALTIME"
  window_close
  [ "$code" -eq 0 ] || fail_run "$fig, round $r: the connecting socat exited $code" "$c"
  socat_wall="$(elapsed "$t0" "$t1")"
  record "${fig}_cpu" "$(cpu_of "$l" "$c")"
  window_end "$fig" "$(cpu_of "$l" "$c")"
  local ls cs
  ls="$(socat_suite "$l")" cs="$(socat_suite "$c")"
  [ "$ls" = "$cs" ] || fail_run "$fig, round $r: the two socats report different suites ('$ls', '$cs')" "$l" "$c"
  suite_seen "$fig" "$ls"
}

m2m_socat() { # fig round conf
  socat_run "$1" "$2" "$3" "OPEN:/dev/zero,readbytes=$m2m_total" "OPEN:/dev/null"
  record "$1" "$(awk -v b="$m2m_total" -v s="$socat_wall" 'BEGIN { print b / s }')"
}

f2f_socat() { # fig round conf
  local dst="$work/dst/$1"
  rm -rf "$dst"; mkdir -p "$dst"; sync
  socat_run "$1" "$2" "$3" "$big" "OPEN:$dst/out,creat,trunc"
  [ "$(stat -c %s "$dst/out" 2>/dev/null)" = "$f2f_bytes" ] || fail_run "$1, round $2: socat's output has the wrong size"
  [ "$2" -eq 1 ] && { cmp -s "$big" "$dst/out" || fail_run "$1, round 1: socat's output differs from the source"; }
  record "$1" "$(awk -v b="$f2f_bytes" -v s="$socat_wall" 'BEGIN { print b / s }')"
  rm -rf "$dst"; sync
}

# ---------------------------------------------------------------- the rounds
ours_of() { # scenario round: every row of ours
  local r="$2"
  if [ "$1" = 1 ]; then
    m2m_ours m2m_tls "$r" "$tls_sender_opts" "$tls_receiver_opts"
    [ "$try" = no ] || m2m_ours m2m_try "$r" "$TRY_JAVA_OPTS $SENDER_JAVA_OPTS" "$TRY_JAVA_OPTS $RECEIVER_JAVA_OPTS"
    m2m_ours m2m_plain "$r" "$plain_sender_opts" "$plain_receiver_opts" --plain
  else
    f2f_ours f2f_tls "$r" "$tls_sender_opts" "$tls_receiver_opts"
    [ "$try" = no ] || f2f_ours f2f_try "$r" "$TRY_JAVA_OPTS $SENDER_JAVA_OPTS" "$TRY_JAVA_OPTS $RECEIVER_JAVA_OPTS"
    f2f_ours f2f_tls_nofsync "$r" "$tls_sender_opts" "$tls_receiver_opts" --no-fsync
    f2f_ours f2f_plain "$r" "$plain_sender_opts" "$plain_receiver_opts" --plain
  fi
}
theirs_of() { # scenario round: every row of socat
  local s; [ "$1" = 1 ] && s=m2m || s=f2f
  "${s}_socat" "${s}_socat" "$2" "$work/openssl-ours.cnf"
  "${s}_socat" "${s}_socat_default" "$2" "$work/openssl-default.cnf"
}

# Untimed: one small transfer over TLS creates both identities (and the receiver's known host),
# so that no timed run pays for making a key pair and a certificate.
say "creating the identities (one small transfer, not timed)..."
our_run setup 0 "$tls_sender_opts" "$tls_receiver_opts" "${tls_sender_args[@]}" --count 1 --min-size 1K --max-size 1K \
  --no-save -- "${tls_receiver_args[@]}" --discard
rm -f "$work"/fig.*

run_started="$EPOCHREALTIME"
when="$(date -u '+%Y-%m-%d %H:%M UTC')"
for ((r = 1; r <= ROUNDS; r++)); do
  for s in 1 2; do
    run_scenario "$s" || continue
    [ "$s" = 2 ] && cat "$big" >/dev/null # the kernel may have evicted pages it found cold
    if [ $((r % 2)) -eq 1 ]; then ours_of "$s" "$r"; theirs_of "$s" "$r"; else theirs_of "$s" "$r"; ours_of "$s" "$r"; fi
  done
  say "round $r of $ROUNDS done ($(elapsed "$run_started" "$EPOCHREALTIME") s so far)"
done
run_seconds="$(elapsed "$run_started" "$EPOCHREALTIME")"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$KEEP_LOGS" = 1 ]; then
  rm -rf bench/results/tls-logs; mkdir -p bench/results/tls-logs
  cp "$work"/out/* bench/results/tls-logs/ 2>/dev/null
  cp -r "$work"/logs bench/results/tls-logs/ 2>/dev/null
fi

# ---------------------------------------------------------------- figures
declare -A M
for f in m2m_tls m2m_try m2m_plain m2m_socat m2m_socat_default f2f_tls f2f_tls_transfer f2f_try f2f_try_transfer \
  f2f_tls_nofsync f2f_tls_nofsync_transfer f2f_plain f2f_plain_transfer f2f_socat f2f_socat_default; do
  M[$f]="$(med "$f")"
  M[${f}_cpu]="$(med "${f}_cpu")"
  M[${f}_others]="$(med "${f}_others")"
done
r_m2m="$(ratio "${M[m2m_tls]}" "${M[m2m_socat]}")"
met_m2m="$(meets "$r_m2m" "$TARGET_M2M")"
r_f2f="$(ratio "${M[f2f_tls]}" "${M[f2f_socat]}")"
met_f2f="$(meets "$r_f2f" "$TARGET_F2F")"
suite() { sed -n "s/^$1: //p" "$work/suites" 2>/dev/null | paste -sd'/' -; } # every suite seen, normally one
ours_suite="$(suite ours)"
socat_suite_ours="$(suite "$(run_scenario 1 && echo m2m || echo f2f)_socat")"
socat_suite_default="$(suite "$(run_scenario 1 && echo m2m || echo f2f)_socat_default")"
[ "$(suite m2m_socat)" = "$(suite f2f_socat)" ] || ! run_scenario 1 || ! run_scenario 2 || socat_suite_ours="$(suite m2m_socat) / $(suite f2f_socat)"

cpus="$(nproc)"
mem_total="$(free -h | awk '/^Mem:/ { print $2 }')"
cpu_model="$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
cpu_flags="$(grep -m1 -o -w -E 'aes|pclmulqdq|avx2|avx512f|vaes|vpclmulqdq' /proc/cpuinfo | sort -u | paste -sd' ' -)"
kernel="$(uname -r)"
java_version="$(java -version 2>&1 | head -1)"
java_vm="$(java -version 2>&1 | sed -n 3p)"
versions="$(socat -V 2>/dev/null | awk '/socat version/ { print "socat", $3; exit }'); $(openssl version)"

# One table row: label, figure, and the ratio shown next to it (empty: none).
row() { # label figure [ratio]
  local v="${M[$2]}" cell
  cell="$(mb "$v") MB/s"
  [ -n "$v" ] || cell="n/a"
  printf '| %s | %s | %s | %s | %s |\n' "$1" "$cell" "${3:-}" "$(cpu_cell "${M[${2}_cpu]}")" "$(pct "${M[${2}_others]}")"
}
ratio_of() { ratio "${M[$1]}" "${M[$2]}"; } # figure figure -> their ratio
cpu_cell() { [ -n "$1" ] && printf '%s s' "$1" || printf 'n/a'; }
pct() { [ -n "$1" ] && printf '%s%%' "$1" || printf 'n/a'; }

cat <<EOF

== tls: median of $ROUNDS rounds ($(fmt "$run_seconds" 0) s in all), loopback $HOST; ours ${ours_suite:-?}, socat ${socat_suite_ours:-?} (default: ${socat_suite_default:-?})
EOF
if run_scenario 1; then cat <<EOF
1. memory to memory, $M2M_COUNT x $M2M_SIZE ($((m2m_total >> 20)) MiB)
   ours over TLS          : $(mb "${M[m2m_tls]}") MB/s   [$(rounds_of m2m_tls 1e6 1)]
EOF
[ "$try" = yes ] && echo "   ours, ${TRY_JAVA_OPTS:-JVM defaults} : $(mb "${M[m2m_try]}") MB/s   [$(rounds_of m2m_try 1e6 1)]"
cat <<EOF
   ours in clear          : $(mb "${M[m2m_plain]}") MB/s   [$(rounds_of m2m_plain 1e6 1)]  (TLS / clear: $(ratio "${M[m2m_tls]}" "${M[m2m_plain]}"))
   socat, ours' suite     : $(mb "${M[m2m_socat]}") MB/s   [$(rounds_of m2m_socat 1e6 1)]
   socat, its own suite   : $(mb "${M[m2m_socat_default]}") MB/s   [$(rounds_of m2m_socat_default 1e6 1)]
   ratio ours/socat       : $r_m2m (target >= $TARGET_M2M: $met_m2m)
EOF
fi
if run_scenario 2; then cat <<EOF
2. file to file, $F2F_SIZE in the page cache -> $work_fs, wall clock with process start-up
   ours over TLS          : $(mb "${M[f2f_tls]}") MB/s   [$(rounds_of f2f_tls 1e6 1)]  (transfer only: $(mb "${M[f2f_tls_transfer]}") MB/s)
EOF
[ "$try" = yes ] && echo "   ours, ${TRY_JAVA_OPTS:-JVM defaults} : $(mb "${M[f2f_try]}") MB/s   [$(rounds_of f2f_try 1e6 1)]"
cat <<EOF
   ours TLS, --no-fsync   : $(mb "${M[f2f_tls_nofsync]}") MB/s   [$(rounds_of f2f_tls_nofsync 1e6 1)]
   ours in clear          : $(mb "${M[f2f_plain]}") MB/s   [$(rounds_of f2f_plain 1e6 1)]  (TLS / clear: $(ratio "${M[f2f_tls]}" "${M[f2f_plain]}"))
   socat, ours' suite     : $(mb "${M[f2f_socat]}") MB/s   [$(rounds_of f2f_socat 1e6 1)]
   socat, its own suite   : $(mb "${M[f2f_socat_default]}") MB/s   [$(rounds_of f2f_socat_default 1e6 1)]
   ratio ours/socat       : $r_f2f (target >= $TARGET_F2F: $met_f2f)
EOF
fi
echo "machine: $cpus CPUs, $mem_total, $cpu_model, Linux $kernel, $java_version; CPU in use by others in the second before: $busy_before; load average before/after: $load_before / $load_after"

# ---------------------------------------------------------------- report
mkdir -p bench/results
{
  echo "### TLS against socat with OpenSSL — $when"
  echo
  echo "Median of $ROUNDS rounds; in each round ours and theirs ran one after the other (ours first in odd rounds)."
  echo "MB = 10^6 bytes. Negotiated: ours **${ours_suite:-?}**; socat **${socat_suite_ours:-?}** (held to ours' suite), or **${socat_suite_default:-?}** (OpenSSL's own choice)."
  echo
  echo "| row | throughput | ratio | CPU (user + system, both ends) | CPU of other processes |"
  echo "| --- | --- | --- | --- | --- |"
  if run_scenario 1; then
    row "1a. memory to memory, $M2M_COUNT × $M2M_SIZE: ours over TLS (\`sender --no-save\` → \`receiver --discard\`); ratio 1a / 1c" m2m_tls "**$r_m2m**"
    [ "$try" = yes ] && row "1a'. the same with $try_label; ratio 1a' / 1a" m2m_try "$(ratio_of m2m_try m2m_tls)"
    row "1b. ours in clear (\`--plain\`); ratio 1a / 1b" m2m_plain "$(ratio_of m2m_tls m2m_plain)"
    row "1c. socat over TLS, ours' suite (\`OPEN:/dev/zero,readbytes=N\` → \`OPEN:/dev/null\`)" m2m_socat
    row "1d. socat over TLS, OpenSSL's choice of suite; ratio 1d / 1c" m2m_socat_default "$(ratio_of m2m_socat_default m2m_socat)"
  fi
  if run_scenario 2; then
    row "2a. file to file, $F2F_SIZE, page cache → disk, wall clock with start-up: ours over TLS (the receiver fsyncs); ratio 2a / 2d" f2f_tls "**$r_f2f**"
    [ "$try" = yes ] && row "2a'. the same with $try_label; ratio 2a' / 2a" f2f_try "$(ratio_of f2f_try f2f_tls)"
    row "2b. ours over TLS, \`receiver --no-fsync\`; ratio 2b / 2d" f2f_tls_nofsync "$(ratio_of f2f_tls_nofsync f2f_socat)"
    row "2c. ours in clear (\`--plain\`, \`--open\`; fsync); ratio 2a / 2c" f2f_plain "$(ratio_of f2f_tls f2f_plain)"
    row "2d. socat over TLS, ours' suite (\`socat -u FILE OPENSSL:...\` → \`OPEN:DIR/out,creat,trunc\`)" f2f_socat
    row "2e. socat over TLS, OpenSSL's choice of suite; ratio 2e / 2d" f2f_socat_default "$(ratio_of f2f_socat_default f2f_socat)"
  fi
  echo
  run_scenario 1 && echo "Memory to memory, TLS / clear (1a / 1b): **$(ratio "${M[m2m_tls]}" "${M[m2m_plain]}")**. Target 1a / 1c ≥ $TARGET_M2M: **$r_m2m — $met_m2m**."
  run_scenario 2 && echo "File to file, TLS / clear (2a / 2c): $(ratio_of f2f_tls f2f_plain). Target 2a / 2d ≥ $TARGET_F2F: **$r_f2f — $met_f2f**."
  echo
  echo "Every round, in run order (MB/s):"
  echo
  echo "| row | rounds |"
  echo "| --- | --- |"
  for f in m2m_tls m2m_try m2m_plain m2m_socat m2m_socat_default f2f_tls f2f_tls_transfer f2f_try f2f_tls_nofsync f2f_plain f2f_plain_transfer f2f_socat f2f_socat_default; do
    [ -s "$work/fig.$f" ] && echo "| $f | $(rounds_of "$f" 1e6 1) |"
  done
  echo
  echo "- CPU: user + system time of both processes of a transfer (median); CPU of other processes: the machine's busy time during the transfer less theirs, as a share of all $cpus CPUs (the kernel's own work for the transfer counts there too)."
  echo "- f2f_*_transfer: the receiver's own figure, the transfer without the JVMs' start-up."
  run_scenario 2 && echo "- Scenario 2: source and output on $work_fs."
  echo "- Machine: $cpus CPUs (\`nproc\`), $mem_total memory (\`free -h\`), $cpu_model ($cpu_flags), Linux $kernel, $java_version ($java_vm)"
  echo "- CPU in use by others in the second before the run: $busy_before; load average before / after: $load_before / $load_after; the run took $(fmt "$run_seconds" 0) s"
  echo "- Peers: $versions; socat held to TLS 1.3 (min-version=TLS1.3 and MinProtocol in OPENSSL_CONF), verify=0, its default buffer (-b 8192)"
  echo "- JVM options: ours over TLS: sender '$tls_sender_opts', receiver '$tls_receiver_opts'; in clear: sender '$plain_sender_opts', receiver '$plain_receiver_opts'$([ "$try" = yes ] && echo "; rows 1a' and 2a': '$TRY_JAVA_OPTS' on both sides")"
  echo "- Commit checked out at the start: $commit; jars: $jars"
  echo "- Parameters: ROUNDS=$ROUNDS SCENARIOS='$SCENARIOS' M2M_COUNT=$M2M_COUNT M2M_SIZE=$M2M_SIZE F2F_SIZE=$F2F_SIZE"
} >bench/results/tls.md
say "wrote bench/results/tls.md"

missed=0
run_scenario 1 && [ "$met_m2m" = no ] && missed=1
run_scenario 2 && [ "$met_f2f" = no ] && missed=1
exit "$missed"
