"""A cache of finished searches, never stale: keyed by the index's generation token and the next publication time.

Every index write (index.reindex/remove) gives SearchGeneration a new random
token inside the writing transaction, so a search sees a new token exactly
when it can see the new rows, and a rolled-back write leaves the old token.
Scheduled items become public with no write at all, so the key also holds
the earliest `public_from` still in the future: once that moment passes the
key changes. One small query reads both per search; the cache itself is
Django's (Redis in production, per-process memory by default), so the
database, not the cache, decides what is current and per-process caches
cannot disagree. ``settings.SEARCH_CACHE_SECONDS = 0`` turns it off.
"""

from __future__ import annotations

import hashlib
import logging
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import connection

log = logging.getLogger(__name__)
ROW = 1
DEFAULT_SECONDS = 300

STATE_SQL = """SELECT g.token, (SELECT min(d.public_from) FROM archive_searchdocument d WHERE d.public_from > %s)
FROM archive_searchgeneration g WHERE g.id = %s"""


def seconds() -> int:
    return getattr(settings, "SEARCH_CACHE_SECONDS", DEFAULT_SECONDS)


def bump() -> None:
    """Give the index a new token, in the caller's transaction (called by every index write)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO archive_searchgeneration (id, token) VALUES (%s, %s) "
            "ON CONFLICT (id) DO UPDATE SET token = excluded.token",
            [ROW, secrets.token_hex(16)],
        )


def state(now) -> str | None:
    """The index's token and its next publication time as one key part; None when the cache is off or unusable."""
    if seconds() <= 0:
        return None
    return read_state(now)


def read_state(now) -> str | None:
    """The same key part, read whichever cache asks (the page cache and archive/memo.py share it)."""
    with connection.cursor() as cursor:
        cursor.execute(STATE_SQL, [connection.ops.adapt_datetimefield_value(now), ROW])
        row = cursor.fetchone()
    if row is None:  # no token yet (an emptied database): nothing can be trusted
        return None
    return f"{row[0]}:{row[1]}"


def key(version: str, *parts) -> str:
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"search:{digest}:{hashlib.sha256(version.encode()).hexdigest()[:24]}"


def remember(version: str | None, parts: tuple, compute):
    """compute(), or its result cached under this version of the index; a failing cache only costs speed."""
    if version is None:
        return compute()
    return get_or_compute(key(version, *parts), compute, seconds(), "search cache")


def get_or_compute(name: str, compute, timeout: int, what: str):
    """The cached value under `name`, or compute() stored there; an unreachable cache only costs speed."""
    try:
        found = cache.get(name)
    except Exception:  # noqa: BLE001 — e.g. Redis unreachable: the page still works, uncached
        log.warning("%s unavailable", what, exc_info=True)
        return compute()
    if found is not None:
        return found
    value = compute()
    try:
        cache.set(name, value, timeout)
    except Exception:  # noqa: BLE001
        log.warning("%s unavailable", what, exc_info=True)
    return value
