"""Search behaviour through the public page, written once and run on whichever database is configured.

`bin/test` runs it on SQLite; `DATABASE_URL=postgres://… bin/test` runs the very
same expectations on PostgreSQL.
"""

import datetime as dt
import re
from html import unescape
from urllib.parse import parse_qsl, urlencode

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from archive.models import Event, Tag
from search.facets import FACETS

from .search_fixtures import demo_archive, search_demo  # noqa: F401  (the demo archive, loaded once per module)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_demo")]
URL = reverse("archive:search")


def slugs(client, **params):
    response = client.get(URL, {"format": "json", **params})
    assert response.status_code == 200, response.content
    return [r["url"].rstrip("/").rsplit("/", 1)[-1] for r in response.json()["results"]]


# Judged relevance set on the demo archive.


def test_milk_war_ranks_the_july_2009_event_first(client):
    assert slugs(client, q="milk war")[0] == "milk-war-2009"


def test_union_state_ranks_the_december_1999_event_in_the_top_three(client):
    assert "union-state-1999" in slugs(client, q="union state")[:3]


def test_gas_finds_both_2004_gas_events(client):
    found = slugs(client, q="gas")
    assert {"gas-dispute-2004", "gas-contract-2004"} <= set(found)
    assert "milk-war-2009" not in found


def test_lukashenka_finds_the_commentary_and_events_saying_lukashenko(client):
    found = slugs(client, q="Lukashenka")
    assert "new-chapter-belarus-russia-relations-after-elections" in found
    assert {"loan-row-2009", "joint-statement-on-sanctions-2012"} <= set(found)


def test_alias_aliaksandr_finds_alexander(client):
    assert "loan-row-2009" in slugs(client, q="Aliaksandr")


def test_cyrillic_alias_finds_both_spellings(client):
    found = set(slugs(client, q="Лукашенко"))
    assert {"loan-row-2009", "new-chapter-belarus-russia-relations-after-elections"} <= found


def test_cyrillic_text_is_searchable(client):
    # "Газпром" is only an alias of Gazprom, indexed with the actor on the gas events.
    assert "gas-dispute-2004" in slugs(client, q="Газпром")


def test_accents_and_case_are_ignored(client):
    assert "gas-dispute-2004" in slugs(client, q="GAZPRÓM")
    assert "treaty-of-friendship-1995" in slugs(client, q="yéltsin")


def test_english_stemming(client):
    assert "integration-dispute-2018" in slugs(client, q="disputes")


def test_phrase_does_not_match_the_words_apart(client):
    assert "milk-war-2009" in slugs(client, q="milk ban")
    assert "milk-war-2009" not in slugs(client, q='"milk ban"')
    assert slugs(client, q='"gas contract"')[0] == "gas-contract-2004"


def test_or_and_exclusion(client):
    found = set(slugs(client, q="dairy OR Gazprom"))
    assert {"milk-war-2009", "gas-dispute-2004"} <= found
    excluded = slugs(client, q="gas -contract")
    assert "gas-dispute-2004" in excluded and "gas-contract-2004" not in excluded


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("Lukashenkko", "Lukashenko"), ("Gazprm", "Gazprom"), ("Belarusian gass", "Belarusian gas")],
)
def test_did_you_mean(client, typed, expected):
    data = client.get(URL, {"q": typed, "format": "json"}).json()
    assert data["suggestion"] == expected
    # Any word matches: "Belarusian" alone finds partial matches, and the page says no document has every word.
    assert data["total"] == 0 or not data["every_word_matched"]
    assert client.get(URL, {"q": expected, "format": "json"}).json()["total"] > 0
    page = client.get(URL, {"q": typed}).content.decode()
    assert "Did you mean" in page and expected in page


def test_no_suggestion_when_the_words_are_known(client):
    assert client.get(URL, {"q": "gas", "format": "json"}).json()["suggestion"] is None


# The page.


def test_page_shows_type_date_highlight_tags_and_count(client):
    response = client.get(URL, {"q": "milk war"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>Milk</mark> <mark>War</mark>" in html
    assert "Event" in html and "July 2009" in html
    assert 'href="/tags/trade/"' in html
    total = client.get(URL, {"q": "milk war", "format": "json"}).json()["total"]
    assert total >= 2 and f"{total} results" in html
    assert 'role="search"' in html and 'name="q"' in html


def test_highlights_escape_content(client):
    Event.objects.create(
        title="Gas <script>alert(1)</script> summit",
        slug="xss",
        event_type="summit",
        summary="A <b>gas</b> meeting.",
        date_edtf="2005",
        status="published",
        publish_at=timezone.now() - dt.timedelta(days=1),
    )
    html = client.get(URL, {"q": "summit"}).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html


def test_empty_query_browses_everything_with_filters(client):
    data = client.get(URL, {"format": "json"}).json()
    assert data["total"] == 29  # 21 events, 1 commentary, 7 sources
    energy = client.get(URL, {"format": "json", "tag": "energy"}).json()
    assert {r["title"] for r in energy["results"]} >= {
        "Gazprom cuts gas supplies to Belarus",
        "New gas contract signed",
    }
    assert energy["total"] == 3


def test_facets_count_the_filtered_matches_and_combine(client):
    data = client.get(URL, {"q": "gas", "format": "json"}).json()
    types = {f["value"]: f["count"] for f in data["facets"]["type"]}
    assert types["event"] >= 3
    tags = {f["value"]: f["count"] for f in data["facets"]["tag"]}
    assert tags["energy"] == 3
    narrowed = client.get(URL, {"q": "gas", "tag": "energy", "decade": "2000s", "format": "json"}).json()
    assert narrowed["total"] == 3
    assert all(f["selected"] for f in narrowed["facets"]["tag"] if f["value"] == "energy")
    only_2009 = client.get(URL, {"q": "gas", "tag": "energy", "year": "2009", "format": "json"}).json()
    assert [r["title"] for r in only_2009["results"]] == ["Gas debt claim; Belarus stays away from CSTO talks"]


def test_source_facets(client):
    data = client.get(URL, {"q": "Belarus", "type": "source", "format": "json"}).json()
    assert {r["type"] for r in data["results"]} == {"source"}
    assert "reliability" in data["facets"] and "source_kind" in data["facets"]
    reliable = client.get(URL, {"q": "Belarus", "reliability": "reliable", "format": "json"}).json()
    assert reliable["total"] >= 1
    assert all(r["type"] == "source" for r in reliable["results"])


def test_active_filters_are_removable_and_shareable(client):
    html = client.get(URL, {"q": "gas", "tag": "energy", "actor": "gazprom"}).content.decode()
    assert "Active filters" in html and "Tag: Energy" in html
    assert 'href="?q=gas&amp;actor=gazprom"' in html  # removing the tag keeps the rest
    assert 'href="?q=gas&amp;tag=energy"' in html
    assert 'type="hidden" name="tag" value="energy"' in html


def test_facet_links_add_one_value_and_keep_the_rest_in_order(client):
    params = [("q", "gas"), ("tag", "energy"), ("sort", "newest"), ("page", "2")]
    html = client.get(URL + "?" + urlencode(params)).content.decode()
    aside = html[html.index('<aside class="facets"') : html.index("</aside>")]
    links = [unescape(h) for h in re.findall(r'<a href="(\?[^"]*)">', aside)]
    assert links
    for link in links:
        pairs = parse_qsl(link[1:])
        added = [p for p in pairs if p not in params[:3]]
        assert len(added) == 1 and added[0][0] in FACETS  # one value more, no page number
        name = added[0][0]
        expected = params[:3] + [added[0]] if name not in ("tag",) else [params[0], params[1], added[0], params[2]]
        assert pairs == expected, link


def test_facet_labels_are_escaped(client):
    event = Event.objects.get(slug="milk-war-2009")
    event.tags.add(Tag.objects.create(name='<img src=x onerror="alert(1)">', slug="xss"))
    html = client.get(URL, {"q": "milk war"}).content.decode()
    aside = html[html.index('<aside class="facets"') : html.index("</aside>")]
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in aside and "<img" not in aside


def test_sort_newest_and_oldest(client):
    newest = slugs(client, q="integration", sort="newest")
    oldest = slugs(client, q="integration", sort="oldest")
    assert newest[:2] == ["new-chapter-belarus-russia-relations-after-elections", "integration-negotiations-2019"]
    assert oldest[0] == "cis-founded-1991"


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999", "1.5", "", "2" * 40])
def test_bad_page_numbers_fall_back(client, page):
    response = client.get(URL, {"q": "Belarus", "page": page})
    assert response.status_code == 200
    assert "Page" in response.content.decode() or "result" in response.content.decode()


def test_pagination_moves_through_results(client):
    first = client.get(URL, {"format": "json"}).json()
    second = client.get(URL, {"format": "json", "page": 2}).json()
    assert first["pages"] == 3 and second["page"] == 2  # 29 documents, 10 a page
    assert not {r["url"] for r in first["results"]} & {r["url"] for r in second["results"]}


def test_atom_feed_of_a_search(client):
    response = client.get(reverse("archive:search_feed"), {"q": "gas"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "<feed" in body and "Gazprom cuts gas supplies to Belarus" in body
    assert body.index("Gas debt claim") < body.index("New gas contract signed")  # newest first
    assert 'rel="alternate" type="application/atom+xml"' in client.get(URL, {"q": "gas"}).content.decode()


def test_json_matches_the_page(client):
    data = client.get(URL, {"q": "milk war", "format": "json"}).json()
    assert data["results"][0]["title"] == "Milk War: Russia bans Belarusian dairy imports"
    assert data["results"][0]["date"] == "July 2009"
    assert data["results"][0]["tags"] == [{"slug": "trade", "name": "Trade"}]


# Only what the public may see.


def test_drafts_future_and_pending_are_not_found(client):
    from archive.models import Source

    Event.objects.create(
        title="Secret zeppelin draft", slug="d1", event_type="summit", summary="x", date_edtf="2001", status="draft"
    )
    Event.objects.create(
        title="Scheduled zeppelin",
        slug="d2",
        event_type="summit",
        summary="x",
        date_edtf="2001",
        status="published",
        publish_at=timezone.now() + dt.timedelta(days=3),
    )
    Source.objects.create(citation_key="zep", kind="book", title="Pending zeppelin book", status="pending")
    assert client.get(URL, {"q": "zeppelin", "format": "json"}).json()["total"] == 0
    assert "zeppelin" not in client.get(URL, {"format": "json", "q": ""}).content.decode().lower()


def test_fixed_number_of_queries_whatever_the_result_count(client, django_assert_num_queries):
    cache.clear()
    client.get(URL, {"q": "treaty"})  # warm up anything lazily cached (the alias table)
    # index version, count with ranking (the facet values of the matches come with it), page rows with highlights
    # (no typo check: enough results); on SQLite an unfiltered relevance search first reads the vocabulary's
    # estimate of its matches (sqlite.py)
    estimate = 1 if connection.vendor == "sqlite" else 0
    with django_assert_num_queries(3 + estimate):
        assert client.get(URL, {"q": "gas"}).status_code == 200
    with django_assert_num_queries(3 + estimate):
        assert client.get(URL, {"q": "Belarus"}).status_code == 200
    with django_assert_num_queries(3):
        assert client.get(URL, {"q": "Belarus", "tag": "integration"}).status_code == 200
    # The same search again, with the index unchanged: only the version is read, the rest is cached.
    with django_assert_num_queries(1):
        assert client.get(URL, {"q": "Belarus", "tag": "integration"}).status_code == 200


def test_snippet_shows_the_matching_summary_or_body(client):
    data = client.get(URL, {"q": "gas", "format": "json"}).json()
    snippets = {r["title"]: r["snippet_html"] for r in data["results"]}
    assert "ended the 2004 <mark>gas</mark> dispute" in snippets["New gas contract signed"]


@pytest.fixture
def small_caps(monkeypatch):
    """Pretend 3 matches is "very many" so the bounded paths run on the demo archive."""
    from search import backend, postgres, service, sqlite

    for module in (backend, postgres, sqlite, service):
        monkeypatch.setattr(module, "COUNT_CAP", 3, raising=False)
        monkeypatch.setattr(module, "MAX_RESULTS", 4, raising=False)
    # Same index, different engine constants: results cached with the real ones must not be reused, nor these kept.
    cache.clear()
    yield
    cache.clear()


def test_bounded_ranking_and_capped_counts(client, small_caps):
    data = client.get(URL, {"q": "union state", "format": "json"}).json()
    assert data["total_is_lower_bound"] is True and data["total"] == 3
    assert "union-state-1999" in [r["url"].rstrip("/").rsplit("/", 1)[-1] for r in data["results"]][:3]
    html = client.get(URL, {"q": "union state"}).content.decode()
    assert "3+ results" in html


def test_bounded_ranking_skips_hidden_rows(client, small_caps):
    for i in range(6):
        Event.objects.create(
            title=f"Zeppelin zeppelin zeppelin draft {i}",
            slug=f"z{i}",
            event_type="summit",
            summary="Zeppelin.",
            date_edtf="2001",
            status="draft",
        )
    for i in range(5):
        Event.objects.create(
            title=f"Public note {i}",
            slug=f"p{i}",
            event_type="summit",
            summary=f"A zeppelin passed {i}.",
            date_edtf="2002",
            status="published",
            publish_at=timezone.now() - dt.timedelta(days=1),
        )
    data = client.get(URL, {"q": "zeppelin", "format": "json"}).json()
    assert data["total_is_lower_bound"] is True
    assert len(data["results"]) == 4
    assert all(r["title"].startswith("Public note") for r in data["results"])


@pytest.mark.parametrize("query", ["zeppelin", "zeppelin -passed"])
def test_champion_candidates_skip_hidden_rows_and_keep_exclusions(client, small_caps, monkeypatch, query):
    """With every word "common", candidates come from the champion lists (PostgreSQL), which hold drafts too."""
    from search import postgres

    monkeypatch.setattr(postgres, "RARE", 0)
    for i in range(6):
        Event.objects.create(
            title=f"Zeppelin zeppelin zeppelin draft {i}", slug=f"z{i}", event_type="summit",
            summary="Zeppelin.", date_edtf="2001", status="draft",
        )  # fmt: skip
    for i in range(5):
        Event.objects.create(
            title=f"Public note {i}", slug=f"p{i}", event_type="summit", summary=f"A zeppelin passed {i}.",
            date_edtf="2002", status="published", publish_at=timezone.now() - dt.timedelta(days=1),
        )  # fmt: skip
    Event.objects.create(
        title="Zeppelin over Minsk", slug="zm", event_type="summit", summary="A zeppelin flew.",
        date_edtf="2003", status="published", publish_at=timezone.now() - dt.timedelta(days=1),
    )  # fmt: skip
    titles = [r["title"] for r in client.get(URL, {"q": query, "format": "json"}).json()["results"]]
    assert titles and not any("draft" in t for t in titles)
    if "-passed" in query:
        assert titles == ["Zeppelin over Minsk"]


def test_browsing_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    cache.clear()
    # index version, ids with their facet values, page rows (no aliases or engine query without words)
    with django_assert_num_queries(3):
        assert client.get(URL).status_code == 200
    with django_assert_num_queries(3):
        assert client.get(URL, {"tag": "integration", "sort": "oldest"}).status_code == 200
    with django_assert_num_queries(1):
        assert client.get(URL, {"tag": "integration", "sort": "oldest"}).status_code == 200


def test_bounded_ranking_respects_filters(client, small_caps):
    data = client.get(URL, {"q": "Belarus", "tag": "integration", "format": "json"}).json()
    assert data["total_is_lower_bound"] is True
    assert data["results"]
    assert all({"slug": "integration", "name": "Integration"} in r["tags"] for r in data["results"])
    # Several words add the every-word candidate list (PostgreSQL): it must honour the filter too.
    several = client.get(URL, {"q": "Belarus Russia", "tag": "integration", "format": "json"}).json()
    assert several["total_is_lower_bound"] is True and several["results"]
    assert all({"slug": "integration", "name": "Integration"} in r["tags"] for r in several["results"])
    newest = client.get(URL, {"q": "Belarus", "tag": "integration", "sort": "newest", "format": "json"}).json()
    assert newest["results"][0]["title"] == "Negotiations on deeper integration fail"
