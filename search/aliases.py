"""Alias expansion: any spelling of an actor finds text using any other spelling.

Lukashenka, Lukashenko, Aliaksandr, Лукашенко … all belong to one actor, so a
query item equal to one of them becomes an OR of all of them.
"""

from __future__ import annotations

from collections import defaultdict

from archive.models import ActorAlias

from .query import ParsedQuery, Term, normalized_key
from .text import words


def spelling_groups() -> dict[str, list[str]]:
    """Normalized spelling → every spelling of the actors it names (one query)."""
    by_actor: dict[int, set[str]] = defaultdict(set)
    for actor_id, alias, actor_name in ActorAlias.objects.values_list("actor_id", "name", "actor__name"):
        by_actor[actor_id].update((alias, actor_name))
    groups: dict[str, set[str]] = defaultdict(set)
    for spellings in by_actor.values():
        for spelling in spellings:
            groups[normalized_key(spelling)].update(spellings)
    return {key: sorted(value) for key, value in groups.items() if key}


def _expand(terms: list[Term], groups: dict[str, list[str]]) -> list[Term]:
    expanded = list(terms)
    seen = {term.words for term in terms}
    for term in terms:
        for spelling in groups.get(" ".join(term.words), []):
            candidate = Term(tuple(words(spelling)))
            if candidate.words and candidate.words not in seen:
                seen.add(candidate.words)
                expanded.append(candidate)
    return expanded


def expand_aliases(parsed: ParsedQuery, groups: dict[str, list[str]] | None = None) -> ParsedQuery:
    """Add the other spellings of any actor named in the query, as alternatives (or exclusions).

    groups: spelling_groups(), when the caller has them already (the service caches them).
    """
    if parsed.is_empty:
        return parsed
    if groups is None:
        groups = spelling_groups()
    for clause in parsed.clauses:
        clause.terms = _expand(clause.terms, groups)
    parsed.excluded = _expand(parsed.excluded, groups)
    return parsed
