"""Whole public pages for readers without a session, cached and never stale.

The search results cache (search/cache.py) keys everything by a token that
every write to public content replaces inside the writing transaction (the search
index's write path is the one place that calls its ``bump()``: saving, deleting or
relinking an event, commentary or source, renaming a tag, actor, alias or person,
a moderation decision, a citation) and by the next moment a scheduled item becomes
public. This module widens that design from search results to every public page: a
page is stored under (token, next publication, today's date, scheme, host, full
path), so any change that could alter a page gives it a new key, and a rolled-back
write leaves the old one. It reads the token with the same one small query; a hit
then costs one cache read, no template work.

Only readers without a session cookie are served from it (no account, no messages:
the page is the same for every such reader), only GET, only 200 responses that set
no cookie (a form with a CSRF token sets one, so /suggest/ is never shared) and do
not ask to stay private. Staff previews always render afresh. The cache itself is
Django's (Redis in production), so a failing cache costs speed, never correctness.
``settings.PAGE_CACHE_SECONDS = 0`` turns it off.
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone

from archive import memo
from search import cache as content_version

log = logging.getLogger(__name__)
DEFAULT_SECONDS = 300
SKIP_PREFIXES = ("/admin/", "/static/")
KEEP_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language", "X-Robots-Tag", "Link")


def seconds() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", DEFAULT_SECONDS)


def bump() -> None:
    """Invalidate every cached page: the public-content token is the search index's (one place to bump it)."""
    content_version.bump()


def cacheable_request(request) -> bool:
    return (
        seconds() > 0
        and request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(SKIP_PREFIXES)
    )


def address(request) -> tuple:
    """What a kept page (or a page's kept content, archive/views/kept.py) is valid for besides the content
    version: scheme, host, full path with its query string, and today's date ("on this day" and anything
    dated "today" turn over at midnight)."""
    return request.scheme, request.get_host(), request.get_full_path(), timezone.localdate().isoformat()


def stored(response) -> tuple:
    """(content, status, the headers worth keeping): what a cache keeps of a response."""
    return response.content, response.status_code, [(h, response[h]) for h in KEEP_HEADERS if h in response]


def restored(content, status, headers) -> HttpResponse:
    """The response `stored` kept."""
    response = HttpResponse(content, status=status)
    for header, value in headers:
        response[header] = value
    return response


def _key(request, version: str) -> str:
    digest = hashlib.sha256(f"{version}|{address(request)!r}".encode()).hexdigest()
    return f"page:{digest}"


def _storable(response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "")
    return "private" not in control and "no-store" not in control


class PublicPageCacheMiddleware:
    """Serve and store public pages for readers without a session (place it last in MIDDLEWARE)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable_request(request):
            return self.get_response(request)
        try:
            version = content_version.state(timezone.now())
        except Exception:  # noqa: BLE001 — e.g. tables not migrated yet: serve uncached
            log.warning("page cache: no content version", exc_info=True)
            version = None
        if version is None:
            return self.get_response(request)
        memo.remember_version(request, version)  # a miss renders the page: its parts reuse this read
        name = _key(request, version)
        try:
            found = cache.get(name)
        except Exception:  # noqa: BLE001 — Redis unreachable: the page still renders
            log.warning("page cache unavailable", exc_info=True)
            return self.get_response(request)
        if found is not None:
            return restored(*found)
        response = self.get_response(request)
        if _storable(response):
            try:
                cache.set(name, stored(response), seconds())
            except Exception:  # noqa: BLE001
                log.warning("page cache unavailable", exc_info=True)
        return response
