"""Links to the outside world: only http(s) addresses ever become links.

A stored URL is entered by people (editors, moderators, readers' suggestions)
or copied by a merge or an import; validation keeps other schemes out of
forms, and `http_url` keeps them out of every page, feed, export and metadata
block in case one is in the database anyway (a `javascript:` or `data:`
address in an href runs in the reader's browser).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError

SCHEMES = ("http", "https")
_UNSAFE = re.compile(r"[\x00-\x20\x7f]")  # browsers drop these inside schemes, so "java\tscript:" would run


def http_url(value) -> str:
    """The value if it is an absolute http(s) URL with a host, else "" (show nothing rather than a bad link)."""
    value = (value or "").strip()
    if not value or _UNSAFE.search(value):
        return ""
    try:
        parts = urlsplit(value)
    except ValueError:
        return ""
    if parts.scheme.lower() not in SCHEMES or not parts.hostname:
        return ""
    return value


def validate_http_url(value) -> None:
    """Model validator: URLField alone also accepts ftp:// and ftps://; the archive links http(s) only."""
    if value and not http_url(value):
        raise ValidationError("Give an http:// or https:// address.", code="http_url")
