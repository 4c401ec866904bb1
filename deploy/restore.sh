#!/usr/bin/env bash
# Restore a Cocreatie backup (made by deploy/backup.sh) into a PostgreSQL database.
#
#   deploy/restore.sh ARCHIVE [TARGET_DATABASE_URL]
#   deploy/restore.sh --force ARCHIVE postgres://user@host:5432/cocreatie
#
# TARGET defaults to DATABASE_URL. The target database is created when it does not exist.
# A target that already holds tables is refused unless --force is given; with --force the
# target database is DROPPED and created again (stop the app processes first:
# `systemctl stop cocreatie.target`). The restore runs in one transaction: it either
# completes or leaves the (new) database empty.
# Options: --env FILE reads DATABASE_URL (and others) from an environment file.
set -euo pipefail

force=0
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --force) force=1; shift ;;
    --env) set -a; . "$2"; set +a; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    -*) echo "restore.sh: unknown option $1" >&2; exit 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
[ "${#args[@]}" -ge 1 ] || { echo "usage: restore.sh [--force] ARCHIVE [TARGET_DATABASE_URL]" >&2; exit 2; }
archive="${args[0]}"
url="${args[1]:-${DATABASE_URL:-}}"
[ -n "$url" ] || { echo "restore.sh: give a target URL or set DATABASE_URL" >&2; exit 2; }
[ -r "$archive" ] || { echo "restore.sh: cannot read $archive" >&2; exit 2; }
pg_restore --list "$archive" >/dev/null

# Split postgres://user@host:port/dbname?options into the server part and the database name.
base="${url%%\?*}"
query=""; [ "$base" = "$url" ] || query="?${url#*\?}"
dbname="${base##*/}"
server="${base%/*}"
case "$dbname" in ''|*[!A-Za-z0-9_-]*) echo "restore.sh: unexpected database name '$dbname'" >&2; exit 2 ;; esac
admin_url="$server/postgres$query"

exists="$(psql --no-password -X -qtA -d "$admin_url" -c "SELECT 1 FROM pg_database WHERE datname = '$dbname'")"
if [ "$exists" = "1" ]; then
  tables="$(psql --no-password -X -qtA -d "$url" -c \
    "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")"
  if [ "$tables" != "0" ]; then
    if [ "$force" != "1" ]; then
      echo "restore.sh: database '$dbname' already holds $tables tables; use --force to replace it" >&2
      exit 1
    fi
    psql --no-password -X -q -d "$admin_url" -c "DROP DATABASE \"$dbname\" WITH (FORCE)"
    exists=""
  fi
fi
[ "$exists" = "1" ] || psql --no-password -X -q -d "$admin_url" -c "CREATE DATABASE \"$dbname\""

pg_restore --no-password --no-owner --no-acl --single-transaction --exit-on-error --dbname="$url" "$archive"
psql --no-password -X -q -d "$url" -c "ANALYZE"
echo "restored $archive into $dbname"
