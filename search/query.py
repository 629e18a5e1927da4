"""Parse what a reader typed into a small, engine-independent query tree.

Readers type questions, so plain words are *optional*: a document matches
when it holds any of them, and the engines rank documents holding every word
(and those words together) first. Stop words never decide whether a document
matches. Explicit syntax keeps its meaning: a "quoted phrase" (or quoted
word) must occur, -word or -"a phrase" excludes, OR joins two items into
alternatives. A hyphen inside a word (Belarus-Russia) only separates words;
a dash in running text ("gas - oil", "war --then") excludes nothing.
Everything else (operators of tsquery or FTS5, brackets, stars, colons,
NEAR, SQL) is treated as plain text: only word characters survive, and each
engine receives them as bound parameters or quoted strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import STOP_WORDS, clean, fold, words

MAX_QUERY_LENGTH = 500
# Items that take part in matching (words, phrases, exclusions; stop words do not count): a 30-word question fits.
MAX_ITEMS = 32
MAX_PHRASE_WORDS = 8
MAX_WEIGHT = 8
# The whole query as one phrase (the proximity tier) only for short plain queries.
MAX_PROXIMITY_WORDS = 8
TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
EXCLUSION = re.compile(r"-\w", re.UNICODE)


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
    """Alternatives of which one counts (one alternative unless OR or an alias was used).

    required: the reader quoted it, so a document must hold it; other clauses only rank.
    """

    terms: list[Term]
    required: bool = False
    name: bool = False  # added by aliases.py: the spellings of the name the whole query is (not a typed word)
    weight: int = 1  # how often it was typed: a word a question repeats counts more (as in BM25's query term frequency)


@dataclass
class ParsedQuery:
    raw: str
    clauses: list[Clause] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)
    truncated: bool = False
    stop_words: list[str] = field(default_factory=list)  # typed but ignored for matching
    # Every word typed, in order, stop words included, when the query used no syntax at all (else empty).
    sequence: tuple[str, ...] = ()
    # Filled by aliases.expand_aliases: the other spellings searched, and the actors the whole query names.
    aliases_used: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.clauses and not self.excluded

    @property
    def only_exclusions(self) -> bool:
        return not self.clauses and bool(self.excluded)

    @property
    def only_stop_words(self) -> bool:
        return self.is_empty and bool(self.stop_words)

    @property
    def required(self) -> list[Clause]:
        return [c for c in self.clauses if c.required]

    @property
    def optional(self) -> list[Clause]:
        return [c for c in self.clauses if not c.required]

    @property
    def several(self) -> bool:
        """More than one clause: "every word" differs from "any word"."""
        return len(self.clauses) > 1

    def all_words(self) -> list[str]:
        return [w for clause in self.clauses for term in clause.terms for w in term.words]

    def typed(self) -> list[Clause]:
        """The clauses the reader typed (not the whole-name alternatives added for aliases)."""
        return [c for c in self.clauses if not c.name]

    def whole(self) -> list[Term]:
        """The whole query as alternatives to find in titles: one item, its words in order, or its name's spellings."""
        for clause in self.clauses:
            if clause.name:
                return clause.terms
        if len(self.clauses) == 1:
            return self.clauses[0].terms
        return [Term(self.sequence[:MAX_PHRASE_WORDS])] if self.sequence else []

    def proximity(self) -> tuple[str, ...]:
        """The words to find together, in order (stop words included), or () when the tier does not apply."""
        if len(self.typed()) > 1 and len(self.sequence) <= MAX_PROXIMITY_WORDS:
            return self.sequence
        return ()


def _words(text: str) -> tuple[str, ...]:
    return tuple(words(text))[:MAX_PHRASE_WORDS]


def parse(raw: str) -> ParsedQuery:
    text = clean(raw or "")
    truncated = len(text) > MAX_QUERY_LENGTH
    text = text[:MAX_QUERY_LENGTH]
    parsed = ParsedQuery(raw=text.strip(), truncated=truncated)
    plain, sequence = True, []
    seen: dict[tuple, Clause] = {}
    pending_or = False

    def add(clause: Clause) -> bool:
        nonlocal pending_or
        key = (clause.required, tuple(t.words for t in clause.terms))
        if pending_or and parsed.clauses:
            last = parsed.clauses[-1]
            last.terms.extend(t for t in clause.terms if t not in last.terms)
            last.required = last.required and clause.required
            pending_or = False
            return True
        pending_or = False
        if key in seen:
            seen[key].weight = min(MAX_WEIGHT, seen[key].weight + 1)
            return True
        if len(parsed.clauses) + len(parsed.excluded) >= MAX_ITEMS:
            parsed.truncated = True
            return False
        seen[key] = clause
        parsed.clauses.append(clause)
        return True

    for match in TOKEN.finditer(text):
        negated, quoted, bare = match.group(1), match.group(2), match.group(3)
        if bare is not None and bare == "OR":
            pending_or = bool(parsed.clauses)
            plain = False
            continue
        if bare is not None:
            negated = EXCLUSION.match(bare) is not None
            found = _words(bare[1:] if negated else bare)
            if not found:
                continue
            if negated:
                plain = False
                if len(parsed.clauses) + len(parsed.excluded) >= MAX_ITEMS:
                    parsed.truncated = True
                    break
                parsed.excluded.append(Term(found))
                pending_or = False
                continue
            sequence.extend(found)
            # foo-bar, C++, Belarus–Russia: separate words, each optional (the proximity tier ranks them together).
            for word in found:
                if word in STOP_WORDS:
                    if word not in parsed.stop_words:
                        parsed.stop_words.append(word)
                    continue
                if not add(Clause([Term((word,))])):
                    break
            else:
                continue
            break
        else:
            plain = False
            found = _words(quoted)
            if not found:
                continue
            if not negated and all(w in STOP_WORDS for w in found) and len(found) == 1:
                parsed.stop_words.extend(w for w in found if w not in parsed.stop_words)
                continue
            if negated:
                if len(parsed.clauses) + len(parsed.excluded) >= MAX_ITEMS:
                    parsed.truncated = True
                    break
                parsed.excluded.append(Term(found))
                pending_or = False
            elif not add(Clause([Term(found)], required=True)):
                break
    if plain:
        parsed.sequence = tuple(sequence)
    return parsed


def normalized_key(text: str) -> str:
    """The form used to compare a query item with an alias."""
    return " ".join(words(fold(text)))
