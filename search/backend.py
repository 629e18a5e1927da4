"""The narrow interface between the search service and an engine, and the choice of engine.

An engine answers three questions: which public documents match (ranked or
sorted, bounded), what to show for a page of them (with highlights), and
which indexed words look like a misspelled one. The engine is chosen by
``settings.SEARCH_BACKEND`` (a dotted path) or, by default, the database vendor.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import import_module

from django.conf import settings
from django.db import connection

# Above this many matches, counts read "1,000+" and relevance is computed on a bounded candidate set.
COUNT_CAP = 1000
# Never more than this many ranked ids per query (pages beyond are not offered).
MAX_RESULTS = 1000


@dataclass
class Matches:
    ids: list[int]
    total: int
    capped: bool = False  # more than COUNT_CAP matches: total is a lower bound
    bounded: bool = False  # relevance was computed on a bounded candidate set
    complete: bool = True  # some match holds every word typed (False: only partial matches were found)
    # Each id's packed facet values (SearchDocument.facet_list), in the same order, read with the ids for the
    # facet counts; the service drops them before the outcome is cached.
    facet_lists: list[str] = field(default_factory=list)


@dataclass
class Hit:
    id: int
    kind: str
    title_html: str
    snippet_html: str
    url: str
    date_display: str
    date_sort: object
    tags: list
    tag_links: list = field(default_factory=list)  # [(url, name), …], filled by the view


def sorted_matches(rows: list[tuple[int, str]]) -> Matches:
    """A date-sorted search from its first COUNT_CAP + 1 (id, facet_list) rows: the page and the count at once."""
    return Matches(
        ids=[row[0] for row in rows][:MAX_RESULTS],
        total=min(len(rows), COUNT_CAP),
        capped=len(rows) > COUNT_CAP,
        facet_lists=[row[1] for row in rows][:MAX_RESULTS],
    )


class SearchBackend:
    """What every engine implements (see postgres.py and sqlite.py)."""

    def match(self, parsed, filters: Mapping[str, list[str]] | None, sort: str) -> Matches:
        """Public documents matching the query and every selected facet value ({"tag": ["energy"], …}).

        Relevance order: documents whose title is the whole query, then those
        about the actor the query names, then those holding the words together,
        then those holding every word, then the rest; each group by score.
        With each id, its `facet_list` (Matches.facet_lists).
        """
        raise NotImplementedError

    def fetch(self, parsed, ids: list[int]) -> dict[int, Hit]:
        raise NotImplementedError

    def similar_words(self, word: str) -> list[str]:
        raise NotImplementedError

    # Writes: index.py writes the SearchDocument/SearchFacet rows (shared by every engine) and hands the
    # engine its own structures to keep in step, in the same transaction.

    def documents_written(self, documents: list) -> None:
        """New rows were inserted (`documents` carry their ids): index them in the engine's own structure."""
        raise NotImplementedError

    def documents_deleted(self, document_ids: list[int]) -> None:
        """These rows are about to be deleted: drop them from the engine's own structure."""
        raise NotImplementedError


ENGINES = {
    "postgresql": "search.postgres.PostgresBackend",
    "sqlite": "search.sqlite.SQLiteBackend",
}


def get_backend() -> SearchBackend:
    path = getattr(settings, "SEARCH_BACKEND", None) or ENGINES.get(connection.vendor)
    if not path:
        raise RuntimeError(f"No search engine for database vendor {connection.vendor!r}; set SEARCH_BACKEND.")
    module, _, name = path.rpartition(".")
    return getattr(import_module(module), name)()


def facet_filter(alias: str, filters: Mapping[str, list[str]] | None) -> tuple[str, list]:
    """SQL (`AND …`) keeping the rows of `alias` that carry every selected facet value, with its parameters."""
    sql, params = "", []
    for name, values in sorted((filters or {}).items()):
        for value in values:
            sql += f" AND {alias}.id IN (SELECT document_id FROM archive_searchfacet WHERE name = %s AND value = %s)"
            params += [name, value]
    return sql, params


def trigrams(word: str) -> set[str]:
    """pg_trgm's trigrams of one word: padded with two spaces before and one after."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    """pg_trgm's similarity(): shared trigrams over all trigrams."""
    ta, tb = trigrams(a), trigrams(b)
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


def load_tags(value) -> list:
    """Raw cursors return the JSON column as text on both databases."""
    return json.loads(value) if isinstance(value, str) else (value or [])
