"""One search, from request parameters to a page of hits with facets: the package's public entry point."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import F
from django.utils.html import escape
from django.utils.text import Truncator

from . import cache
from .aliases import expand_aliases, spelling_groups
from .backend import COUNT_CAP, MAX_RESULTS, Hit, Matches, get_backend
from .facets import Facet, FacetFilterSet, count_facets
from .models import SearchDocument
from .query import ParsedQuery, parse
from .suggest import suggest

PER_PAGE = 10
SORTS = {"relevance": "Relevance", "newest": "Newest first", "oldest": "Oldest first"}
FEW_RESULTS = 3
MAX_ALIASES_SHOWN = 8


@dataclass
class SearchOutcome:
    query: str
    parsed: ParsedQuery
    sort: str
    matches: Matches
    page: Page
    hits: list[Hit]
    facets: list[Facet]
    selected: dict[str, list[str]]
    suggestion: str | None = None
    notices: list[str] = field(default_factory=list)

    @property
    def total_label(self) -> str:
        if self.matches.capped:
            return f"{COUNT_CAP:,}+ results"
        return f"{self.matches.total:,} result{'' if self.matches.total == 1 else 's'}"


def _browse(filterset: FacetFilterSet, sort: str) -> Matches:
    """An empty query lists everything public that passes the filters, newest first unless asked otherwise."""
    date = F("date_sort")
    order = (date.asc(nulls_last=True), "id") if sort == "oldest" else (date.desc(nulls_last=True), "-id")
    queryset = filterset.qs.order_by(*order)
    rows = list(queryset.values_list("id", "facet_list")[:MAX_RESULTS])
    total = len(rows) if len(rows) < MAX_RESULTS else queryset.values("id")[: COUNT_CAP + 1].count()
    return Matches(
        ids=[row[0] for row in rows],
        total=min(total, COUNT_CAP),
        capped=total > COUNT_CAP,
        facet_lists=[row[1] for row in rows],
    )


def _browse_hits(ids: list[int]) -> dict[int, Hit]:
    docs = SearchDocument.objects.filter(id__in=ids).only(
        "id", "kind", "title", "summary", "url", "date_display", "date_sort", "tags"
    )
    return {
        d.id: Hit(
            d.id,
            d.kind,
            escape(d.title),
            escape(Truncator(d.summary).words(40)),
            d.url,
            d.date_display,
            d.date_sort,
            d.tags,
        )
        for d in docs
    }


def _as_date(value):
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


class Search:
    """One search request: its outcome and anything derived from it, cached per version of the index.

    The caller reads the version (cache.state) once, before anything the
    search reads, including the filter set's queryset; what is cached under
    it can only have been computed from that version or a later one: an item
    falling due in between shows, at worst, a moment early — never goes
    missing from the cache.
    """

    def __init__(self, query: str, filterset: FacetFilterSet, sort: str, page_number, base_params, version):
        self.query, self.filterset, self.sort = query, filterset, sort
        self.page_number, self.base_params = page_number, base_params
        self.selected = filterset.selected()
        self.version = version
        self.key = (query, sort, str(page_number), sorted(self.selected.items()), list(base_params.items()))
        self._outcome = None

    def remember(self, name: str, compute):
        """compute() (e.g. the rendered results), cached under this search and this version of the index."""
        return cache.remember(self.version, (*self.key, name), compute)

    def outcome(self) -> SearchOutcome:
        if self._outcome is None:
            self._outcome = self.remember("outcome", self._compute)
        return self._outcome

    def _compute(self) -> SearchOutcome:
        return _run_search(
            self.query, self.filterset, self.selected, self.sort, self.page_number, self.base_params, self.version
        )


_groups: tuple[str | None, dict] = (None, {})


def _spelling_groups(version):
    """The alias table, loaded once per version of the index in each process (alias changes change the version)."""
    global _groups
    if version is None:
        return spelling_groups()
    if _groups[0] != version:
        _groups = (version, spelling_groups())
    return _groups[1]


def _run_search(query, filterset, selected, sort, page_number, base_params, version) -> SearchOutcome:
    """Match, rank (bounded), page, highlight and count facets, in a fixed number of queries."""
    backend = get_backend()
    original = parse(query)
    parsed = parse(query)
    if not parsed.is_empty:
        parsed = expand_aliases(parsed, _spelling_groups(version))
    notices = []
    if original.truncated:
        notices.append("Your query was long, so only its beginning was used.")
    if parsed.only_stop_words:
        notices.append(
            f"“{', '.join(parsed.stop_words)}”: words this common are not searched for. Add a more specific word."
        )
        matches = Matches(ids=[], total=0)
    elif parsed.is_empty:
        if query.strip():
            notices.append("Your query has no words to search for, so everything is listed.")
        matches = _browse(filterset, sort)
    elif parsed.only_exclusions:
        notices.append("Add a word to search for: excluding words alone does not narrow anything down.")
        matches = Matches(ids=[], total=0)
    else:
        matches = backend.match(parsed, selected, sort)
        if parsed.aliases_used:
            notices.append("Also searched for: " + ", ".join(parsed.aliases_used[:MAX_ALIASES_SHOWN]) + ".")
        if matches.total and not matches.complete:
            notices.append("No document has every word; these are the best partial matches.")
    page = Paginator(matches.ids, PER_PAGE).get_page(page_number)
    shown = list(page.object_list)
    found = _browse_hits(shown) if parsed.is_empty else backend.fetch(parsed, shown)
    hits = [found[i] for i in shown if i in found]
    for hit in hits:
        hit.date_sort = _as_date(hit.date_sort)
    facets = count_facets(matches.facet_lists, selected, base_params)
    matches = dataclasses.replace(matches, facet_lists=[])  # counted: not worth keeping in the results cache
    suggestion = None
    if original.clauses and (matches.total < FEW_RESULTS or not matches.complete):
        suggestion = suggest(original, backend)
    return SearchOutcome(query, parsed, sort, matches, page, hits, facets, selected, suggestion, notices)
