# The Plugboard side of bench/webhook-ingest (sourced by it, after lib/common.sh).
#
# webhook-ingest calls these, in this order:
#   start_plugboard DB WORK          DB is h2 or postgres, WORK a scratch folder on the real disk;
#                                    starts the platform on 127.0.0.1 (with start_bg, so the exit
#                                    trap stops it), sets PLUGBOARD_URL, returns once it is ready
#   create_connection SECRET         creates a tenant and a facebook-messenger connection whose
#                                    App Secret (clientSecret) is SECRET; sets WEBHOOK_URL to
#                                    http://127.0.0.1:PORT/webhooks/{webhookKey}
#   plugboard_stored_count           prints how many events are stored for that connection

PLUGBOARD_REPO=$(cd "$BENCH_DIR/.." && pwd)
# shellcheck source=../../scripts/jvm-options.sh
source "$PLUGBOARD_REPO/scripts/jvm-options.sh"

start_plugboard() {
  prepare_plugboard "$1" "$2"
  launch_plugboard "$2"
}

# prepare_plugboard DB WORK: checks the build, picks the admin key and (postgres) starts the
# database; sets PLUGBOARD_DB_OPTS. Call once per data set; launch_plugboard may follow many times.
prepare_plugboard() {
  local db=$1 work=$2
  PLUGBOARD_TARGET=$PLUGBOARD_REPO/connector-runtime/target
  [[ -f $PLUGBOARD_TARGET/ROOT.war && -f $PLUGBOARD_TARGET/payara-micro.jar ]] ||
    die "no $PLUGBOARD_TARGET/ROOT.war or payara-micro.jar: build first (mvn -B -DskipTests install)"
  PLUGBOARD_ADMIN_KEY=$(random_hex 24)
  PLUGBOARD_DB_OPTS=()
  if [[ $db == postgres ]]; then
    start_postgres "$work"
    PLUGBOARD_DB_OPTS=(-Dplugboard.datasource.url="$PG_JDBC_URL" -Dplugboard.datasource.user=plugboard
      -Dplugboard.datasource.password=plugboard
      -Dplugboard.datasource.class=org.postgresql.ds.PGSimpleDataSource)
  fi # h2: the default embedded file under plugboard-data/ in the working folder, i.e. WORK
  defer_removal "$work/plugboard-data"
  # The JVM options run.sh uses, with the class-data archive kept in bench/target/cds/ per build.
  # Like run.sh, which writes it when the first start of a build stops, a build's first bench
  # run starts and stops the server once on this data to write it (PLUGBOARD_FIRST_STARTUP_S);
  # PLUGBOARD_CDS=off measures without it.
  PLUGBOARD_FIRST_STARTUP_S=
  plugboard_jvm_options "$BENCH_DIR/target" "$PLUGBOARD_TARGET/payara-micro.jar" "$PLUGBOARD_TARGET/ROOT.war"
  if [[ -n $PLUGBOARD_CDS_PENDING ]]; then
    log "first start of this build: writing its class-data archive (bench/target/cds)"
    launch_plugboard "$work"
    PLUGBOARD_FIRST_STARTUP_S=$PLUGBOARD_STARTUP_S
    stop_pid "$PLUGBOARD_PID" plugboard
    plugboard_cds_finish "$STOPPED_STATUS"
    plugboard_jvm_options "$BENCH_DIR/target" "$PLUGBOARD_TARGET/payara-micro.jar" "$PLUGBOARD_TARGET/ROOT.war"
    [[ -z $PLUGBOARD_CDS_PENDING ]] || log "warning: no class-data archive was written (exit status $STOPPED_STATUS)"
  fi
}

# launch_plugboard WORK [PORT [CLUSTER_MEMBERS]]: starts one Payara Micro instance on the data
# prepared by prepare_plugboard (again after a kill, or a second instance on the same PostgreSQL),
# from a fresh Payara root folder, and waits until it is ready. Sets PLUGBOARD_URL, PLUGBOARD_PID and PLUGBOARD_STARTUP_S (seconds
# from launch to /health/ready). CLUSTER_MEMBERS is a Hazelcast tcpip member list such as
# "127.0.0.1:5901,127.0.0.1:5902"; the instance's own data-grid port is HZ_PORT (default: a free
# one). Without CLUSTER_MEMBERS the instance runs alone without a data grid, as run.sh starts one.
# Each instance gets its own Payara root folder under WORK.
# PLUGBOARD_EXTRA_OPTS, an optional array of further java options (e.g. -Dplugboard.master-key=…),
# goes on the java command line after the ones above, before -jar. PLUGBOARD_PREBOOT_EXTRA, optional
# asadmin lines (one a line), goes into the pre-boot command file after the listener's address,
# e.g. "set configs.config.server-config.thread-pools.thread-pool.http-thread-pool.max-thread-pool-size=8".
launch_plugboard() {
  local work=$1 port=${2:-} members=${3:-}
  [[ -n $port ]] || port=$(free_port)
  local grid=(--nohazelcast) where="without a data grid" # alone, as run.sh starts one
  if [[ -n $members ]]; then
    local hz_port=${HZ_PORT:-$(free_port)}
    where="data grid 127.0.0.1:$hz_port, members $members"
    grid=(--clustermode "tcpip:$members" --startport "$hz_port" --nohostaware
      --clustername "plugboard-bench-$$" --interfaces 127.0.0.1 --hzpublicaddress 127.0.0.1)
  fi
  PLUGBOARD_URL=http://127.0.0.1:$port
  local root=$work/payara-$port
  # A Payara root used before still lists the application: it would be deployed twice.
  retire_payara_root "$work" "$port"
  mkdir -p "$root/micro" "$root/tmp"
  defer_removal "$root"
  plugboard_preboot "$root/preboot.asadmin" 127.0.0.1 # as run.sh: address and I/O strategy
  [[ -n ${PLUGBOARD_PREBOOT_EXTRA:-} ]] && printf '%s\n' "$PLUGBOARD_PREBOOT_EXTRA" >>"$root/preboot.asadmin"
  log "starting Plugboard on $PLUGBOARD_URL ($where)"
  local started=$EPOCHREALTIME
  # PLUGBOARD_JAVA_OPTS (split at spaces) replaces the heap options run.sh uses.
  local heap=("${PLUGBOARD_HEAP_OPTIONS[@]}")
  [[ -n ${PLUGBOARD_JAVA_OPTS:-} ]] && read -r -a heap <<<"$PLUGBOARD_JAVA_OPTS"
  start_bg "plugboard-$port" "$root/plugboard.log" env -C "$work" java "${heap[@]}" \
    "${PLUGBOARD_JVM[@]}" -Djava.io.tmpdir="$root/tmp" \
    -Dhazelcast.phone.home.enabled=false -Dhazelcast.socket.bind.any=false \
    -Dplugboard.service-domain="${PLUGBOARD_SERVICE_DOMAIN:-$PLUGBOARD_URL}" \
    -Dplugboard.admin.api-key="$PLUGBOARD_ADMIN_KEY" \
    "${PLUGBOARD_DB_OPTS[@]}" ${PLUGBOARD_EXTRA_OPTS[@]+"${PLUGBOARD_EXTRA_OPTS[@]}"} \
    -jar "$PLUGBOARD_TARGET/payara-micro.jar" --deploy "$PLUGBOARD_TARGET/ROOT.war" \
    --contextroot / --port "$port" \
    --rootdir "$root/micro" --disablephonehome "${grid[@]}" \
    --prebootcommandfile "$root/preboot.asadmin" \
    ${PLUGBOARD_MICRO_OPTS:-}
  PLUGBOARD_PID=$LAST_PID
  PLUGBOARD_LOG=$root/plugboard.log
  wait_http "$PLUGBOARD_URL/health/ready" 180 "$PLUGBOARD_PID" "$PLUGBOARD_LOG"
  PLUGBOARD_STARTUP_S=$(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
  log "Plugboard ready on $PLUGBOARD_URL in ${PLUGBOARD_STARTUP_S}s"
}

# retire_payara_root WORK PORT: after the instance on PORT is gone, moves its Payara root folder
# aside (to WORK/payara-PORT.N, deleted at exit unless KEEP_DATA=1), so that launch_plugboard WORK
# PORT starts Payara from a fresh one, as Payara Micro without --rootdir always does. A reused
# root still lists the application deployed in it: Payara loads that copy at boot (whose data
# source pool is missing: "No Pool Meta Data object associated with the pool"), /health/ready says
# UP, then it deploys --deploy again, so the webhook answers 500 and then 404 for a while.
# Plugboard's own data (WORK/plugboard-data, or PostgreSQL) is not in it.
retire_payara_root() {
  local root=$1/payara-$2 n=1
  [[ -d $root ]] || return 0
  while [[ -e $root.$n ]]; do n=$((n + 1)); done
  mv -- "$root" "$root.$n"
  defer_removal "$root.$n"
}

# kill_plugboard PID: SIGKILL, as a crash would; waits until the process is gone.
kill_plugboard() {
  kill -KILL "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# api METHOD PATH KEY [JSON]: one API call, prints the response body.
api() {
  local method=$1 path=$2 key=$3 body=${4:-}
  http -X "$method" -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
    ${body:+--data "$body"} "$PLUGBOARD_URL$path"
}

create_connection() {
  local secret=$1 setup
  need jq jq
  PB_TENANT=$(api POST /api/v1/tenants "$PLUGBOARD_ADMIN_KEY" '{"name":"bench"}' | jq -er .id)
  PB_TENANT_KEY=$(api POST "/api/v1/tenants/$PB_TENANT/api-keys" "$PLUGBOARD_ADMIN_KEY" '{}' |
    jq -er .key)
  setup=$(jq -nc --arg secret "$secret" '{connectorId: "facebook-messenger", name: "bench",
    setup: {clientId: "1234567890123", clientSecret: $secret, verifyToken: "bench-verify-token"}}')
  local connection
  connection=$(api POST "/api/v1/tenants/$PB_TENANT/connections" "$PB_TENANT_KEY" "$setup")
  PB_CONNECTION=$(jq -er .id <<<"$connection")
  WEBHOOK_URL=$(jq -er .webhookUrl <<<"$connection")
}

# Counts through the events API (cursor-paged), as a user would see them; warns on stderr when
# an externalId (the message mid) was stored twice.
plugboard_stored_count() {
  python3 "$BENCH_DIR/tools/list-events.py" \
    "$PLUGBOARD_URL" "$PB_TENANT" "$PB_CONNECTION" "$PB_TENANT_KEY" |
    awk '{ n++; if (seen[$0]++) twice++ }
      END { if (twice) print "warning: " twice " events share an externalId" > "/dev/stderr"
            print n + 0 }'
}

# start_postgres WORK: a throwaway PostgreSQL cluster on 127.0.0.1 with default durability
# (fsync=on, synchronous_commit=on) and otherwise default settings unless PLUGBOARD_PG_OPTS adds
# some (postgres options, e.g. "-c max_wal_size=8GB"), stopped on exit. Sets PG_PORT and
# PG_JDBC_URL; database, user and password are all "plugboard" (trust authentication, loopback
# only).
start_postgres() {
  local dir=$1/postgres as=() bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -z $bin ]]; then
    need psql postgresql
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  mkdir -p "$dir"
  if [[ $(id -u) == 0 ]]; then # initdb refuses to run as root
    chown postgres: "$dir"
    as=(runuser -u postgres --)
  fi
  PG_PORT=$(free_port)
  log "starting PostgreSQL ($("$bin/postgres" --version | awk '{print $3}')) on 127.0.0.1:$PG_PORT"
  "${as[@]}" "$bin/initdb" -D "$dir/data" -U plugboard --auth=trust -E UTF8 --no-locale \
    >"$dir/initdb.log" 2>&1 || die "initdb failed, see $dir/initdb.log"
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -s \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$dir ${PLUGBOARD_PG_OPTS:-}" start ||
    die "PostgreSQL did not start, see $dir/server.log"
  defer_removal "$dir/data" # registered first, so it runs after the stop below
  defer "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -s -m fast -w stop
  "${as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U plugboard plugboard
  PG_JDBC_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/plugboard
  prime_wal "$bin" "$dir" "${as[@]}"
}

# prime_wal BIN DIR [RUN_AS...]: gives the fresh cluster the recycled WAL segments of a server that
# has run for a while. A new cluster has none: each 16-MB segment the WAL moves into is created,
# zero-filled and fsynced while the WAL write lock is held, so under ingest load every commit waited
# ~60 ms once per segment (every ~2 s) until the first checkpoint, minutes later, recycled the used
# ones. Those stalls set the p99 of runs on a fresh cluster (bench/RESULTS.md, seventh session); a
# long-running server recycles segments at each checkpoint and does not see them. So: as many
# segments as max_wal_size holds are filled (a row and a switch each), then a checkpoint recycles
# them. BIN is PostgreSQL's bin folder, DIR the cluster's folder, RUN_AS a command prefix (runuser).
prime_wal() {
  local bin=$1 dir=$2 psql segments i started=$EPOCHREALTIME
  shift 2
  psql=("$@" "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U plugboard -d plugboard -qAt
    -v ON_ERROR_STOP=1)
  segments=$("${psql[@]}" -c "select pg_size_bytes(current_setting('max_wal_size'))
    / pg_size_bytes(current_setting('wal_segment_size'))")
  ((segments <= 1024)) || segments=1024
  {
    echo "create table bench_wal_prime (n integer);"
    for ((i = 0; i < segments; i++)); do
      echo "insert into bench_wal_prime values ($i); select pg_switch_wal();"
    done
    echo "drop table bench_wal_prime; checkpoint;"
  } | "${psql[@]}" >/dev/null || die "priming PostgreSQL's WAL failed, see $dir/server.log"
  log "PostgreSQL: $segments WAL segments created and recycled in $(awk -v a="$started" \
    -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')s"
}
