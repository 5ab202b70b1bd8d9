#!/bin/sh
# Restores a dump made by backup.sh into $DATABASE_URL, replacing the schemas mlops and inference entirely.
# Stop both apps first (kubectl scale deployment/mlops-app deployment/inference-app --replicas=0) and suspend the
# CronJobs; see src-k8s/backup/README.md for the whole procedure.
#
# It runs in ONE transaction: if anything fails, the database is left exactly as it was. Objects created after the
# backup (tables of a newer migration) are dropped with the schemas, so the apps' Flyway history and the tables agree.
#
#   restore.sh <dump-file>      DATABASE_URL, PGUSER, PGPASSWORD as for backup.sh
set -eu

dump="${1:?usage: restore.sh <dump-file>}"
: "${DATABASE_URL:?set DATABASE_URL to the database, e.g. postgresql://host:5432/flywheel}"
[ -f "$dump" ] || { echo "no such dump: $dump" >&2; exit 2; }

if [ -f "$dump.sha256" ]; then
  expected="$(cut -d' ' -f1 < "$dump.sha256")"
  actual="$(sha256sum "$dump" | cut -d' ' -f1)"
  [ "$expected" = "$actual" ] || { echo "checksum mismatch for $dump: refusing to restore" >&2; exit 1; }
fi
pg_restore --list "$dump" > /dev/null

{
  echo "DROP SCHEMA IF EXISTS mlops CASCADE;"
  echo "DROP SCHEMA IF EXISTS inference CASCADE;"
  pg_restore --no-owner --no-privileges --file=- "$dump"
} | psql --dbname="$DATABASE_URL" --single-transaction --set=ON_ERROR_STOP=1 --quiet --no-psqlrc > /dev/null
echo "restored $dump into $(echo "$DATABASE_URL" | sed 's#//[^@]*@#//#')"
