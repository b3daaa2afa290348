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

# txrx_launch APP [ARGS...]: builds the jars if APP's is missing, then execs it with ARGS.
txrx_launch() {
  local app="$1" root jar
  shift
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  jar="$root/$app/target/$app.jar"
  if [ ! -f "$jar" ]; then
    echo "$app: building the jars (first run only)..." >&2
    (cd "$root" && mvn -q -B -DskipTests package) >&2
  fi
  # Java encodes file names in the locale's charset; under a non-UTF-8 locale (LANG=C, or none at
  # all) names such as "résumé.txt" could not be sent or stored, so such a locale becomes C.UTF-8.
  case "${LC_ALL:-${LC_CTYPE:-${LANG:-}}}" in
    *UTF-8* | *utf-8* | *UTF8* | *utf8*) ;;
    *) export LC_ALL=C.UTF-8 ;;
  esac
  local options=()
  mapfile -t options < <(txrx_jvm_options "$app" "$@")
  exec java "${options[@]}" -jar "$jar" "$@"
}
