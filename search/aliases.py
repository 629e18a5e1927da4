"""Alias expansion: any spelling of an actor finds text using any other spelling.

Lukashenka, Lukashenko, Aliaksandr, Лукашенко … all belong to one actor, so a
query item equal to one of them becomes an OR of all of them; a whole query
equal to one (`union state`) adds them as one more alternative. The parsed
query records which other spellings were searched (the page says so) and, when
the whole query names an actor, that actor (its documents rank first).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from archive.models import ActorAlias

from .query import Clause, ParsedQuery, Term, normalized_key
from .text import words


@dataclass(frozen=True)
class Spellings:
    names: tuple[str, ...]  # every spelling of the actors it names, sorted
    actors: tuple[str, ...]  # their slugs


def spelling_groups() -> dict[str, Spellings]:
    """Normalized spelling → every spelling of the actors it names and their slugs (one query)."""
    by_actor: dict[int, set[str]] = defaultdict(set)
    slugs: dict[int, str] = {}
    for actor_id, alias, actor_name, slug in ActorAlias.objects.values_list(
        "actor_id", "name", "actor__name", "actor__slug"
    ):
        by_actor[actor_id].update((alias, actor_name))
        slugs[actor_id] = slug
    names: dict[str, set[str]] = defaultdict(set)
    actors: dict[str, set[str]] = defaultdict(set)
    for actor_id, spellings in by_actor.items():
        for spelling in spellings:
            names[normalized_key(spelling)].update(spellings)
            actors[normalized_key(spelling)].add(slugs[actor_id])
    return {key: Spellings(tuple(sorted(names[key])), tuple(sorted(actors[key]))) for key in names if key}


def _alternatives(terms: list[Term], groups: dict[str, Spellings], used: list[str]) -> tuple[list[Term], set[str]]:
    expanded = list(terms)
    seen = {term.words for term in terms}
    actors: set[str] = set()
    for term in terms:
        group = groups.get(" ".join(term.words))
        if group is None:
            continue
        actors.update(group.actors)
        for spelling in group.names:
            candidate = Term(tuple(words(spelling)))
            if candidate.words and candidate.words not in seen:
                seen.add(candidate.words)
                expanded.append(candidate)
                used.append(spelling)
    return expanded, actors


def expand_aliases(parsed: ParsedQuery, groups: dict[str, Spellings] | None = None) -> ParsedQuery:
    """Add the other spellings of any actor named in the query, as alternatives (or exclusions).

    groups: spelling_groups(), when the caller has them already (the service caches them).
    """
    if parsed.is_empty:
        return parsed
    if groups is None:
        groups = spelling_groups()
    used: list[str] = []
    named: set[str] = set()
    for clause in parsed.clauses:
        clause.terms, actors = _alternatives(clause.terms, groups, used)
        if len(parsed.clauses) == 1:
            named |= actors
    whole = " ".join(parsed.sequence)
    if parsed.several and whole in groups:
        # The whole query is a name of several words (union state): its spellings as one more alternative.
        terms, actors = _alternatives([Term(parsed.sequence)], groups, used)
        parsed.clauses.append(Clause(terms, name=True))
        named |= actors
    parsed.excluded, _ = _alternatives(parsed.excluded, groups, [])
    parsed.aliases_used = list(dict.fromkeys(used))
    parsed.actors = sorted(named)
    return parsed
