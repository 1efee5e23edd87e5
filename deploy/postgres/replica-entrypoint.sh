#!/bin/bash
# The streaming replica: on an empty data folder, clone the primary with pg_basebackup (which writes
# standby.signal and primary_conninfo, -R) on the slot the primary made for it; then run PostgreSQL
# as a hot standby. PGPASSWORD is the replication role's password.
set -euo pipefail
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_basebackup --host=db --username=replicator --pgdata="$PGDATA" --slot=replica1 \
    --write-recovery-conf --wal-method=stream --checkpoint=fast; do
    echo "replica: waiting for the primary" >&2
    rm -rf "${PGDATA:?}"/*
    sleep 2
  done
  chmod 0700 "$PGDATA"
fi
# hot_standby_feedback: the primary's vacuum waits for the replica's running reads instead of
# cancelling them (a cancelled read is retried on the primary by the API anyway).
exec postgres -c hot_standby=on -c hot_standby_feedback=on -c max_connections=200
