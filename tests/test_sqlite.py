"""SQLite under several app processes: WAL journal and NORMAL sync on every connection."""

import pytest
from django.db import connection, connections

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite settings only")


def _pragma(conn, name):
    with conn.cursor() as cursor:
        cursor.execute(f"PRAGMA {name}")
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_the_default_connection_syncs_normally():
    assert _pragma(connection, "synchronous") == 1  # NORMAL (FULL is 2)


@pytest.mark.django_db
def test_a_database_file_is_opened_in_wal_mode(tmp_path):
    # The test database lives in memory, where WAL does not apply: open a file with the
    # same settings, as the app processes do.
    default = connections["default"]
    wrapper = type(default)({**default.settings_dict, "NAME": str(tmp_path / "db.sqlite3")}, "walcheck")
    try:
        assert _pragma(wrapper, "journal_mode") == "wal"
        assert _pragma(wrapper, "synchronous") == 1
        assert wrapper.transaction_mode == "IMMEDIATE"
    finally:
        wrapper.close()
