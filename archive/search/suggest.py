"""Did you mean: replace query words missing from the index vocabulary by the closest indexed word."""

from __future__ import annotations

import re

from .backend import SearchBackend
from .models import SearchTerm
from .query import ParsedQuery
from .text import STOP_WORDS, fold


def suggest(parsed: ParsedQuery, backend: SearchBackend) -> str | None:
    """A corrected query string, or None when every word is known or nothing close exists."""
    candidates = [w for w in dict.fromkeys(parsed.all_words()) if len(w) > 2 and w not in STOP_WORDS]
    if not candidates or len(candidates) > 6:
        return None
    known = set(SearchTerm.objects.filter(word__in=candidates).values_list("word", flat=True))
    corrections = {}
    for word in candidates:
        if word in known or word.isdigit():
            continue
        similar = [w for w in backend.similar_words(word) if w != word]
        if similar:
            corrections[word] = similar[0]
    if not corrections:
        return None

    def replace(match: re.Match) -> str:
        typed = match.group(0)
        fixed = corrections.get(fold(typed))
        if fixed is None:
            return typed
        return fixed.capitalize() if typed[:1].isupper() else fixed

    return re.sub(r"\w+", replace, parsed.raw)
