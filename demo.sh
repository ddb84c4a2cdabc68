#!/usr/bin/env bash
# Starts Plugboard together with the fake Facebook Graph API (and its Login dialog) on local
# ports, so you can click through install → setup → authorize → events without a Facebook app.
#
#   ./demo.sh                      # Plugboard on http://localhost:8080, the fake on a free port
#   PLUGBOARD_PORT=9090 ./demo.sh
#
# The demo keeps its data in ./plugboard-demo-data (delete it to start over). Everything listens
# on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")"

fake_jar=connector-facebook-messenger/target/connector-facebook-messenger-0.1.0-SNAPSHOT-tests.jar
classpath_file=connector-facebook-messenger/target/demo-classpath.txt
if [[ ! -f $fake_jar || ! -f $classpath_file || ! -f connector-runtime/target/ROOT.war ]]; then
  echo "Building Plugboard and the fake Graph API..."
  mvn -B -q -DskipTests -Dspotless.check.skip=true package -pl connector-runtime -am
  mvn -B -q dependency:build-classpath -pl connector-facebook-messenger \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/demo-classpath.txt
fi

fake_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
fake_log="$(mktemp)"
java -cp "$fake_jar:$(cat "$classpath_file")" \
  dev.plugboard.connector.facebook.fake.FakeGraphApi "$fake_port" >"$fake_log" 2>&1 &
fake=$!
trap 'kill "$fake" 2>/dev/null || true; rm -f "$fake_log"' EXIT
until grep -q 'Fake Graph API' "$fake_log"; do
  kill -0 "$fake" 2>/dev/null || { cat "$fake_log" >&2; exit 1; }
  sleep 0.2
done
fake_url="http://127.0.0.1:$fake_port"

cat <<TXT

  Demo mode: Facebook is replaced by a local fake at $fake_url.
$(sed -n 's/^  /    /p' "$fake_log")

  1. Sign in to the admin UI with the operator key printed below, create a tenant and an API key.
  2. Sign in with the tenant key, install Facebook Messenger, and fill in the setup with the
     App ID and App Secret above (generate a Verify Token).
  3. Authorize: the fake Login dialog asks you to continue, then you are back, Connected.
  4. Use "Send a test event" (or sign your own delivery) and watch the events list.

TXT

PLUGBOARD_DATA_DIR="${PLUGBOARD_DATA_DIR:-plugboard-demo-data}" \
PLUGBOARD_FACEBOOK_GRAPH_URL="$fake_url" \
PLUGBOARD_FACEBOOK_DIALOG_URL="$fake_url" \
  ./run.sh
