#!/usr/bin/env bash
# Boots `npm start` with no DATABASE_URL (so on a fresh embedded PostgreSQL), waits until it
# answers a GraphQL query, stops it with SIGTERM and checks that it exits 0 and leaves no
# PostgreSQL running. Prints the cold-start time.
set -euo pipefail
cd "$(dirname "$0")/.."
export EMBEDDED_PG_DIR; EMBEDDED_PG_DIR="$(mktemp -d)/postgres"
export PORT="${SMOKE_PORT:-4055}" EMBEDDED_PG_PORT="${SMOKE_PG_PORT:-54355}"
log="$(mktemp)"
npm run -s build
start=$(date +%s%N)
env -u DATABASE_URL node dist/src/main.js >"$log" 2>&1 &
pid=$!
answer=""
for _ in $(seq 1 120); do
  answer=$(curl -s "http://127.0.0.1:$PORT/graphql" -H 'content-type: application/json' \
    -d '{"query":"{ organization { vision } chapters(first: 1) { totalCount } }"}' || true)
  [[ "$answer" == *'"vision":"The Internet is for everyone."'* ]] && break
  kill -0 "$pid" 2>/dev/null || { cat "$log"; echo "smoke: the server died"; exit 1; }
  sleep 0.25
done
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[[ "$answer" == *'"totalCount":130'* ]] || { cat "$log"; echo "smoke: unexpected answer: $answer"; exit 1; }
echo "smoke: cold start to first answer on a new embedded PostgreSQL: ${ms} ms"
kill -TERM "$pid"
status=0; wait "$pid" || status=$?
cat "$log"
[[ $status -eq 0 ]] || { echo "smoke: exit code $status after SIGTERM"; exit 1; }
if pgrep -f "bin/postgres -D $EMBEDDED_PG_DIR" >/dev/null; then echo "smoke: embedded PostgreSQL still running"; exit 1; fi
echo "smoke: stopped cleanly"
