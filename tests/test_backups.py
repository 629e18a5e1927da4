"""manage.py backup / restore: the demo archive backed up live, restored into an empty database, is the same
archive — every table's row count, every public page and every search result — with no rebuild step."""

import json
import re

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection

from archive import backups

pytestmark = pytest.mark.django_db(transaction=True)  # pg_dump reads committed rows only
QUERIES = ["gas", "Lukashenka", "union state", "milk OR oil", "treaty -gas", "Minsk"]
EXTRA_PAGES = [
    "/", "/commentary/", "/events/", "/timeline/", "/sources/", "/tags/", "/sitemap.xml", "/robots.txt",
    "/commentary/feed/rss/", "/events/feed/atom/", "/events/export.csv", "/events/export.jsonl",
    "/events/timelinejs.json", "/actors/belarus/russia/", "/events/?tag=energy&date_from=1995",
]  # fmt: skip


def row_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def public_snapshot(client) -> dict[str, object]:
    """Every page in the sitemap plus lists, feeds and exports, and the search results (JSON) for a few queries."""
    cache.clear()  # nothing served from before: pages and searches come from the database as it now is
    index = client.get("/sitemap.xml").content.decode()
    sections = [re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>([^<]+)</loc>", index)]
    sitemap = "".join(client.get(section).content.decode() for section in sections)
    pages = sorted({re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)})
    snapshot = {}
    for url in [*pages, *EXTRA_PAGES]:
        response = client.get(url)
        snapshot[url] = (response.status_code, response.content)
    for query in QUERIES:
        for sort in ("relevance", "newest"):
            data = client.get("/search/", {"q": query, "sort": sort, "format": "json"}).json()
            snapshot[f"search {query} {sort}"] = json.dumps(data, sort_keys=True)
            snapshot[f"search page {query} {sort}"] = client.get("/search/", {"q": query, "sort": sort}).content
    return snapshot


def empty_the_database():
    """Drop every table (independently of the restore code), leaving a database like a freshly created one."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            tables = cursor.fetchall()
            virtual = [name for name, sql in tables if sql and sql.upper().startswith("CREATE VIRTUAL")]
            for name in virtual:  # dropping an FTS table drops its shadow tables too
                cursor.execute(f'DROP TABLE IF EXISTS "{name}"')
            for name, _ in tables:
                cursor.execute(f'DROP TABLE IF EXISTS "{name}"')
            cursor.execute("PRAGMA foreign_keys = ON")
    assert backups.table_names() == []


def test_backup_then_restore_into_an_empty_database_is_the_same_archive(client, tmp_path, demo):
    counts, before = row_counts(), public_snapshot(client)
    assert counts["archive_searchdocument"] > 0 and counts["archive_event"] > 0
    assert sum(1 for url in before if url.startswith("/events/") and before[url][0] == 200) > 10
    target = tmp_path / "archive.backup"
    call_command("backup", str(target), stdout=open("/dev/null", "w"))
    assert target.stat().st_size > 0

    empty_the_database()
    call_command("restore", str(target), stdout=open("/dev/null", "w"))

    assert row_counts() == counts
    after = public_snapshot(client)
    assert after.keys() == before.keys()
    different = [url for url in before if before[url] != after[url]]
    assert not different
    assert json.loads(after["search gas relevance"])["total"] > 0


def test_restore_refuses_a_database_with_tables_unless_replacing(client, tmp_path, demo):
    target = tmp_path / "archive.backup"
    call_command("backup", str(target), stdout=open("/dev/null", "w"))
    counts = row_counts()
    with pytest.raises(CommandError, match="already has .* tables.*--replace"):
        call_command("restore", str(target))
    # Changes made after the backup are undone by a replacing restore.
    from archive.models import Tag

    Tag.objects.create(name="After the backup", slug="after-the-backup")
    call_command("restore", str(target), "--replace", stdout=open("/dev/null", "w"))
    assert row_counts() == counts
    assert not Tag.objects.filter(slug="after-the-backup").exists()


def test_restore_refuses_what_is_not_a_backup(tmp_path, db):
    junk = tmp_path / "notes.txt"
    junk.write_text("not a backup")
    with pytest.raises(CommandError, match="not a backup made by manage.py backup"):
        call_command("restore", str(junk), "--replace")
    with pytest.raises(CommandError, match="No backup file"):
        call_command("restore", str(tmp_path / "missing.backup"))
    other = tmp_path / "other-engine.backup"
    other.write_bytes(backups.SQLITE_MAGIC if connection.vendor == "postgresql" else b"PGDMP\x01\x0e")
    with pytest.raises(CommandError, match="restores onto the engine that made it"):
        call_command("restore", str(other), "--replace")
