# Functions the benchmark scripts share. Sourced after HOST, say and die are defined.
# shellcheck shell=bash

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

# on_exit_clean_up: runs the script's cleanup function on any exit, Ctrl-C and SIGTERM included.
on_exit_clean_up() {
  trap cleanup EXIT
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
  local pair cmd pkg want=() sudo=""
  for pair in "$@"; do
    cmd="${pair%%=*}" pkg="${pair#*=}"
    command -v "$cmd" >/dev/null || [ -x "$cmd" ] || want+=("${pkg%\?}")
  done
  [ "${#want[@]}" -gt 0 ] || return 0
  [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
  say "installing from Debian: ${want[*]}"
  if ! DEBIAN_FRONTEND=noninteractive timeout 600 $sudo apt-get install -y -q "${want[@]}" >/dev/null 2>&1; then
    say "apt-get install failed; running apt-get update and trying once more"
    DEBIAN_FRONTEND=noninteractive timeout 600 $sudo apt-get update -q >/dev/null 2>&1
    DEBIAN_FRONTEND=noninteractive timeout 600 $sudo apt-get install -y -q "${want[@]}" >/dev/null 2>&1
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

# ---------------------------------------------------------------- timed runs, rounds and medians
# For the scripts that time runs of ours against theirs (throughput.sh, tls.sh). They use the
# caller's work (each process's output goes to $work/out/<name>.out/.err/.time), STEP_TIMEOUT,
# LISTEN_TIMEOUT, have_time (yes when /usr/bin/time is there) and pids (the processes running in
# the background, stopped by stop_all).

bytes_of() { # 512, 64K, 10M, 2G (binary units) -> bytes
  local n="${1%[KkMmGg]}" unit="${1#"${1%[KkMmGg]}"}"
  is_uint "$n" || return 1
  case "$unit" in
    "") echo "$n" ;; [Kk]) echo $((n << 10)) ;; [Mm]) echo $((n << 20)) ;; [Gg]) echo $((n << 30)) ;;
  esac
}

wait_listening() { # port pid: wait until the port listens; fails if pid ends first or after LISTEN_TIMEOUT
  local i
  for ((i = 0; i < LISTEN_TIMEOUT * 100; i++)); do
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
  local code=0 p keep=()
  wait "$1" || code=$?
  for p in "${pids[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done
  pids=("${keep[@]}")
  return "$code"
}
descendants() { # pid -> its descendants, deepest first
  local c
  for c in $(pgrep -P "$1" 2>/dev/null); do descendants "$c"; echo "$c"; done
}
stop_all() { # stops every process in pids with all its descendants (SIGTERM, then SIGKILL after 5 s)
  local p tree=()
  # Each process runs as a subshell -> timeout(1) -> time(1) -> the tool: stop the whole tree.
  for p in "${pids[@]}"; do
    mapfile -t -O "${#tree[@]}" tree < <(descendants "$p")
    tree+=("$p")
  done
  for p in "${tree[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for p in "${tree[@]}"; do stop_pid "$p" 5; done
  wait 2>/dev/null
  pids=()
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

# The commit checked out when the run starts (the jars may have been built from another).
run_commit() {
  local c
  c="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  [ -n "$(git status --porcelain -- common/src/main sender/src/main receiver/src/main '*pom.xml' 2>/dev/null)" ] && c="$c (with uncommitted changes in the sources)"
  echo "$c"
}
