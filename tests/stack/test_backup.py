"""deploy/backup.sh and deploy/restore.sh against the stack's database: a backup restored into a
fresh database holds every table with the same rows; rotation keeps the newest N archives."""

import os
import subprocess

import pytest

from tests.stack.conftest import ROOT


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        args, cwd=ROOT, env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=120
    )


def table_fingerprints(url: str) -> dict[str, tuple[int, str]]:
    """For every table in the public schema: its row count and a digest of all its rows."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(url, autocommit=True) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            ).fetchall()
        ]
        result = {}
        for table in tables:
            query = sql.SQL(
                "SELECT count(*), md5(coalesce(string_agg(t::text, chr(10) ORDER BY t::text), '')) FROM {} t"
            ).format(sql.Identifier(table))
            count, digest = conn.execute(query).fetchone()
            result[table] = (count, digest)
        return result


@pytest.fixture
def restored_url(stack):
    url = stack.database_url.rsplit("/", 1)[0] + f"/{stack.data['db']}_restored"
    yield url
    import psycopg

    with psycopg.connect(stack.database_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def test_backup_restores_into_a_fresh_database_with_every_row(stack, tmp_path, restored_url):
    backups = tmp_path / "backups"
    made = []
    for _ in range(3):
        result = run(
            "deploy/backup.sh", "--dir", str(backups), "--keep", "2", env={"DATABASE_URL": stack.database_url}
        )
        assert result.returncode == 0, result.stderr
        made.append(result.stdout.strip())
    # Rotation: the newest two archives are kept, the oldest is gone; no partial files left.
    assert sorted(p.name for p in backups.iterdir()) == sorted(os.path.basename(p) for p in made[1:])
    assert oct(backups.stat().st_mode & 0o777) == "0o700"

    result = run("deploy/restore.sh", made[-1], restored_url)
    assert result.returncode == 0, result.stderr

    original = table_fingerprints(stack.database_url)
    restored = table_fingerprints(restored_url)
    assert set(original) == set(restored)
    assert original == restored
    # The comparison means something: users, memberships and the loaded content are there.
    assert original["auth_user"][0] >= 4
    assert original["trajecten_lidmaatschap"][0] >= 4
    assert sum(count for count, _ in original.values()) > 50

    # A second restore into the now filled database is refused without --force ...
    refused = run("deploy/restore.sh", made[-1], restored_url)
    assert refused.returncode == 1
    assert "--force" in refused.stderr
    # ... and with --force replaces it completely.
    forced = run("deploy/restore.sh", "--force", made[-1], restored_url)
    assert forced.returncode == 0, forced.stderr
    assert table_fingerprints(restored_url) == original


def test_backup_refuses_without_a_database_url(tmp_path):
    result = run("deploy/backup.sh", "--dir", str(tmp_path), env={"DATABASE_URL": ""})
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr
    assert list(tmp_path.iterdir()) == []
