"""Uploads kept on the server between preview and confirm, so a failed import can be tried again.

The text is too large for a hidden form field (Django refuses request bodies
over 2.5 MB of form data), so it is kept in a file named by a random token
and the editor's id; only the editor who uploaded it can read it back. Files
older than a day are removed when the next upload arrives. With several
servers, IMPORT_UPLOAD_DIR must be shared storage.
"""

from __future__ import annotations

import os
import re
import secrets
import tempfile
import time
from pathlib import Path

from django.conf import settings

MAX_AGE = 24 * 3600
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,40}$")


def _directory() -> Path:
    path = Path(getattr(settings, "IMPORT_UPLOAD_DIR", "") or Path(tempfile.gettempdir()) / "relations-imports")
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def _path(user, token: str) -> Path | None:
    if not _TOKEN.match(token or ""):
        return None
    return _directory() / f"{user.pk}-{token}.txt"


def keep(text: str, user) -> str:
    """Store the text for this user; returns the token the form carries."""
    directory = _directory()
    now = time.time()
    for old in directory.glob("*.txt"):
        try:
            if now - old.stat().st_mtime > MAX_AGE:
                old.unlink()
        except OSError:
            pass
    token = secrets.token_urlsafe(24)
    path = _path(user, token)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    return token


def load(token: str, user) -> str | None:
    """The stored text, or None when the token is unknown, expired or another editor's."""
    path = _path(user, token)
    if path is None or not path.exists():
        return None
    return path.read_text(encoding="utf-8")


def discard(token: str, user) -> None:
    path = _path(user, token)
    if path is not None:
        path.unlink(missing_ok=True)
