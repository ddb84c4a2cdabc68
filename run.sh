#!/usr/bin/env bash
# Builds Plugboard if needed and starts it on Payara Micro with the embedded H2 database.
#
#   ./run.sh                       # http://localhost:8080
#   PLUGBOARD_PORT=9090 ./run.sh   # another port
#
# Data (database and generated master key) lives in ./plugboard-data (PLUGBOARD_DATA_DIR) and
# survives restarts. Any other setting is an environment variable, e.g. PLUGBOARD_MASTER_KEY,
# PLUGBOARD_ADMIN_API_KEY, or PLUGBOARD_DATASOURCE_URL / _CLASS / _USER / _PASSWORD for PostgreSQL.
# The server listens on loopback only unless PLUGBOARD_BIND_ADDRESS says otherwise. Alone it runs
# without a data grid; PLUGBOARD_CLUSTER_MEMBERS (and _NAME, _PORT, _ADDRESS) make it one of
# several servers (README). The first start of a build writes a class-data archive into the data
# folder when it stops, which later starts use (PLUGBOARD_CDS=off: none). PLUGBOARD_HEAP sets the
# Java heap (default 1g); PLUGBOARD_IO_STRATEGY the HTTP listener's Grizzly I/O strategy (default
# leader-follower, scripts/jvm-options.sh).
set -euo pipefail
cd "$(dirname "$0")"

port="${PLUGBOARD_PORT:-8080}"
bind_address="${PLUGBOARD_BIND_ADDRESS:-127.0.0.1}"
data_dir="$(mkdir -p "${PLUGBOARD_DATA_DIR:-plugboard-data}" && cd "${PLUGBOARD_DATA_DIR:-plugboard-data}" && pwd)"
service_domain="${PLUGBOARD_SERVICE_DOMAIN:-http://localhost:$port}"
war=connector-runtime/target/ROOT.war
micro=connector-runtime/target/payara-micro.jar

# Build when the WAR is missing or older than any source or pom of the reactor.
if [[ ! -f $war || ! -f $micro ]] \
  || [[ -n "$(find pom.xml ./*/pom.xml ./*/src -newer "$war" -type f -print -quit)" ]]; then
  echo "Building Plugboard..."
  mvn -B -q -DskipTests -Dspotless.check.skip=true package -pl connector-runtime -am
fi

work="$(mktemp -d)" # readable by this user only; holds the first start's operator key briefly
trap 'rm -rf "$work"' EXIT
preboot="$work/preboot.asadmin"
log="$work/server.log"

# Several servers (README, "Running several servers") share a database and form one data grid:
# the same PLUGBOARD_CLUSTER_NAME and PLUGBOARD_CLUSTER_MEMBERS on each, its own
# PLUGBOARD_CLUSTER_PORT. Alone (no member list) a server needs no grid and starts none.
# Network hygiene: the grid listens on one address (loopback unless told otherwise) and finds its
# members from the list only (with --nocluster Hazelcast would listen on every address), and
# nothing phones home.
if [[ -n ${PLUGBOARD_CLUSTER_MEMBERS:-} ]]; then
  cluster_address="${PLUGBOARD_CLUSTER_ADDRESS:-127.0.0.1}"
  grid=(--clustermode "tcpip:$PLUGBOARD_CLUSTER_MEMBERS"
    --clustername "${PLUGBOARD_CLUSTER_NAME:-plugboard}"
    --startport "${PLUGBOARD_CLUSTER_PORT:-6900}" --nohostaware
    --interfaces "$cluster_address" --hzpublicaddress "$cluster_address")
else
  grid=(--nohazelcast)
fi

# A fixed heap (PLUGBOARD_HEAP, default 1g), tuned JIT thresholds and a class-data archive under
# the data folder, written when the first start stops (scripts/jvm-options.sh).
source scripts/jvm-options.sh
plugboard_jvm_options "$data_dir" "$micro" "$war"
plugboard_preboot "$preboot" "$bind_address" # the listener's address and I/O strategy

java "${PLUGBOARD_HEAP_OPTIONS[@]}" "${PLUGBOARD_JVM[@]}" \
  -Dhazelcast.phone.home.enabled=false -Dhazelcast.socket.bind.any=false \
  -Dplugboard.data-dir="$data_dir" -Dplugboard.service-domain="$service_domain" \
  -jar "$micro" --deploy "$war" --port "$port" "${grid[@]}" \
  --disablephonehome --prebootcommandfile "$preboot" >>"$log" 2>&1 &
server=$!
tail -n +1 -f "$log" --pid "$server" 2>/dev/null &

stop() {
  kill -TERM "$server" 2>/dev/null || true
  local status=0
  wait "$server" 2>/dev/null || status=$?
  plugboard_cds_finish "$status"
  exit "$status"
}
trap stop INT TERM

until grep -q ' ready in ' "$log"; do
  if ! kill -0 "$server" 2>/dev/null; then
    echo "Plugboard did not start: see the output above." >&2
    exit 1
  fi
  sleep 0.5
done

operator_key="$(grep -o 'Operator API key (shown once): [^[:space:]]*' "$log" | head -n 1 | sed 's/.*: //' || true)"
: >"$log" # the key is printed once; do not keep it on disk
cat <<EOF

  Plugboard is running (data in $data_dir).
    Admin UI:  $service_domain/admin/
    API:       $service_domain/api/v1/   (OpenAPI at $service_domain/openapi)
EOF
if [[ -n $operator_key ]]; then
  cat <<EOF
    Operator API key (shown once, stored only as a hash; keep it safe):
      $operator_key
EOF
fi
echo
status=0
wait "$server" || status=$?
plugboard_cds_finish "$status"
exit "$status"
