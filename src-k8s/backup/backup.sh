#!/bin/sh
# Dumps the whole Flywheel database (schemas mlops and inference, with their Flyway history) into
# $BACKUP_DIR/flywheel-<UTC time>.dump in pg_dump's custom format, checks the archive reads back, writes its sha256
# beside it and keeps the newest $BACKUP_KEEP dumps. A dump is never left half-written under its final name.
#
#   DATABASE_URL  libpq URL, e.g. postgresql://flywheel-postgres:5432/flywheel (the Secret's reactive-url)
#   PGUSER, PGPASSWORD   credentials (the Secret's username and password)
#   BACKUP_DIR    where dumps go (default /backups);  BACKUP_KEEP  how many to keep (default 14)
set -eu

: "${DATABASE_URL:?set DATABASE_URL to the database, e.g. postgresql://host:5432/flywheel}"
dir="${BACKUP_DIR:-/backups}"
keep="${BACKUP_KEEP:-14}"
case "$keep" in
  ''|*[!0-9]*|0) echo "BACKUP_KEEP must be a positive whole number, was '$keep'" >&2; exit 2 ;;
esac

name="flywheel-$(date -u +%Y%m%dT%H%M%SZ).dump"
partial="$dir/.$name.partial"
trap 'rm -f "$partial"' EXIT

mkdir -p "$dir"
pg_dump --dbname="$DATABASE_URL" --format=custom --compress=6 --no-owner --no-privileges --file="$partial"
# A truncated or corrupt archive fails here, not on the day it is needed.
pg_restore --list "$partial" > /dev/null
(cd "$dir" && sha256sum "$(basename "$partial")" | sed "s/ \.$name\.partial\$/ $name/" > "$name.sha256")
mv "$partial" "$dir/$name"

# Retention: newest first, drop everything after the first $keep.
ls -1t "$dir"/flywheel-*.dump | tail -n +"$((keep + 1))" | while read -r old; do
  rm -f "$old" "$old.sha256"
done
echo "backup written: $dir/$name ($(wc -c < "$dir/$name") bytes)"
