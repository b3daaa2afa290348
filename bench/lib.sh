# Functions the benchmark scripts share. Sourcing it sets root (the repository) and goes there;
# a script defines its own say and die first, or sets bench_name, for which these two are made.
# shellcheck shell=bash

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root" || exit 2
declare -F say >/dev/null || say() { printf '%s\n' "${bench_name:-bench}: $*" >&2; }
declare -F die >/dev/null || die() { say "$*"; exit 2; }

# The java the benchmarks start: $JAVA_HOME/bin/java when JAVA_HOME is set, else the PATH's.
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# The launchers' JVM options (bin/lib/launch.sh), so that the benchmarks start the apps as
# bin/sender and bin/receiver do; TXRX_JAVA_OPTS replaces them there and here.
. "$root/bin/lib/launch.sh"
launcher_options() { txrx_jvm_options "$@" | tr '\n' ' '; } # app args...: on one line

# find_jars: sets sender_jar and receiver_jar, building both first if either is missing.
find_jars() {
  sender_jar="sender/target/sender.jar"
  receiver_jar="receiver/target/receiver.jar"
  if [ ! -f "$sender_jar" ] || [ ! -f "$receiver_jar" ]; then
    say "building the jars (mvn -q -B -DskipTests package)..."
    mvn -q -B -DskipTests package || die "the build failed"
  fi
}

# on_exit_clean_up [FUNCTION]: runs FUNCTION (the script's cleanup by default) on any exit, Ctrl-C
# and SIGTERM included.
on_exit_clean_up() {
  # shellcheck disable=SC2064  # the function's name, now
  trap "${1:-cleanup}" EXIT
  trap 'say "interrupted"; exit 130' INT
  trap 'say "terminated"; exit 143' TERM
}

# use_private_jars: copies sender_jar and receiver_jar into $work and points both variables at the
# copies, so that a rebuild during the run cannot change or break them; jars describes them.
# shellcheck disable=SC2154,SC2034  # work is the caller's; jars is read by the caller
use_private_jars() {
  cp -p "$sender_jar" "$work/sender.jar" && cp -p "$receiver_jar" "$work/receiver.jar" || die "cannot copy the jars"
  jars="$(jar_id "$sender_jar" "$work/sender.jar"), $(jar_id "$receiver_jar" "$work/receiver.jar")"
  sender_jar="$work/sender.jar"
  receiver_jar="$work/receiver.jar"
}

is_uint() { [[ "$1" =~ ^[0-9]+$ ]]; }

stop_pid() { # pid seconds: SIGTERM, wait up to that long, then SIGKILL
  local pid="$1" limit="$2" i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null
  for ((i = 0; i < limit * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null
}

jar_id() { printf '%s (sha256 %s, built %s)' "$1" "$(sha256sum "$2" | cut -c1-12)" "$(date -u -r "$2" '+%Y-%m-%d %H:%M UTC')"; }

# How busy the machine is without us: the share of CPU time in use during one second.
cpu_busy() {
  local a b
  a="$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat)"
  sleep 1
  b="$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat)"
  awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " "); busy = y[1] - x[1]; idle = y[2] - x[2]
    printf "%.0f%%", (busy + idle > 0 ? 100 * busy / (busy + idle) : 0) }'
}

port_listed() { # is any TCP socket (any state, IPv4 or IPv6) bound to this local port?
  local hex
  hex="$(printf '%04X' "$1")"
  awk -v p=":$hex" 'NR > 1 && substr($2, length($2) - 4) == p { found = 1 } END { exit !found }' \
    /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

port_free() { ! port_listed "$1" && ! (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

port_listening() { # is a socket listening on this local port?
  local hex
  hex="$(printf '%04X' "$1")"
  awk -v p=":$hex" 'NR > 1 && $4 == "0A" && substr($2, length($2) - 4) == p { found = 1 } END { exit !found }' \
    /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

pick_port() {
  local candidate i
  for ((i = 0; i < 100; i++)); do
    candidate=$((20000 + RANDOM % 12000)) # below the usual ephemeral range (32768 and up)
    if port_free "$candidate"; then echo "$candidate"; return 0; fi
  done
  return 1
}

# wait_for_line file pattern seconds [pid]: until a line of file matches the extended regex
# pattern; fails after seconds, or as soon as pid (if given) has exited.
wait_for_line() {
  local file="$1" pattern="$2" limit="$3" pid="${4:-}" i
  for ((i = 0; i < limit * 20; i++)); do
    grep -Eq -- "$pattern" "$file" 2>/dev/null && return 0
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      grep -Eq -- "$pattern" "$file" 2>/dev/null && return 0
      return 1
    fi
    sleep 0.05
  done
  return 1
}

# listening_port file: the port of the app's "... listening on HOST:PORT" line (given --port 0).
listening_port() { sed -nE 's/.* listening on [^ ]*:([0-9]+)[;,].*/\1/p' "$1" | head -n 1; }

# ---------------------------------------------------------------- identities and tokens
# private_config: every run of ours keeps its identities, known hosts and tokens under $work,
# never in the real home directory: XDG_CONFIG_HOME points there for every process started.
# shellcheck disable=SC2154  # work is the caller's
private_config() {
  export XDG_CONFIG_HOME="$work/config"
  mkdir -p "$XDG_CONFIG_HOME" && chmod 700 "$XDG_CONFIG_HOME" || die "cannot create $XDG_CONFIG_HOME"
}

# make_token_file FILE: a fresh access token (128 random bits as 32 hex digits), owner-only, for
# --token-file on both sides.
make_token_file() {
  (umask 077 && od -An -N16 -tx1 /dev/urandom | tr -d ' \n' >"$1") && [ -s "$1" ] || die "cannot write the token file $1"
}

# cipher_of FILE: "TLSv1.3 TLS_AES_128_GCM_SHA256" from an app's "encrypted with ..." line, or "".
cipher_of() { sed -nE 's/.*encrypted with (TLS[^ ,]* [A-Z0-9_]+).*/\1/p' "$1" 2>/dev/null | head -n 1; }

# ---------------------------------------------------------------- Debian packages
# apt_install COMMAND=PACKAGE...: installs each package whose command is missing (apt-get, as
# root or with passwordless sudo, once more after apt-get update if the first try fails); then
# fails naming any command still missing. A PACKAGE ending in '?' is optional: only warned about.
apt_install() {
  local pair cmd pkg want=() sudo=()
  for pair in "$@"; do
    cmd="${pair%%=*}" pkg="${pair#*=}"
    command -v "$cmd" >/dev/null || [ -x "$cmd" ] || want+=("${pkg%\?}")
  done
  [ "${#want[@]}" -gt 0 ] || return 0
  [ "$(id -u)" -eq 0 ] || sudo=(sudo -n)
  say "installing from Debian: ${want[*]}"
  if ! DEBIAN_FRONTEND=noninteractive timeout 600 "${sudo[@]}" apt-get install -y -q "${want[@]}" >/dev/null 2>&1; then
    say "apt-get install failed; running apt-get update and trying once more"
    DEBIAN_FRONTEND=noninteractive timeout 600 "${sudo[@]}" apt-get update -q >/dev/null 2>&1
    DEBIAN_FRONTEND=noninteractive timeout 600 "${sudo[@]}" apt-get install -y -q "${want[@]}" >/dev/null 2>&1
  fi
  for pair in "$@"; do
    cmd="${pair%%=*}" pkg="${pair#*=}"
    command -v "$cmd" >/dev/null || [ -x "$cmd" ] && continue
    case "$pkg" in
      *\?) say "warning: $cmd is missing (apt-get install -y ${pkg%\?} failed)" ;;
      *) die "cannot install $cmd (apt-get install -y $pkg failed); install it and run again" ;;
    esac
  done
}

# ---------------------------------------------------------------- the machine
# machine_before: notes how busy the machine is before a run (busy_before, load_before), for
# machine_header.
machine_before() {
  busy_before="$(cpu_busy)"
  load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
}

tool_version() { # tool -> its name and version, as one short string
  case "$1" in
    iperf3) iperf3 --version 2>&1 | awk 'NR == 1 { print $1, $2 }' ;;
    socat) socat -V 2>/dev/null | awk '/socat version/ { print "socat", $3; exit }' ;;
    openssl) openssl version 2>/dev/null | awk '{ print $1, $2 }' ;;
    rsync) rsync --version 2>/dev/null | head -1 | tr -s ' ' ;;
    tar) tar --version 2>/dev/null | head -1 ;;
    sockperf) sockperf --version 2>&1 | sed -nE 's/.*version ([^ ]+).*/sockperf \1/p' | head -1 ;;
    *) echo "$1" ;;
  esac
}

# machine_header [TOOL...]: the lines, in markdown, that every report gives about its run: the
# machine (CPUs, model and its crypto flags, memory, kernel), the java that ran the apps, the
# peers' versions, the commit and the jars (commit and jars, when the caller set them), and how
# busy the machine was before (machine_before) and is now.
machine_header() {
  local t peers=() flags
  for t in "$@"; do peers+=("$(tool_version "$t")"); done
  flags="$(grep -m1 -o -w -E 'aes|pclmulqdq|avx2|avx512f|vaes|vpclmulqdq' /proc/cpuinfo | sort -u | paste -sd' ' -)"
  echo "- Machine: $(nproc) CPUs (\`nproc\`), $(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo) (${flags:-no AES flags}), $(free -h | awk '/^Mem:/ { print $2 }') memory (\`free -h\`), Linux $(uname -r)"
  echo "- Java: $("$JAVA" -version 2>&1 | head -1) ($("$JAVA" -version 2>&1 | sed -n 3p))"
  [ "$#" -eq 0 ] || echo "- Peers: $(printf '%s; ' "${peers[@]}" | sed 's/; $//')"
  echo "- Commit checked out at the start: ${commit:-$(run_commit)}; jars: ${jars:-?}"
  echo "- CPU in use by others in the second before the run: ${busy_before:-?}; load average before / after: ${load_before:-?} / $(cut -d' ' -f1-3 /proc/loadavg)"
}

# ---------------------------------------------------------------- timed runs, rounds and medians
# For the scripts that time runs of ours against theirs (throughput.sh, tls.sh, stream.sh). They
# use the caller's work (each process's output goes to $work/out/<name>.out/.err/.time),
# STEP_TIMEOUT, LISTEN_TIMEOUT, have_time (yes when /usr/bin/time is there) and pids (the
# processes running in the background, stopped by stop_all).

# transfer_settings: the settings that throughput.sh and tls.sh share, from the environment
# (defaults in brackets): ROUNDS [5], M2M_COUNT [3] M2M_SIZE [1G] (memory to memory),
# STEP_TIMEOUT [300], SENDER_JAVA_OPTS [] RECEIVER_JAVA_OPTS [] (added to the launchers' JVM
# options), KEEP_LOGS [0]; checked, with m2m_total (bytes) derived. Loopback only.
transfer_settings() {
  ROUNDS="${ROUNDS:-5}"
  M2M_COUNT="${M2M_COUNT:-3}"
  M2M_SIZE="${M2M_SIZE:-1G}"
  STEP_TIMEOUT="${STEP_TIMEOUT:-300}"
  SENDER_JAVA_OPTS="${SENDER_JAVA_OPTS:-}"
  RECEIVER_JAVA_OPTS="${RECEIVER_JAVA_OPTS:-}"
  KEEP_LOGS="${KEEP_LOGS:-0}"
  HOST=127.0.0.1    # loopback only, never anything else
  LISTEN_TIMEOUT=30 # seconds for a listening process to be ready
  local v
  for v in ROUNDS M2M_COUNT STEP_TIMEOUT; do
    is_uint "${!v}" || die "$v must be a whole number, not '${!v}'"
  done
  [ "$ROUNDS" -ge 1 ] || die "ROUNDS must be at least 1"
  [ "$M2M_COUNT" -ge 1 ] || die "M2M_COUNT must be at least 1"
  local size
  size="$(bytes_of "$M2M_SIZE")" || die "M2M_SIZE must look like 512, 64K, 10M or 1G, not '$M2M_SIZE'"
  m2m_total=$((M2M_COUNT * size))
}

# opts_of APP ARGS...: the JVM options bin/sender or bin/receiver would give a run with these
# arguments, then the caller's SENDER_JAVA_OPTS or RECEIVER_JAVA_OPTS.
opts_of() {
  local extra
  [ "$1" = sender ] && extra="${SENDER_JAVA_OPTS:-}" || extra="${RECEIVER_JAVA_OPTS:-}"
  printf '%s%s' "$(launcher_options "$@")" "$extra"
}

# ours_opts APP ARGS...: as opts_of, unless the caller set try_opts (even to nothing) for the call:
# then those options instead of the launchers', and the caller's SENDER_JAVA_OPTS or
# RECEIVER_JAVA_OPTS after them (`try_opts="-Xint" m2m_ours ...`, for a before and after).
ours_opts() {
  if [ -n "${try_opts+set}" ]; then
    [ "$1" = sender ] && echo "$try_opts ${SENDER_JAVA_OPTS:-}" || echo "$try_opts ${RECEIVER_JAVA_OPTS:-}"
  else
    opts_of "$@"
  fi
}

# transfer_setup NAME COMMAND=PACKAGE...: what a timed script does before its inputs: the tools
# (java, timeout, and those named, installed with apt_install), /usr/bin/time for CPU figures,
# the jars (private copies), a temporary directory work with out/ and logs/ (removed on any
# exit with every process in pids; the caller's cleanup_more, if it defines one, runs first),
# identities and tokens under it (XDG_CONFIG_HOME), commit, and machine_before.
transfer_setup() {
  local name="$1"; shift
  command -v "$JAVA" >/dev/null || die "java is not on the PATH (nor in JAVA_HOME)"
  command -v timeout >/dev/null || die "timeout(1) is needed"
  apt_install "$@" /usr/bin/time=time?
  have_time=no
  [ -x /usr/bin/time ] && have_time=yes
  [ "$have_time" = yes ] || say "warning: /usr/bin/time is missing (apt-get install time); no CPU figures"
  find_jars
  work="$(mktemp -d "${TMPDIR:-/tmp}/$name.XXXXXX")" || die "cannot create a temporary directory"
  pids=()
  on_exit_clean_up transfer_cleanup
  use_private_jars
  commit="$(run_commit)"
  mkdir -p "$work/logs" "$work/out"
  private_config
  machine_before
}
transfer_cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_all
  declare -F cleanup_more >/dev/null && cleanup_more
  rm -rf "$work"
  exit "$status"
}

keep_logs() { # name: with KEEP_LOGS=1, every process's output and log to bench/results/<name>-logs/
  [ "${KEEP_LOGS:-0}" = 1 ] || return 0
  rm -rf "bench/results/$1-logs"; mkdir -p "bench/results/$1-logs"
  cp "$work"/out/* "bench/results/$1-logs/" 2>/dev/null
  cp -r "$work"/logs "bench/results/$1-logs/" 2>/dev/null
  say "logs kept in bench/results/$1-logs/"
}

bytes_of() { # 512, 64K, 10M, 2G (binary units) -> bytes
  local n="${1%[KkMmGg]}" unit="${1#"${1%[KkMmGg]}"}"
  is_uint "$n" || return 1
  case "$unit" in
    "") echo "$n" ;; [Kk]) echo $((n << 10)) ;; [Mm]) echo $((n << 20)) ;; [Gg]) echo $((n << 30)) ;;
  esac
}

# wait_listening PORT PID: until a socket listens on the port; fails as soon as PID has ended, or
# after LISTEN_TIMEOUT seconds (30 when unset).
wait_listening() {
  local i
  for ((i = 0; i < ${LISTEN_TIMEOUT:-30} * 100; i++)); do
    port_listening "$1" && return 0
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.01
  done
  return 1
}

# Runs a command bounded by STEP_TIMEOUT, with its CPU time (user + system) and wall time in
# $work/out/<name>.time when /usr/bin/time is there, stdout and stderr in <name>.out/.err.
# Usage: bounded NAME CMD...   (in the foreground; `bounded ... &` for the background)
bounded() {
  local name="$1"; shift
  if [ "$have_time" = yes ]; then
    timeout -k 5 "$STEP_TIMEOUT" /usr/bin/time -f '%e %U %S' -o "$work/out/$name.time" "$@" \
      >"$work/out/$name.out" 2>"$work/out/$name.err" </dev/null
  else
    timeout -k 5 "$STEP_TIMEOUT" "$@" >"$work/out/$name.out" 2>"$work/out/$name.err" </dev/null
  fi
}
cpu_of() { # names... -> summed user+system seconds, or "" without /usr/bin/time
  [ "$have_time" = yes ] || return 0
  local n total=0
  for n in "$@"; do
    [ -s "$work/out/$n.time" ] || { echo ""; return 0; }
    total="$(awk -v t="$total" 'NF >= 3 { t += $2 + $3 } END { printf "%.2f", t }' "$work/out/$n.time")"
  done
  echo "$total"
}
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4f", b - a }'; }
per_second() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) print n / s }'; } # count seconds -> count/s
json_num() { # file key -> the first number of "key": in the file
  grep -o "\"$2\":[-0-9.eE+]*" "$1" | head -1 | cut -d: -f2
}
fail_run() { # what, names of outputs to show
  local what="$1" n; shift
  say "FAILED: $what"
  for n in "$@"; do
    [ -s "$work/out/$n.err" ] && { say "--- $n stderr (last lines):"; tail -5 "$work/out/$n.err" >&2; }
  done
  exit 2
}
finish() { # pid -> its exit code, removed from the list of processes to stop
  local code=0
  wait "$1" || code=$?
  forget_pid "$1"
  return "$code"
}
forget_pid() {
  local p keep=()
  for p in "${pids[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done
  pids=("${keep[@]}")
}
descendants() { # pid -> its descendants, deepest first
  local c
  for c in $(pgrep -P "$1" 2>/dev/null); do descendants "$c"; echo "$c"; done
}
stop_tree() { # pid...: stops each with all its descendants (SIGTERM, then SIGKILL after 5 s)
  local p victims=()
  # Each process runs as a subshell -> timeout(1) -> time(1) -> the tool: stop the whole tree.
  for p in "$@"; do
    mapfile -t -O "${#victims[@]}" victims < <(descendants "$p")
    victims+=("$p")
  done
  for p in "${victims[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for p in "${victims[@]}"; do stop_pid "$p" 5; done
}
stop_all() { # stops every process in pids with its descendants
  stop_tree "${pids[@]}"
  wait 2>/dev/null
  pids=()
}
stop_one() { # pid: stops it with its descendants and takes it off pids
  stop_tree "$1"
  wait "$1" 2>/dev/null
  forget_pid "$1"
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.6g\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
record() { [ -z "$2" ] || echo "$2" >>"$work/fig.$1"; }   # figure value: one value per round
med() { [ -s "$work/fig.$1" ] && median <"$work/fig.$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "n/a"; else printf "%.2f", a / b }'; }
meets() { awk -v r="$1" -v t="$2" 'BEGIN { exit !(r != "n/a" && r + 0 >= t + 0) }' && echo yes || echo no; }
fmt() { awk -v v="$1" -v d="${2:-0}" 'BEGIN { if (v == "") print "n/a"; else printf "%.*f", d, v }'; }
mb() { awk -v v="$1" 'BEGIN { if (v == "") print ""; else printf "%.1f", v / 1e6 }'; }
rounds_of() { # figure scale decimals -> "a, b, c" (in run order)
  [ -s "$work/fig.$1" ] || { echo "n/a"; return; }
  awk -v s="$2" -v d="$3" '{ printf "%s%.*f", (NR > 1 ? ", " : ""), d, $1 / s } END { print "" }' "$work/fig.$1"
}
cpu_cell() { [ -n "$1" ] && printf '%s s' "$1" || printf 'n/a'; }
pct() { [ -n "$1" ] && printf '%s%%' "$1" || printf 'n/a'; }

# CPU time the whole machine spent busy (all CPUs, in seconds), to tell how much of it went to
# processes other than the ones measured: the machine is not always ours alone.
clk_tck="$(getconf CLK_TCK 2>/dev/null || echo 100)"
machine_busy() { awk -v hz="$clk_tck" '/^cpu / { printf "%.2f", ($2 + $3 + $4 + $7 + $8 + $9) / hz }' /proc/stat; }
window_begin() { w_t0="$EPOCHREALTIME"; w_busy0="$(machine_busy)"; }
window_close() { w_busy1="$(machine_busy)"; w_wall="$(elapsed "$w_t0" "$EPOCHREALTIME")"; }
window_end() { # figure cpu-of-the-measured-processes: records the others' share of the machine, in %
  [ -n "$2" ] || return 0
  record "$1_others" "$(awk -v b0="$w_busy0" -v b1="$w_busy1" -v ours="$2" -v w="$w_wall" -v n="$(nproc)" \
    'BEGIN { o = (b1 - b0 - ours) / (w * n) * 100; if (o < 0) o = 0; printf "%.1f", o }')"
}
# measured FIGURE NAMES...: records the CPU of the named processes and the others' share of the
# machine during the window just closed.
measured() {
  local fig="$1" cpu; shift
  cpu="$(cpu_of "$@")"
  record "${fig}_cpu" "$cpu"
  window_end "$fig" "$cpu"
}

# The commit checked out when the run starts (the jars may have been built from another).
run_commit() {
  local c
  c="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  [ -n "$(git status --porcelain -- common/src/main sender/src/main receiver/src/main '*pom.xml' 2>/dev/null)" ] && c="$c (with uncommitted changes in the sources)"
  echo "$c"
}

# ---------------------------------------------------------------- TLS: socat's side and ours
# The suite ours negotiates (Tls.CIPHER_SUITES, first), which socat is held to where it is
# compared with ours.
OUR_SUITE=TLS_AES_128_GCM_SHA256

# socat_tls_setup: socat's throwaway certificate (EC P-256, `openssl req -x509`) in $work, and
# two OpenSSL configurations (for OPENSSL_CONF) that hold it to TLS 1.3: socat_conf_ours with
# ours' suite only, socat_conf_default with OpenSSL's own choice. Sets socat_tls, the options of
# both ends (verify=0: socat checks nothing), and socat_server, the listening end's.
socat_tls_setup() {
  socat -V 2>/dev/null | grep -q 'WITH_OPENSSL 1' || die "this socat was built without OpenSSL"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=txrx-bench \
    -keyout "$work/socat.key" -out "$work/socat.crt" >"$work/out/openssl.out" 2>&1 || die "openssl cannot make a certificate"
  socat_conf_ours="$work/openssl-ours.cnf"
  socat_conf_default="$work/openssl-default.cnf"
  openssl_conf "$socat_conf_ours" "$OUR_SUITE"
  openssl_conf "$socat_conf_default"
  socat_tls="verify=0,min-version=TLS1.3"
  socat_server="cert=$work/socat.crt,key=$work/socat.key,$socat_tls"
}
openssl_conf() { # file [suites]
  {
    printf 'openssl_conf = openssl_init\n[openssl_init]\nssl_conf = ssl_sect\n[ssl_sect]\n'
    printf 'system_default = system_default_sect\n[system_default_sect]\nMinProtocol = TLSv1.3\n'
    [ -z "${2:-}" ] || printf 'Ciphersuites = %s\n' "$2"
  } >"$1"
}

# our_identities: the identities of ours over TLS, one per side, made on first use under $work
# (tls_sender_args, tls_receiver_args: --identity DIR), and a token for --send (token_file).
our_identities() {
  tls_sender_args=(--identity "$work/id-sender")
  tls_receiver_args=(--identity "$work/id-receiver")
  token_file="$work/token"
  make_token_file "$token_file"
}
# make_identities: one small transfer over TLS, untimed, so that no timed run pays for making a
# key pair and a certificate (and the receiver knows the sender's from then on).
make_identities() {
  say "creating the identities (one small transfer, not timed)..."
  our_run setup 0 "$(opts_of sender --once)" "$(opts_of receiver --discard)" "${tls_sender_args[@]}" \
    --count 1 --min-size 1K --max-size 1K --no-save -- "${tls_receiver_args[@]}" --discard
  rm -f "$work"/fig.setup*
}

suite_seen() { # what suite-line: notes a negotiated suite, once per kind
  [ -n "$2" ] || return 0
  grep -qxF -- "$1: $2" "$work/suites" 2>/dev/null || echo "$1: $2" >>"$work/suites"
}
suites() { sed -n "s/^$1: //p" "$work/suites" 2>/dev/null | paste -sd'/' -; } # kind -> every suite seen, normally one
socat_suite() { # name of a socat run -> "TLSv1.3 TLS_..." from its -d -d log
  local v s
  v="$(sed -nE 's/.*SSL proto version used: ([^ ]+).*/\1/p' "$work/out/$1.err" | head -n 1)"
  s="$(sed -nE 's/.*SSL connection using ([^ ]+).*/\1/p' "$work/out/$1.err" | head -n 1)"
  [ -n "$s" ] && echo "$v $s"
}

# ---------------------------------------------------------------- transfers of ours and socat's
# our_run FIG ROUND SENDER-OPTS RECEIVER-OPTS SENDER-ARGS... -- RECEIVER-ARGS...: one transfer,
# both JVMs launched at once (the receiver retries every 10 ms until the sender listens), timed
# from the launch to the exit of both (our_wall); fails the run unless both exit 0. Outputs as
# FIG-sROUND and FIG-rROUND; records FIG_cpu and FIG_others.
our_run() {
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
  bounded "$s" "$JAVA" $sopts -jar "$sender_jar" --bind "$HOST" --port "$port" --once --json \
    --log-file "$work/logs/$s.log" "${sargs[@]}" &
  sp=$!
  pids+=("$sp")
  code=0
  # shellcheck disable=SC2086
  bounded "$c" "$JAVA" $ropts -jar "$receiver_jar" --host "$HOST" --port "$port" --json --no-progress \
    --retries 3000 --retry-delay 10ms --max-retry-delay 10ms --log-file "$work/logs/$c.log" "${rargs[@]}" || code=$?
  finish "$sp" || fail_run "$fig, round $r: our sender exited $?" "$s" "$c"
  our_wall="$(elapsed "$t0" "$EPOCHREALTIME")"
  window_close
  [ "$code" -eq 0 ] || fail_run "$fig, round $r: our receiver exited $code" "$c"
  measured "$fig" "$s" "$c"
  [[ " ${sargs[*]} " == *" --plain "* ]] || suite_seen ours "$(cipher_of "$work/out/$c.err")"
}

# m2m_ours FIG ROUND [--plain]: M2M_COUNT generated files of M2M_SIZE, `sender --no-save` into
# `receiver --discard`, over TLS or in clear; records FIG, the receiver's bytesPerSecond.
m2m_ours() {
  local fig="$1" r="$2" c="$1-r$2"
  local generated=(--count "$M2M_COUNT" --min-size "$M2M_SIZE" --max-size "$M2M_SIZE" --min-interval 0 --max-interval 0 --no-save)
  if [ "${3:-}" = --plain ]; then
    our_run "$fig" "$r" "$(ours_opts sender --once --plain)" "$(ours_opts receiver --discard --plain)" \
      --plain "${generated[@]}" -- --plain --discard
  else
    our_run "$fig" "$r" "$(ours_opts sender --once)" "$(ours_opts receiver --discard)" \
      "${tls_sender_args[@]}" "${generated[@]}" -- "${tls_receiver_args[@]}" --discard
  fi
  [ "$(json_num "$work/out/$c.out" bytes)" = "$m2m_total" ] || fail_run "$fig, round $r: wrong byte count" "$c"
  record "$fig" "$(json_num "$work/out/$c.out" bytesPerSecond)"
}

# f2f_ours FIG ROUND FILE [--plain] [--no-fsync]: `sender --send FILE --once` into
# `receiver --output-dir DIR` (in clear with --open, or over TLS with a token); records FIG
# (bytes over the wall clock, start-up included) and FIG_transfer (the receiver's own figure).
# Round 1 compares the output with the source.
f2f_ours() {
  local fig="$1" r="$2" src="$3" dst="$work/dst/$1" c="$1-r$2" plain="" nofsync=() a bytes
  shift 3
  for a in "$@"; do case "$a" in --plain) plain=yes ;; --no-fsync) nofsync=(--no-fsync) ;; esac; done
  bytes="$(stat -c %s "$src")"
  rm -rf "$dst"; mkdir -p "$dst"; sync
  if [ -n "$plain" ]; then
    our_run "$fig" "$r" "$(ours_opts sender --once --plain)" "$(ours_opts receiver --plain)" \
      --plain --open --send "$src" -- --plain --output-dir "$dst" "${nofsync[@]}"
  else
    our_run "$fig" "$r" "$(ours_opts sender --once)" "$(ours_opts receiver)" "${tls_sender_args[@]}" --token-file "$token_file" \
      --send "$src" -- "${tls_receiver_args[@]}" --token-file "$token_file" --output-dir "$dst" "${nofsync[@]}"
  fi
  [ "$(stat -c %s "$dst/${src##*/}" 2>/dev/null)" = "$bytes" ] || fail_run "$fig, round $r: our output has the wrong size" "$c"
  [ "$r" -eq 1 ] && { cmp -s "$src" "$dst/${src##*/}" || fail_run "$fig, round 1: our output differs from the source"; }
  record "$fig" "$(per_second "$bytes" "$our_wall")"
  record "${fig}_transfer" "$(json_num "$work/out/$c.out" bytesPerSecond)"
  rm -rf "$dst"; sync
}

# socat_run FIG ROUND CONF SOURCE DESTINATION: `socat -u LISTEN DESTINATION` then
# `socat -u SOURCE CONNECT`, in clear when CONF is empty, else over TLS with OPENSSL_CONF=CONF;
# timed (socat_wall) from the launch of the listener, or, for a FIG that starts with m2m_, from
# the moment it listens (as ours' memory-to-memory figure starts with the connection).
socat_run() {
  local fig="$1" r="$2" conf="$3" src="$4" dst="$5" port lp code t0 t1 listen connect
  local l="$fig-l$r" c="$fig-c$r"
  port="$(pick_port)" || die "no free port found"
  if [ -n "$conf" ]; then
    listen="OPENSSL-LISTEN:$port,bind=$HOST,reuseaddr,$socat_server" connect="OPENSSL:$HOST:$port,$socat_tls"
  else
    listen="TCP-LISTEN:$port,bind=$HOST,reuseaddr" connect="TCP:$HOST:$port"
  fi
  t0="$EPOCHREALTIME"
  window_begin
  OPENSSL_CONF="$conf" bounded "$l" socat -d -d -u "$listen" "$dst" &
  lp=$!
  pids+=("$lp")
  if [[ "$fig" == m2m_* ]]; then
    wait_listening "$port" "$lp" || fail_run "$fig, round $r: socat did not listen on $port" "$l"
    t0="$EPOCHREALTIME"
  fi
  code=0
  OPENSSL_CONF="$conf" bounded "$c" socat -d -d -u "$src" "$connect,retry=3000,interval=0.01" || code=$?
  finish "$lp" || fail_run "$fig, round $r: the listening socat exited $?" "$l"
  t1="$EPOCHREALTIME"
  window_close
  [ "$code" -eq 0 ] || fail_run "$fig, round $r: the connecting socat exited $code" "$c"
  socat_wall="$(elapsed "$t0" "$t1")"
  measured "$fig" "$l" "$c"
  [ -n "$conf" ] || return 0
  local ls cs
  ls="$(socat_suite "$l")" cs="$(socat_suite "$c")"
  [ "$ls" = "$cs" ] || fail_run "$fig, round $r: the two socats report different suites ('$ls', '$cs')" "$l" "$c"
  suite_seen "$fig" "$ls"
}

m2m_socat() { # fig round conf: m2m_total bytes of zeros into /dev/null; records fig
  socat_run "$1" "$2" "$3" "OPEN:/dev/zero,readbytes=$m2m_total" "OPEN:/dev/null"
  record "$1" "$(per_second "$m2m_total" "$socat_wall")"
}

f2f_socat() { # fig round conf file: the file into DIR/out; records fig (wall clock); round 1 compares
  local dst="$work/dst/$1" bytes
  bytes="$(stat -c %s "$4")"
  rm -rf "$dst"; mkdir -p "$dst"; sync
  socat_run "$1" "$2" "$3" "$4" "OPEN:$dst/out,creat,trunc"
  [ "$(stat -c %s "$dst/out" 2>/dev/null)" = "$bytes" ] || fail_run "$1, round $2: socat's output has the wrong size"
  [ "$2" -eq 1 ] && { cmp -s "$4" "$dst/out" || fail_run "$1, round 1: socat's output differs from the source"; }
  record "$1" "$(per_second "$bytes" "$socat_wall")"
  rm -rf "$dst"; sync
}

# random_file FILE SIZE: SIZE bytes of pseudo-random content (shred), then read into the page cache.
random_file() {
  local bytes free
  bytes="$(bytes_of "$2")" || die "a file size must look like 512, 64K, 10M or 4G, not '$2'"
  free=$(( $(df -Pk "$work" | awk 'NR == 2 { print $4 }') * 1024 ))
  [ "$free" -gt $((2 * bytes + (512 << 20))) ] || die "not enough free space for two copies of $2 in $work"
  say "creating a $2 file of pseudo-random bytes (shred)..."
  mkdir -p "$(dirname "$1")"
  : >"$1" && shred -n 1 -s "$bytes" "$1" || die "cannot create $1"
  cat "$1" >/dev/null
}

# work_fs: the temporary directory's file system, as "ext4 (/dev/vda) without a journal".
work_fs() {
  local fs dev journals
  fs="$(df -PT "$work" | awk 'NR == 2 { print $2 " (" $1 ")" }')"
  dev="$(df -P "$work" | awk 'NR == 2 { print $1 }')"
  journals=(/proc/fs/jbd2/"${dev##*/}"-*)
  if [[ "$fs" == ext4* ]] && [ -d /proc/fs/jbd2 ] && [ ! -e "${journals[0]}" ]; then fs="$fs without a journal"; fi
  echo "$fs"
}
