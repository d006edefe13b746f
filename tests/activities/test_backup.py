import sqlite3
import subprocess
from importlib import import_module

import psycopg
import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from activities.models import Activity
from programmes.models import Programme

# pg_dump reads committed data from its own connection, so the data is committed.
pytestmark = pytest.mark.django_db(transaction=True)

QUERY = (
    "SELECT p.slug, p.name, a.slug, a.title FROM programmes_programme p "
    "JOIN activities_activity a ON a.programme_id = p.id ORDER BY a.slug"
)


@pytest.fixture
def seeded():
    # Transactional tests start from a flushed database: seed the districts again.
    import_module("programmes.migrations.0002_seed_districts").seed_districts(apps, None)
    call_command("load_seed", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(QUERY)
        return cursor.fetchall()


def restored_rows(backup, tmp_path):
    if connection.vendor == "sqlite":
        # Restoring a SQLite backup is putting the file in place of the database.
        restored = sqlite3.connect(backup)
        try:
            assert restored.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            return restored.execute(QUERY).fetchall()
        finally:
            restored.close()
    name = f"{connection.settings_dict['NAME']}_restore"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        s = connection.settings_dict
        args = ["pg_restore", "--no-owner", f"--dbname={name}"]
        args += [f"--host={s['HOST']}"] if s.get("HOST") else []
        args += [f"--port={s['PORT']}"] if s.get("PORT") else []
        args += [f"--username={s['USER']}"] if s.get("USER") else []
        subprocess.run([*args, str(backup)], check=True, capture_output=True)
        params = {k.lower(): s[k] for k in ("HOST", "PORT", "USER", "PASSWORD") if s.get(k)}
        with psycopg.connect(dbname=name, **params) as restored:
            return [tuple(row) for row in restored.execute(QUERY).fetchall()]
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


def test_it_backs_up_the_database_and_the_restored_copy_has_the_same_data(seeded, tmp_path):
    backup = tmp_path / "pal.backup"
    call_command("backup_db", str(backup), verbosity=0)
    assert backup.stat().st_size > 0
    assert restored_rows(backup, tmp_path) == seeded
    assert len(seeded) == Activity.objects.count() > 0
    assert {row[0] for row in seeded} <= set(Programme.objects.values_list("slug", flat=True))


def test_it_refuses_to_overwrite_an_existing_file(tmp_path):
    existing = tmp_path / "old.backup"
    existing.write_text("keep me")
    with pytest.raises(CommandError, match="exists"):
        call_command("backup_db", str(existing))
    assert existing.read_text() == "keep me"
