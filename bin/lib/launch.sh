# shellcheck shell=bash
# Shared by bin/sender and bin/receiver (sourced, not run), and by the benchmarks, so that they
# start the JVM the same way.

# txrx_jvm_options APP [ARGS...]: the JVM options the launchers give APP (sender or receiver),
# one per line. TXRX_JAVA_OPTS, when set, replaces them (set it empty for the JVM's defaults).
txrx_jvm_options() {
  local app="$1" arg
  shift
  if [ -n "${TXRX_JAVA_OPTS+set}" ]; then
    # shellcheck disable=SC2086  # a list of options
    [ -n "$TXRX_JAVA_OPTS" ] && printf '%s\n' $TXRX_JAVA_OPTS
    return 0
  fi
  # A run that does one transfer in clear (--plain) and exits stops at the quick C1 compiler: a
  # transfer of many small files ends before the optimising C2 compiler has paid for the CPU it
  # takes, and large transfers spend their time in the kernel and in CRC32C, an intrinsic either
  # way. Over TLS, the default, C2 is needed: the AES-GCM intrinsics exist only there, and C1 alone
  # encrypts at about 14 MB/s. A process that serves until stopped (a listening sender without
  # --once, receiver --listen) keeps C2, which pays off over its life; so does a ping client,
  # where C2 saves about half a microsecond of each round trip (docs/BENCHMARKS.md).
  local one_shot=no plain=no
  case "$app" in
    sender) one_shot=no ;;
    receiver) one_shot=yes ;;
  esac
  for arg in "$@"; do
    case "$app:$arg" in
      *:--plain) plain=yes ;;
      sender:--once | sender:--connect | sender:--connect=*) one_shot=yes ;;
      receiver:--listen | receiver:--ping | receiver:--ping=*) one_shot=no ;;
    esac
  done
  [ "$plain" = yes ] || one_shot=no
  [ "$one_shot" = yes ] && echo "-XX:TieredStopAtLevel=1"
  # Over TLS, SunJCE's AES-GCM runs its Java code, many times slower, until C2 has compiled the
  # methods that call the intrinsics: on 2 busy CPUs the first 3 s of a transfer. Scaling the
  # compile thresholds of those methods alone (GHASH, GCTR, GaloisCounterMode and its engines,
  # CounterMode) to 1% gets them to C2 sooner: 3 GiB memory to memory went from 264 to 344 MB/s
  # and a 1 GiB file from 85 to 98 MB/s, with less CPU (docs/BENCHMARKS.md, "TLS against socat
  # with OpenSSL"); the rest of the JDK and the apps compile as before. "quiet": the JVM prints
  # no line about the commands on stdout, which --json keeps for the summary.
  if [ "$plain" = no ]; then
    echo "-XX:CompileCommand=quiet"
    echo "-XX:CompileCommand=CompileThresholdScaling,com.sun.crypto.provider.G*::*,0.01"
    echo "-XX:CompileCommand=CompileThresholdScaling,com.sun.crypto.provider.CounterMode::*,0.01"
  fi
  return 0
}

# txrx_modules TARGET: the Maven modules that TARGET (sender, receiver, apps: the two, or dist: the
# two with their man pages and completions) is built from, so that a change to one of them is seen.
txrx_modules() {
  case "$1" in
    sender | receiver) echo "common cli $1" ;;
    apps) echo "common cli sender receiver" ;;
    dist) echo "common cli sender receiver dist" ;;
  esac
}

# txrx_jar ROOT APP: where APP's jar is under ROOT, a source tree (ROOT/APP/target/APP.jar, as
# Maven builds it) or an installed copy (ROOT/APP.jar, as bin/install lays it out).
txrx_jar() {
  if [ -f "$1/pom.xml" ]; then echo "$1/$2/target/$2.jar"; else echo "$1/$2.jar"; fi
}

# txrx_newer_source ROOT TARGET OUTPUT: the first source of TARGET (a pom.xml, or a file under a
# module's src/main) newer than OUTPUT, or nothing. Tests are left out: they are not in the jars.
txrx_newer_source() {
  local root="$1" module paths=("$1/pom.xml")
  for module in $(txrx_modules "$2"); do
    paths+=("$root/$module/pom.xml" "$root/$module/src/main")
  done
  find "${paths[@]}" -newer "$3" -print -quit 2>/dev/null
}

# txrx_build WHO ROOT TARGET OUTPUT...: makes sure each OUTPUT of TARGET exists and is newer than
# TARGET's sources, building with Maven when it is not; WHO names the caller in what it prints.
# Quiet when there is nothing to do. Without Maven, or with TXRX_BUILD=never (a test that must not
# start a build of its own), a stale output runs as it is, with a warning, and a missing one is an
# error. Outside a source tree (an installed copy) nothing is checked.
txrx_build() {
  local who="$1" root="$2" target="$3" output changed="" missing=""
  shift 3
  [ -f "$root/pom.xml" ] || return 0
  for output in "$@"; do
    if [ ! -e "$output" ]; then
      missing="$output"
      break
    fi
    [ -n "$changed" ] || changed="$(txrx_newer_source "$root" "$target" "$output")"
  done
  [ -n "$missing" ] || [ -n "$changed" ] || return 0
  local cannot=""
  if [ "${TXRX_BUILD:-}" = never ]; then
    cannot="TXRX_BUILD=never"
  elif ! command -v mvn >/dev/null 2>&1; then
    cannot="Maven (mvn) is not on PATH"
  fi
  if [ -n "$cannot" ]; then
    if [ -n "$missing" ]; then
      echo "$who: ${missing#"$root/"} is missing, and it cannot be built: $cannot" >&2
      exit 1
    fi
    echo "$who: ${changed#"$root/"} changed since the jar was built, and $cannot; running the old jar" >&2
    return 0
  fi
  if [ -n "$missing" ]; then
    echo "$who: building txrx (first run takes about a minute)..." >&2
  else
    echo "$who: ${changed#"$root/"} changed since the jar was built; rebuilding (about a minute)..." >&2
  fi
  # Maven's output is kept, and shown only if the build fails; it is stripped of the colour codes
  # that Maven 3.8 writes even in batch mode (-B).
  local log status=0 projects="$target"
  [ "$target" = apps ] && projects=sender,receiver
  log="$(mktemp)"
  # -DskipTests, not -Dmaven.test.skip: the apps' tests depend on cli's test jar, which Maven must
  # still build for the apps' dependencies to resolve.
  (cd "$root" && mvn -B -q -Dstyle.color=never -DskipTests -pl "$projects" -am package) >"$log" 2>&1 || status=$?
  if [ "$status" -ne 0 ]; then
    sed 's/\x1b\[[0-9;]*m//g' "$log" >&2
    rm -f "$log"
    echo "$who: the build failed (mvn exit $status); see above" >&2
    exit 1
  fi
  rm -f "$log"
}

# txrx_utf8_locale: Java encodes file names in the locale's charset; under one that is not UTF-8
# (LANG=C, or none at all) names such as "résumé.txt" could be neither sent nor stored. Such a
# locale's character type becomes C.UTF-8 (or another UTF-8 locale the system has); messages,
# dates and the rest stay as they were.
txrx_utf8_locale() {
  case "${LC_ALL:-${LC_CTYPE:-${LANG:-}}}" in
    *UTF-8* | *utf-8* | *UTF8* | *utf8*) return 0 ;;
  esac
  local utf8=C.UTF-8 available
  if available="$(locale -a 2>/dev/null)" && ! grep -qixE 'C\.utf-?8' <<<"$available"; then
    utf8="$(grep -iE '\.utf-?8$' <<<"$available" | head -n 1)"
    utf8="${utf8:-C.UTF-8}"
  fi
  if [ -n "${LC_ALL:-}" ]; then export LC_ALL="$utf8"; else export LC_CTYPE="$utf8"; fi
}

# txrx_java: the java to run, "$JAVA_HOME/bin/java" when JAVA_HOME is set, else the one on the PATH.
# On JDK 24 and later the apps serve connections on virtual threads (docs/BENCHMARKS.md).
txrx_java() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then echo "$JAVA_HOME/bin/java"; else echo java; fi
}

# txrx_launch APP [ARGS...]: builds the jars if APP's is missing or older than its sources, then
# execs it with ARGS, under a UTF-8 locale.
txrx_launch() {
  local app="$1" root jar
  shift
  # this file is ROOT/bin/lib/launch.sh, in a source tree and in an installed copy alike
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  jar="$(txrx_jar "$root" "$app")"
  txrx_build "$app" "$root" "$app" "$jar"
  txrx_utf8_locale
  local options=()
  mapfile -t options < <(txrx_jvm_options "$app" "$@")
  exec "$(txrx_java)" "${options[@]}" -jar "$jar" "$@"
}
