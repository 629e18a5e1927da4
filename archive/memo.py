"""Parts of public pages cached under the public-content version, so never stale.

The page cache (archive/page_cache.py) serves whole pages to readers without a
session. Everyone else (a reader with a session, a filtered list whose query
string no one asked for yet) still renders the page, and some of its parts cost
more than the rest of the page together while depending only on public content:
the filter forms' choices ("tags in use", "actors in use": two ``Exists``
subqueries each) and an article's Markdown body with its footnotes. They are kept
here under the same key part as the page cache and the search cache
(search.cache.read_state: the token every write to public content replaces in its
transaction, plus the next scheduled publication), so any change that could alter
them gives them a new key and a rolled-back write leaves the old one. A part that depends on the
date ("on this day") names the date in its key.

Only what a reader without staff rights sees is kept: staff previews compute afresh
(drafts must never leak into a public part). The version is read once per request
(the page cache reads it too and leaves it on the request). A failing cache costs
speed, never correctness. ``settings.MEMO_CACHE_SECONDS = 0`` turns it off.
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.utils import timezone

from archive import visibility
from search import cache as content_version

log = logging.getLogger(__name__)
DEFAULT_SECONDS = 300
ATTRIBUTE = "_public_content_version"
UNREAD = object()


def seconds() -> int:
    return getattr(settings, "MEMO_CACHE_SECONDS", DEFAULT_SECONDS)


def version(request) -> str | None:
    """The public-content version for this request (one query, once per request); None when unusable."""
    found = getattr(request, ATTRIBUTE, UNREAD)
    if found is UNREAD:
        try:
            found = content_version.read_state(timezone.now())
        except Exception:  # noqa: BLE001 — e.g. tables not migrated yet: compute uncached
            log.warning("memo: no content version", exc_info=True)
            found = None
        remember_version(request, found)
    return found


def remember_version(request, value: str | None) -> None:
    setattr(request, ATTRIBUTE, value)


def remember(request, parts: tuple, compute):
    """compute(), or its result kept under the current public-content version (public viewers only)."""
    if seconds() <= 0 or visibility.can_preview(request):
        return compute()
    current = version(request)
    if current is None:
        return compute()
    name = "memo:" + hashlib.sha256(f"{current}|{parts!r}".encode()).hexdigest()
    return content_version.get_or_compute(name, compute, seconds(), "memo cache")
