#!/usr/bin/env bash
# Benchmark: what encryption costs. txrx over TLS 1.3 (the apps' default) against socat with
# OPENSSL addresses (TLS 1.3 by OpenSSL) and against txrx in clear (--plain), on loopback, in
# two scenarios (1a against 1c is bench/throughput.sh's row b, which shares this code through
# bench/lib.sh). Each round runs ours and theirs one after the other (ours first in odd rounds,
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

# shellcheck disable=SC2034  # read by lib.sh
bench_name=tls
# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" || exit 2
transfer_settings
SCENARIOS="${SCENARIOS:-1 2}"
F2F_SIZE="${F2F_SIZE:-1G}"
try=no
[ -n "${TRY_JAVA_OPTS+set}" ] && try=yes
TRY_JAVA_OPTS="${TRY_JAVA_OPTS:-}"
try_label="the JVM's default options instead of the launchers'"
[ -z "$TRY_JAVA_OPTS" ] || try_label="the JVM options \`$TRY_JAVA_OPTS\` instead of the launchers'"
# Targets from the issue: ours over TLS / socat over TLS at least this.
TARGET_M2M=1.0
TARGET_F2F=1.0
for s in $SCENARIOS; do [[ "$s" =~ ^[12]$ ]] || die "SCENARIOS may name 1 and 2, not '$s'"; done
run_scenario() { [[ " $SCENARIOS " == *" $1 "* ]]; }
bytes_of "$F2F_SIZE" >/dev/null || die "F2F_SIZE must look like 512, 64K, 10M or 1G, not '$F2F_SIZE'"

for t in cmp sync shred awk od; do command -v "$t" >/dev/null || die "$t is needed"; done
transfer_setup tls-bench socat=socat openssl=openssl
mkdir -p "$work/dst"
socat_tls_setup
our_identities
if run_scenario 2; then
  big="$work/src/big.bin"
  random_file "$big" "$F2F_SIZE"
fi
sync

ours_of() { # scenario round: every row of ours
  local r="$2"
  if [ "$1" = 1 ]; then
    m2m_ours m2m_tls "$r"
    [ "$try" = no ] || try_opts="$TRY_JAVA_OPTS" m2m_ours m2m_try "$r"
    m2m_ours m2m_plain "$r" --plain
  else
    f2f_ours f2f_tls "$r" "$big"
    [ "$try" = no ] || try_opts="$TRY_JAVA_OPTS" f2f_ours f2f_try "$r" "$big"
    f2f_ours f2f_tls_nofsync "$r" "$big" --no-fsync
    f2f_ours f2f_plain "$r" "$big" --plain
  fi
}
theirs_of() { # scenario round: every row of socat
  if [ "$1" = 1 ]; then
    m2m_socat m2m_socat "$2" "$socat_conf_ours"
    m2m_socat m2m_socat_default "$2" "$socat_conf_default"
  else
    f2f_socat f2f_socat "$2" "$socat_conf_ours" "$big"
    f2f_socat f2f_socat_default "$2" "$socat_conf_default" "$big"
  fi
}

make_identities

# ---------------------------------------------------------------- the rounds
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
keep_logs tls

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
ours_suite="$(suites ours)"
socat_suite_ours="$(suites "$(run_scenario 1 && echo m2m || echo f2f)_socat")"
socat_suite_default="$(suites "$(run_scenario 1 && echo m2m || echo f2f)_socat_default")"
[ "$(suites m2m_socat)" = "$(suites f2f_socat)" ] || ! run_scenario 1 || ! run_scenario 2 || socat_suite_ours="$(suites m2m_socat) / $(suites f2f_socat)"

header="$(machine_header socat openssl)"

# One table row: label, figure, and the ratio shown next to it (empty: none).
row() { # label figure [ratio]
  local v="${M[$2]}" cell
  cell="$(mb "$v") MB/s"
  [ -n "$v" ] || cell="n/a"
  printf '| %s | %s | %s | %s | %s |\n' "$1" "$cell" "${3:-}" "$(cpu_cell "${M[${2}_cpu]}")" "$(pct "${M[${2}_others]}")"
}
ratio_of() { ratio "${M[$1]}" "${M[$2]}"; } # figure figure -> their ratio

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
2. file to file, $F2F_SIZE in the page cache -> $(work_fs), wall clock with process start-up
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
echo "$header"

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
  echo "- CPU: user + system time of both processes of a transfer (median); CPU of other processes: the machine's busy time during the transfer less theirs, as a share of all its CPUs (the kernel's own work for the transfer counts there too)."
  echo "- f2f_*_transfer: the receiver's own figure, the transfer without the JVMs' start-up."
  run_scenario 2 && echo "- Scenario 2: source and output on $(work_fs)."
  echo "$header"
  echo "- socat held to TLS 1.3 (min-version=TLS1.3 and MinProtocol in OPENSSL_CONF), verify=0, its default buffer (-b 8192)"
  echo "- JVM options: ours over TLS: sender '$(opts_of sender --once)', receiver '$(opts_of receiver)'; in clear: sender '$(opts_of sender --once --plain)', receiver '$(opts_of receiver --plain)'$([ "$try" = yes ] && echo "; rows 1a' and 2a': '$TRY_JAVA_OPTS' on both sides")"
  echo "- Parameters: ROUNDS=$ROUNDS SCENARIOS='$SCENARIOS' M2M_COUNT=$M2M_COUNT M2M_SIZE=$M2M_SIZE F2F_SIZE=$F2F_SIZE; the run took $(fmt "$run_seconds" 0) s"
} >bench/results/tls.md
say "wrote bench/results/tls.md"

missed=0
run_scenario 1 && [ "$met_m2m" = no ] && missed=1
run_scenario 2 && [ "$met_f2f" = no ] && missed=1
exit "$missed"
