#!/usr/bin/env bash
# Time from `npm start` to the first answer, as a newcomer meets it: cold (a new embedded
# PostgreSQL: initdb, migrations, seed) and then warm (the same data folder, nothing to
# compile). The compile step is part of both (`tsc -b` on an unchanged tree). Run it under
# the machine-wide benchmark lock: flock /tmp/bench.lock bash bench/start-time.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
export PORT="${START_PORT:-4066}" EMBEDDED_PG_PORT="${START_PG_PORT:-54366}"
npm run -s build
query='{"query":"{ organization { vision } chapters(first: 1) { totalCount } }"}'

# One start: prints the milliseconds from `npm start` to the first full answer, then stops the server.
time_start() {
  local log; log="$(mktemp)"
  local start; start=$(date +%s%N)
  # In a process group of its own, stopped as a whole as Ctrl-C would stop it.
  env -u DATABASE_URL setsid npm start --silent >"$log" 2>&1 &
  local pid=$!
  until curl -sf "http://127.0.0.1:$PORT/graphql" -H 'content-type: application/json' -d "$query" | grep -q '"totalCount":130'; do
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; echo "the server died" >&2; exit 1; }
    sleep 0.05
  done
  echo $(( ($(date +%s%N) - start) / 1000000 ))
  kill -TERM -- "-$pid"
  wait "$pid" || true
  while curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz"; do sleep 0.05; done
  rm -f "$log"
}

for run in $(seq 1 "$runs"); do
  export EMBEDDED_PG_DIR; EMBEDDED_PG_DIR="$(mktemp -d)/postgres"
  cold=$(time_start)
  warm=$(time_start)
  echo "run $run: cold ${cold} ms, warm ${warm} ms"
  rm -rf "$(dirname "$EMBEDDED_PG_DIR")"
done
