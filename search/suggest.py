"""Did you mean: replace query words the public cannot find by the closest word it can.

Only words some public document contains now count, as known words and as
corrections (vocabulary.public_words): a suggestion must not reveal a draft.
"""

from __future__ import annotations

import re

from .backend import SearchBackend
from .query import ParsedQuery
from .text import STOP_WORDS, fold
from .vocabulary import public_words


def suggest(parsed: ParsedQuery, backend: SearchBackend) -> str | None:
    """A corrected query string, or None when every word is known or nothing close exists."""
    candidates = [w for w in dict.fromkeys(parsed.all_words()) if len(w) > 2 and w not in STOP_WORDS]
    if not candidates or len(candidates) > 6:
        return None
    known = public_words(candidates)
    similar = {
        word: [w for w in backend.similar_words(word) if w != word]
        for word in candidates
        if word not in known and not word.isdigit()
    }
    visible = public_words(w for options in similar.values() for w in options)
    corrections = {}
    for word, options in similar.items():
        found = next((w for w in options if w in visible), None)
        if found:
            corrections[word] = found
    if not corrections:
        return None

    def replace(match: re.Match) -> str:
        typed = match.group(0)
        fixed = corrections.get(fold(typed))
        if fixed is None:
            return typed
        return fixed.capitalize() if typed[:1].isupper() else fixed

    return re.sub(r"\w+", replace, parsed.raw)
