"""Parse what a reader typed into a small, engine-independent query tree.

Supported: words (all must match), "exact phrases", OR between two items,
-exclusion. Everything else (operators of tsquery or FTS5, brackets, stars,
colons, NEAR, SQL) is treated as plain text: only word characters survive,
and each engine receives them as bound parameters or quoted strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import clean, fold, words

MAX_QUERY_LENGTH = 500
MAX_ITEMS = 16
TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Term:
    """A word or a phrase (several words that must be adjacent)."""

    words: tuple[str, ...]

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass
class Clause:
    """Alternatives of which one must match (one alternative unless OR or an alias was used)."""

    terms: list[Term]


@dataclass
class ParsedQuery:
    raw: str
    clauses: list[Clause] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)
    truncated: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.clauses and not self.excluded

    @property
    def only_exclusions(self) -> bool:
        return not self.clauses and bool(self.excluded)

    def all_words(self) -> list[str]:
        return [w for clause in self.clauses for term in clause.terms for w in term.words]


def _term(text: str) -> Term | None:
    found = tuple(w for w in words(text))[:8]
    return Term(found) if found else None


def parse(raw: str) -> ParsedQuery:
    text = clean(raw or "")
    truncated = len(text) > MAX_QUERY_LENGTH
    text = text[:MAX_QUERY_LENGTH]
    parsed = ParsedQuery(raw=text.strip(), truncated=truncated)
    pending_or = False
    for match in TOKEN.finditer(text):
        negated, quoted, bare = match.group(1), match.group(2), match.group(3)
        if bare is not None:
            if bare == "OR":
                pending_or = bool(parsed.clauses)
                continue
            negated = "-" if bare.startswith("-") and len(bare) > 1 else ""
            bare = bare[1:] if negated else bare
            # A bare token like foo-bar or C++ is split into words; several words from one token must stay together.
            term = _term(bare)
        else:
            term = _term(quoted)
        if term is None:
            continue
        if len(parsed.clauses) + len(parsed.excluded) >= MAX_ITEMS:
            parsed.truncated = True
            break
        if negated:
            parsed.excluded.append(term)
            pending_or = False
        elif pending_or:
            parsed.clauses[-1].terms.append(term)
            pending_or = False
        else:
            parsed.clauses.append(Clause([term]))
    return parsed


def normalized_key(text: str) -> str:
    """The form used to compare a query item with an alias."""
    return " ".join(words(fold(text)))
