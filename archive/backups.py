"""Whole-database backups that restore exactly: every table, the search index and its vocabulary included.

Each engine's own tool makes the copy, because only it copies everything byte for byte (sequences,
PostgreSQL's tsvector columns and indexes, SQLite's FTS5 tables and triggers) and does it from a live
site without stopping it:

- PostgreSQL: ``pg_dump --format=custom`` (one consistent snapshot, taken while the site runs) and
  ``pg_restore --single-transaction`` (all or nothing). The client tools must be the server's major
  version or newer.
- SQLite: the online backup API (``sqlite3.Connection.backup``), page by page under SQLite's own
  locking, into a plain database file; restoring copies that file's pages back the same way.

A backup restores onto the same engine only (it says which in its first bytes); moving between engines
is a ``dumpdata``/``loaddata`` job. Restore wants an empty database (no tables) unless told to replace
what is there, so a mistyped ``DATABASE_URL`` cannot overwrite a live archive silently.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection

POSTGRES_MAGIC = b"PGDMP"
SQLITE_MAGIC = b"SQLite format 3\x00"


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


def engine() -> str:
    vendor = connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        raise BackupError(f"No backup method for the {vendor} database engine.")
    return vendor


def _pg_command(tool: str) -> tuple[list[str], dict[str, str]]:
    path = shutil.which(tool)
    if path is None:
        raise BackupError(f"{tool} is not installed (Debian: apt-get install postgresql-client).")
    s = connection.settings_dict
    args = [path, "--no-password"]
    if s.get("HOST"):
        args += ["--host", s["HOST"]]
    if s.get("PORT"):
        args += ["--port", str(s["PORT"])]
    if s.get("USER"):
        args += ["--username", s["USER"]]
    env = {**os.environ}
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = s["PASSWORD"]
    return args, env


def _run(args, env=None) -> None:
    result = subprocess.run(args, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} failed: {result.stderr.strip() or result.stdout.strip()}")


def backup(target: Path) -> str:
    """Write a backup of the whole database to `target` (replacing it atomically); returns the engine."""
    kind = engine()
    target = Path(target)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        if kind == "postgresql":
            args, env = _pg_command("pg_dump")
            name = connection.settings_dict["NAME"]
            _run([*args, "--format=custom", "--no-owner", "--no-acl", f"--file={partial}", name], env)
        else:
            connection.ensure_connection()
            with sqlite3.connect(partial) as copy:
                connection.connection.backup(copy)
            copy.close()
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return kind


def backup_engine(source: Path) -> str:
    """Which engine a backup file came from, from its first bytes."""
    with open(source, "rb") as f:
        head = f.read(len(SQLITE_MAGIC))
    if head.startswith(POSTGRES_MAGIC):
        return "postgresql"
    if head == SQLITE_MAGIC:
        return "sqlite"
    raise BackupError(f"{source} is not a backup made by manage.py backup (neither pg_dump nor SQLite).")


def table_names() -> list[str]:
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def _empty_database() -> None:
    """Drop every table (and, on PostgreSQL, everything else in the schema) before a replacing restore."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
        # SQLite: the backup API replaces every page of the database, so nothing needs dropping.


def restore(source: Path, replace: bool = False) -> str:
    """Restore a backup into this database: empty, or replaced when `replace`; returns the engine."""
    kind = engine()
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"No backup file at {source}.")
    made_by = backup_engine(source)
    if made_by != kind:
        raise BackupError(
            f"{source} is a {made_by} backup but this database is {kind}; a backup restores onto the engine "
            "that made it (use dumpdata/loaddata to move between engines)."
        )
    existing = table_names()
    if existing and not replace:
        raise BackupError(
            f"The database already has {len(existing)} tables. Restore into an empty database, "
            "or pass --replace to overwrite everything in it."
        )
    if kind == "postgresql":
        if existing:
            _empty_database()
        connection.close()  # pg_restore works through its own connection; ours reconnects afterwards
        args, env = _pg_command("pg_restore")
        name = connection.settings_dict["NAME"]
        _run([*args, "--no-owner", "--no-acl", "--single-transaction", "--exit-on-error", f"--dbname={name}",
              str(source)], env)  # fmt: skip
    else:
        connection.ensure_connection()
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as backup_file:
            backup_file.backup(connection.connection)
        backup_file.close()
    connection.close()
    return kind
