# Helpers for the bench scripts (sourced). Everything here talks to 127.0.0.1 only.

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

# Commands to run on exit, last registered first (trap run_deferred EXIT in the script).
DEFERRED=()
defer() { DEFERRED+=("$(printf '%q ' "$@")"); }
run_deferred() {
  local i
  trap '' INT TERM # a second signal must not cut the cleanup short
  for ((i = ${#DEFERRED[@]} - 1; i >= 0; i--)); do
    eval "${DEFERRED[i]}" || true
  done
  DEFERRED=()
}

# defer_removal PATH...: deletes bulky run data on exit, unless KEEP_DATA=1.
defer_removal() {
  [[ ${KEEP_DATA:-0} == 1 ]] || defer rm -rf -- "$@"
}

# need COMMAND DEBIAN_PACKAGE: installs the package when the command is missing (as root).
need() {
  command -v "$1" >/dev/null && return 0
  [[ $(id -u) == 0 ]] || die "$1 is missing: apt-get install -y $2"
  log "installing $2 (for $1)"
  apt-get install -y -q "$2" >/dev/null 2>&1 ||
    { apt-get update -q >/dev/null && apt-get install -y -q "$2" >/dev/null; }
  command -v "$1" >/dev/null || die "could not install $2"
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

# curl that never goes through a proxy and never leaves loopback.
http() {
  local url=${*: -1}
  assert_loopback "$url"
  curl -sS --fail --noproxy '*' --max-time 60 "$@"
}

assert_loopback() {
  [[ $1 =~ ^http://127\.0\.0\.1:[0-9]+(/|$) ]] || die "refusing a non-loopback URL: $1"
}

# start_bg NAME LOGFILE COMMAND...: runs COMMAND in the background, stopped on exit; sets LAST_PID.
start_bg() {
  local name=$1 logfile=$2
  shift 2
  "$@" >"$logfile" 2>&1 &
  LAST_PID=$!
  defer stop_pid "$LAST_PID" "$name"
}

# stop_pid PID NAME: SIGTERM, then SIGKILL if it is still there after 20 s. Sets STOPPED_STATUS
# to the process's exit status when it was a child of this shell and stopped on SIGTERM (137
# after the SIGKILL), else 0.
stop_pid() {
  local pid=$1 name=$2 i
  STOPPED_STATUS=0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 200; i++)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      wait "$pid" 2>/dev/null || STOPPED_STATUS=$?
      return 0
    fi
    sleep 0.1
  done
  log "$name (pid $pid) did not stop on SIGTERM; killing it"
  kill -KILL "$pid" 2>/dev/null || true
  STOPPED_STATUS=137
}

# wait_http URL SECONDS PID LOGFILE: until URL answers 2xx; fails early if PID dies.
wait_http() {
  local url=$1 seconds=$2 pid=$3 logfile=$4 i
  for ((i = 0; i < seconds * 5; i++)); do
    http -o /dev/null "$url" 2>/dev/null && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$logfile" >&2
      die "process $pid exited before $url answered"
    fi
    sleep 0.2
  done
  tail -n 30 "$logfile" >&2
  die "$url did not answer within ${seconds}s"
}
