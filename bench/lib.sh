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
