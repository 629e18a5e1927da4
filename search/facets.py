"""Facet filters (django-filter) and facet counts computed on the already-filtered matches.

Each facet value of a document is stored twice, by index.py in the same write:
as a SearchFacet row, which the filters look up (repeated values of a facet
must all hold: tags AND), and packed into the document's own `facet_list`
column, which the engines read with the matches they return, so counting
the facets of up to 1,000 matches needs no second lookup (bench/README.md,
issue 11: a GROUP BY over the matches' facet rows cost 3–7 ms a page).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef

from .models import SearchDocument, SearchFacet

FACETS = {
    "type": "Type",
    "tag": "Tag",
    "actor": "Actor",
    "decade": "Decade",
    "year": "Year",
    "event_type": "Event type",
    "source_kind": "Source kind",
    "reliability": "Source reliability",
}
MAX_VALUES = 10
VALUES_SHOWN = 12
# The lengths of SearchFacet's columns, and the separators of a packed list (control characters, never kept in
# a value or label: fitted() replaces them, and migration search/0005 did in the rows written before it).
VALUE_LENGTH, LABEL_LENGTH = 200, 300
FIELD, ENTRY = "\x1f", "\x1e"
_SEPARATORS = str.maketrans({FIELD: " ", ENTRY: " "})


def fitted(facets: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """(name, value, label) as stored: value and label cut to their columns, free of the separators."""
    return [
        (name, value.translate(_SEPARATORS)[:VALUE_LENGTH], label.translate(_SEPARATORS)[:LABEL_LENGTH])
        for name, value, label in facets
    ]


def pack(facets: Iterable[tuple[str, str, str]]) -> str:
    """A document's fitted facet values as one string: its `facet_list` column."""
    return ENTRY.join(FIELD.join(entry) for entry in facets)


class FacetValuesField(forms.Field):
    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if not value:
            return []
        values = [value] if isinstance(value, str) else list(value)
        values = list(dict.fromkeys(v.strip() for v in values if v and v.strip()))
        if len(values) > MAX_VALUES:
            raise ValidationError(f"Choose at most {MAX_VALUES} values per filter.")
        if any(len(v) > 200 or "\x00" in v for v in values):
            raise ValidationError("That filter value is not valid.")
        return values


class FacetFilter(django_filters.Filter):
    field_class = FacetValuesField

    def filter(self, qs, value):
        for item in value or []:
            qs = qs.filter(
                Exists(SearchFacet.objects.filter(document=OuterRef("pk"), name=self.field_name, value=item))
            )
        return qs


class FacetFilterSet(django_filters.FilterSet):
    type = FacetFilter(field_name="type")
    tag = FacetFilter(field_name="tag")
    actor = FacetFilter(field_name="actor")
    decade = FacetFilter(field_name="decade")
    year = FacetFilter(field_name="year")
    event_type = FacetFilter(field_name="event_type")
    source_kind = FacetFilter(field_name="source_kind")
    reliability = FacetFilter(field_name="reliability")

    class Meta:
        model = SearchDocument
        fields = []

    def get_form_class(self):
        """Built once per class: django-filter builds a new form class for every request (measured: a
        noticeable share of a cached search page), and its fields never change."""
        form_class = type(self).__dict__.get("_form_class")
        if form_class is None:
            form_class = super().get_form_class()
            type(self)._form_class = form_class
        return form_class

    def selected(self) -> dict[str, list[str]]:
        data = self.form.cleaned_data if self.is_bound and self.is_valid() else {}
        return {name: data.get(name) or [] for name in FACETS if data.get(name)}


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class Facet:
    name: str
    title: str
    values: list[FacetValue] = field(default_factory=list)


def _url(params: dict[str, list[str]]) -> str:
    return "?" + urlencode([(k, v) for k, values in params.items() for v in values])


def toggle_url(base: dict[str, list[str]], name: str, value: str) -> str:
    params = {k: list(v) for k, v in base.items()}
    values = params.setdefault(name, [])
    if value in values:
        values.remove(value)
        if name == "decade":
            params.pop("year", None)
    else:
        values.append(value)
    params.pop("page", None)
    return _url({k: v for k, v in params.items() if v})


def _facet_rows(facet_lists: Iterable[str], with_years: bool) -> list[tuple[str, str, str, int]]:
    """(name, value, label, count) over the matches' packed lists, by name, then most frequent, then label."""
    counts = Counter()
    for packed in facet_lists:
        if packed:
            counts.update(packed.split(ENTRY))
    rows = []
    for entry, n in counts.items():
        name, value, label = entry.split(FIELD)
        if with_years or name != "year":
            rows.append((name, value, label, n))
    # Equal counts by label as a reader reads them (case aside), as the database's collation ordered them.
    rows.sort(key=lambda row: (row[0], -row[3], row[2].casefold(), row[2], row[1]))
    return rows


class _AddLinks:
    """Links that add one value of one facet to the current search, built from two pre-encoded halves.

    Equal to toggle_url for values not yet selected, without copying and
    re-encoding the whole query for each of the ~100 values a page lists.
    """

    def __init__(self, base: dict[str, list[str]]):
        self.items = [(k, v) for k, v in base.items() if k != "page" and v]
        self.halves: dict[str, tuple[str, str]] = {}

    def url(self, name: str, value: str) -> str:
        if name not in self.halves:
            keys = [k for k, _ in self.items]
            cut = keys.index(name) + 1 if name in keys else len(keys)
            self.halves[name] = (_encode(self.items[:cut]), _encode(self.items[cut:]))
        before, after = self.halves[name]
        return "?" + "&".join(part for part in (before, urlencode([(name, value)]), after) if part)


def _encode(items) -> str:
    return urlencode([(k, v) for k, values in items for v in values])


def count_facets(facet_lists: Iterable[str], selected: dict[str, list[str]], base_params) -> list[Facet]:
    """Counts per facet value among the matches (the filtered, bounded ones), from their packed lists: no query.

    Years are counted only once a decade (or year) is chosen, to keep the list short.
    """
    rows = _facet_rows(facet_lists, with_years="decade" in selected or "year" in selected)
    facets = {name: Facet(name, title) for name, title in FACETS.items()}
    links = _AddLinks(base_params)
    for name, value, label, n in rows:
        facet = facets.get(name)
        chosen = value in selected.get(name, [])
        if facet is None or (len(facet.values) >= VALUES_SHOWN and not chosen and name not in ("decade", "year")):
            continue  # rows come most frequent first: this one would not be shown
        url = toggle_url(base_params, name, value) if chosen else links.url(name, value)
        facet.values.append(FacetValue(value, label, n, chosen, url))
    for facet in facets.values():
        if facet.name in ("decade", "year"):
            facet.values.sort(key=lambda v: v.value)
        facet.values = [v for i, v in enumerate(facet.values) if i < VALUES_SHOWN or v.selected]
    return [facet for facet in facets.values() if facet.values]
