"""`manage.py backup_db`: a consistent copy of the database (SQLite or PostgreSQL)."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection


class Command(BaseCommand):
    help = (
        "Write a consistent copy of the database to PATH while the site keeps running: "
        "SQLite's online backup API, or pg_dump's custom format for PostgreSQL "
        "(restore it with pg_restore; see README, 'Backups')."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file to write.")

    def handle(self, *args, path, **options):
        target = Path(path)
        if target.exists():
            raise CommandError(f"{target} exists; choose a new file name.")
        if connection.vendor == "sqlite":
            self.backup_sqlite(target)
        elif connection.vendor == "postgresql":
            self.backup_postgresql(target)
        else:
            raise CommandError(f"No backup method for {connection.vendor}.")
        self.stdout.write(self.style.SUCCESS(f"Backup written to {target}."))

    def backup_sqlite(self, target):
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            # Copies page by page under SQLite's locking: consistent even while writing.
            connection.connection.backup(destination)
        finally:
            destination.close()

    def backup_postgresql(self, target):
        if not shutil.which("pg_dump"):
            raise CommandError("pg_dump is not installed (Debian: postgresql-client).")
        settings = connection.settings_dict
        command = ["pg_dump", "--format=custom", "--no-owner", f"--file={target}"]
        for option, key in [("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")]:
            if settings.get(key):
                command.append(f"{option}={settings[key]}")
        command.append(settings["NAME"])
        env = {"PGPASSWORD": settings["PASSWORD"]} if settings.get("PASSWORD") else {}
        result = subprocess.run(
            command, capture_output=True, text=True, env={**os.environ, **env}, check=False
        )
        if result.returncode:
            raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
