#!/bin/bash
# Runs once in the official postgres image's /docker-entrypoint-initdb.d on an empty data folder:
# a role for streaming replication, a pg_hba line letting it connect for replication (the image's
# own "host all all all" line does not cover replication connections), and the replica's physical
# slot (the primary keeps the WAL the replica has not received yet, also while it is down; drop
# the slot when a replica is retired, or the primary's disk fills).
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  --set=pw="$REPLICATION_PASSWORD" <<-'EOSQL'
	create role replicator with replication login password :'pw';
	select pg_create_physical_replication_slot('replica1');
EOSQL
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
