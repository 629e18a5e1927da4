"""Facet counts come from each match's packed facet values (SearchDocument.facet_list), written by the index
beside the SearchFacet rows the filters look up: the two must always say the same, on either database."""

from collections import Counter

import pytest
from django.urls import reverse

from archive.models import Event, Tag
from search.aliases import expand_aliases
from search.backend import get_backend
from search.facets import ENTRY, FACETS, FIELD
from search.models import SearchDocument, SearchFacet
from search.query import parse

from .search_fixtures import demo_archive, search_demo  # noqa: F401  (the demo archive, loaded once per module)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_demo")]
URL = reverse("archive:search")


def unpacked(document) -> list[tuple[str, ...]]:
    return [tuple(entry.split(FIELD)) for entry in document.facet_list.split(ENTRY)] if document.facet_list else []


def facet_rows(document) -> list[tuple[str, str, str]]:
    return [(f.name, f.value, f.label) for f in document.facets.all()]


def test_every_index_row_packs_exactly_its_facet_rows():
    documents = list(SearchDocument.objects.prefetch_related("facets"))
    assert len(documents) > 20 and all(document.facet_list for document in documents)
    for document in documents:
        assert sorted(unpacked(document)) == sorted(facet_rows(document)), document.title


@pytest.mark.parametrize(
    "params",
    [
        {"q": "gas"},
        {"q": "Belarus"},
        {"q": "Belarus", "tag": "integration"},
        {"q": "gas", "sort": "newest"},
        {"q": "Lukashenka"},
        {"q": "Belarus", "decade": "2000s"},
    ],
)
def test_the_counts_are_those_of_the_matches_facet_rows(client, params):
    data = client.get(URL, {"format": "json", **params}).json()
    selected = {name: [params[name]] for name in FACETS if name in params}
    ids = get_backend().match(expand_aliases(parse(params["q"])), selected, params.get("sort", "relevance")).ids
    assert ids
    reference = Counter(SearchFacet.objects.filter(document_id__in=ids).values_list("name", "value", "label"))
    shown = {(name, v["value"], v["label"]): v["count"] for name, values in data["facets"].items() for v in values}
    assert shown and all(reference[key] == count for key, count in shown.items())
    # Every facet value of the matches is listed, but years (until a decade is chosen) and values past the
    # twelve most frequent of a facet.
    for (name, value, label), count in reference.items():
        if name == "year" and "decade" not in params:
            assert "year" not in data["facets"]
        elif (name, value, label) not in shown:
            assert len(data["facets"][name]) == 12 and min(v["count"] for v in data["facets"][name]) >= count


def test_a_label_holding_the_separators_is_counted_and_shown(client):
    tag = Tag.objects.create(name="Milk\x1fand\x1edairy", slug="milk-dairy")
    Event.objects.get(slug="milk-war-2009").tags.add(tag)  # the index row is rewritten (search/signals.py)
    data = client.get(URL, {"q": "milk war", "format": "json"}).json()
    assert {"value": "milk-dairy", "label": "Milk and dairy", "count": 1, "selected": False} in data["facets"]["tag"]
    narrowed = client.get(URL, {"q": "milk war", "tag": "milk-dairy", "format": "json"}).json()
    assert [r["title"] for r in narrowed["results"]] == [data["results"][0]["title"]]
