# JVM options and Payara settings of every Plugboard start: sourced by run.sh and
# bench/lib/plugboard.sh, so that the benchmarks measure the server as run.sh starts it.
#
#   plugboard_preboot FILE BIND_ADDRESS
#     writes Payara Micro's pre-boot command file (--prebootcommandfile): the HTTP listener's
#     address and its I/O strategy (PLUGBOARD_IO_STRATEGY, below); fails on an unknown strategy
#   PLUGBOARD_HEAP_OPTIONS
#     the heap options (an array), set when this is sourced
#   plugboard_jvm_options DIR MICRO_JAR WAR
#     sets PLUGBOARD_JVM (an array of java options) and PLUGBOARD_CDS_PENDING
#   plugboard_cds_finish STATUS
#     after the server has stopped with exit status STATUS: keeps the class archive it wrote at an
#     orderly exit (0, or 130/143 after SIGINT/SIGTERM), drops one it may have left half-written
#
# Starting Payara Micro and deploying Plugboard loads some 20,000 classes from about 400 jars and
# is CPU-bound: on two cores about 40 s of CPU for a 20 s start. Two things cut it, measured in
# bench/RESULTS.md ("Startup"):
#  - a class-data sharing archive (CDS, JDK 17's dynamic archive): classes parsed and verified once
#    and mapped from DIR/cds/ at every later start. The first start writes it when the server
#    stops; a new build, JDK or option set writes a new one (the key below), and a missing or
#    unusable archive only costs the time it would have saved (the JVM runs without it).
#  - later optimisation by C2: with its default thresholds C2 spends about half of the start's CPU
#    compiling code that is hot only while the server boots (class-path lookups, the archive scan).
#    Five to twenty times the thresholds leave it to what stays hot under load, and the directives
#    in c2-exclude.json keep C2 off the class-path lookups over Payara's ~400 jars and the annotation
#    scan of the WAR (ASM, HK2's class model) altogether: C2's largest compilations of a start, code
#    rarely run once the server is up (C1 still compiles it). bench/webhook-ingest measures the
#    steady state with these options.

PLUGBOARD_SCRIPTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PLUGBOARD_JIT_OPTIONS=(
  -XX:Tier4InvocationThreshold=100000 -XX:Tier4MinInvocationThreshold=20000
  -XX:Tier4CompileThreshold=300000 -XX:Tier4BackEdgeThreshold=800000
  -XX:+UnlockDiagnosticVMOptions -XX:CompilerDirectivesFile="$PLUGBOARD_SCRIPTS/c2-exclude.json"
)

# The heap: fixed (-Xms = -Xmx), PLUGBOARD_HEAP (default 1g). Given only a maximum, G1 keeps the
# heap at a few hundred MB under load (its GC-time goal is met) and the young generation small:
# under webhook load young collections ran six times a second and moved request garbage into the
# old generation (100 to 300 MB in four minutes). Fixed at 1 GB, one young collection every 2-3 s
# and an old generation that stays at ~100 MB (bench/RESULTS.md, sixth session).
PLUGBOARD_HEAP_OPTIONS=(-Xms"${PLUGBOARD_HEAP:-1g}" -Xmx"${PLUGBOARD_HEAP:-1g}")

plugboard_jvm_options() {
  local dir=$1/cds micro=$2 war=$3 key
  PLUGBOARD_JVM=("${PLUGBOARD_JIT_OPTIONS[@]}")
  PLUGBOARD_CDS_PENDING=
  [[ ${PLUGBOARD_CDS:-on} == off ]] && return 0
  mkdir -p "$dir"
  key=$({ java -version 2>&1; stat -c '%s %Y %n' "$micro" "$war"; echo "${PLUGBOARD_JIT_OPTIONS[*]}"; } |
    cksum | cut -d ' ' -f 1)
  if [[ -s $dir/$key.jsa ]]; then
    PLUGBOARD_JVM+=(-XX:SharedArchiveFile="$dir/$key.jsa" -Xshare:auto)
  else
    rm -f -- "$dir"/*.jsa "$dir"/*.jsa.part # archives of earlier builds
    PLUGBOARD_CDS_PENDING=$dir/$key.jsa
    PLUGBOARD_JVM+=(-XX:ArchiveClassesAtExit="$PLUGBOARD_CDS_PENDING.part")
  fi
}

plugboard_cds_finish() {
  local status=$1
  if [[ -n ${PLUGBOARD_CDS_PENDING:-} && -f $PLUGBOARD_CDS_PENDING.part ]]; then
    if [[ $status =~ ^(0|130|143)$ && -s $PLUGBOARD_CDS_PENDING.part ]]; then
      mv -f -- "$PLUGBOARD_CDS_PENDING.part" "$PLUGBOARD_CDS_PENDING"
    else
      rm -f -- "$PLUGBOARD_CDS_PENDING.part"
    fi
  fi
  PLUGBOARD_CDS_PENDING=
}

# The HTTP listener's I/O strategy: leader-follower instead of Grizzly's default worker-thread
# strategy. With the default, a selector thread that finds a request to read wakes a worker thread
# and hands it over, so every request waits for a thread switch. Leader-follower reads and serves
# the request on the thread that selected it and hands the selector loop to a worker instead, off
# the request's path. A request that blocks (a slow plugin call) still blocks only its own thread:
# the selector loop has moved on. Measured with bench/webhook-ingest (bench/RESULTS.md, ninth
# session): about 6 % less server CPU per delivery, 7 % more deliveries a second. connector-runtime's integration tests start
# Payara with the same line (src/test/resources/preboot-commands.txt). PLUGBOARD_IO_STRATEGY names
# another Grizzly strategy (e.g. org.glassfish.grizzly.strategies.WorkerThreadIOStrategy, the
# default before).
PLUGBOARD_IO_STRATEGY=${PLUGBOARD_IO_STRATEGY:-org.glassfish.grizzly.strategies.LeaderFollowerNIOStrategy}

plugboard_preboot() {
  local file=$1 address=$2 config=configs.config.server-config.network-config
  # Grizzly falls back to the worker-thread strategy, without a word, for a class it cannot load.
  local strategies=org.glassfish.grizzly.strategies
  case $PLUGBOARD_IO_STRATEGY in
    "$strategies.LeaderFollowerNIOStrategy" | "$strategies.WorkerThreadIOStrategy") ;;
    "$strategies.SameThreadIOStrategy" | "$strategies.SimpleDynamicNIOStrategy") ;;
    *)
      echo "PLUGBOARD_IO_STRATEGY: '$PLUGBOARD_IO_STRATEGY' is not one of Grizzly's I/O strategies" \
        "($strategies. + LeaderFollowerNIOStrategy, WorkerThreadIOStrategy," \
        "SameThreadIOStrategy or SimpleDynamicNIOStrategy)" >&2
      return 1
      ;;
  esac
  {
    echo "set $config.network-listeners.network-listener.http-listener.address=$address"
    echo "set $config.transports.transport.tcp.io-strategy=$PLUGBOARD_IO_STRATEGY"
  } >"$file"
}
