#!/bin/bash
# A hot standby of the `postgres` service. On first start it copies the primary with
# pg_basebackup -R (which writes standby.signal and primary_conninfo), then runs PostgreSQL,
# which replays the primary's WAL as it streams in and answers read-only queries.
set -euo pipefail
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_basebackup --host=postgres --username=replicator --pgdata="$PGDATA" \
    --wal-method=stream --write-recovery-conf --checkpoint=fast; do
    echo "replica: primary not reachable yet; retrying in 2 s"
    rm -rf "${PGDATA:?}"/*
    sleep 2
  done
  chmod 0700 "$PGDATA"
fi
exec postgres -c hot_standby=on
