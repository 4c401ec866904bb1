#!/usr/bin/env bash
# Back up the Cocreatie database: one pg_dump archive (custom format) per run, keeping the
# newest BACKUP_KEEP archives in BACKUP_DIR. Prints the path of the new archive.
#
#   DATABASE_URL=postgres://user@host:5432/cocreatie BACKUP_DIR=/var/backups/cocreatie deploy/backup.sh
#   deploy/backup.sh --env /etc/cocreatie/cocreatie.env        # read the variables from the env file
#
# Options override the environment: --dir DIR, --keep N, --url DATABASE_URL, --env FILE.
# The archive is written to a temporary name, checked with pg_restore --list, then renamed,
# so an interrupted run never leaves a half archive that rotation would count.
set -euo pipefail

while [ $# -gt 0 ]; do
  case "$1" in
    --env) set -a; . "$2"; set +a; shift 2 ;;
    --dir) BACKUP_DIR="$2"; shift 2 ;;
    --keep) BACKUP_KEEP="$2"; shift 2 ;;
    --url) DATABASE_URL="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "backup.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

: "${DATABASE_URL:?backup.sh: DATABASE_URL is not set}"
BACKUP_DIR="${BACKUP_DIR:-/var/backups/cocreatie}"
BACKUP_KEEP="${BACKUP_KEEP:-14}"
case "$BACKUP_KEEP" in ''|*[!0-9]*|0) echo "backup.sh: BACKUP_KEEP must be a whole number of 1 or more" >&2; exit 2 ;; esac
case "$DATABASE_URL" in postgres://*|postgresql://*) ;; *)
  echo "backup.sh: DATABASE_URL must be a PostgreSQL URL (postgres://...)" >&2; exit 2 ;; esac

umask 077
mkdir -p "$BACKUP_DIR"
# UTC timestamp with milliseconds: names sort in time order and never collide.
stamp="$(date -u +%Y%m%dT%H%M%S%3NZ)"
target="$BACKUP_DIR/cocreatie-$stamp.dump"
partial="$target.partial"
trap 'rm -f "$partial"' EXIT

pg_dump --format=custom --compress=6 --no-password --file="$partial" --dbname="$DATABASE_URL"
pg_restore --list "$partial" >/dev/null   # the archive is complete and readable
mv "$partial" "$target"
trap - EXIT

# Rotation: keep the newest BACKUP_KEEP archives (names sort by time), delete the rest.
ls -1 "$BACKUP_DIR" | grep -E '^cocreatie-[0-9]{8}T[0-9]{9}Z\.dump$' | sort -r \
  | tail -n +"$((BACKUP_KEEP + 1))" | while read -r old; do rm -f -- "$BACKUP_DIR/$old"; done

echo "$target"
