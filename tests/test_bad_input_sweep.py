"""Bad input anywhere in a public address gives a page, a 400 or a 404, never a 5xx, on each database.

A generated table, not random sampling, so every run sends the same few hundred requests: every public URL
pattern with hostile values in each path parameter, every concrete page with each query parameter its view
reads set to hostile values (and all of them at once), and each field of the suggestion forms. The values
are those that broke one database or the other in the audit: NUL and other control characters, overlong
and non-ASCII text, numbers out of range, malformed dates, quotes and wildcards. A small archive (one item
of each kind) keeps it to a few seconds; the demo archive would only make each page slower, not the input
handling different.
"""

import re
from itertools import cycle, islice
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver

from archive import suggestions
from archive.filters import CommentaryFilter, EventFilter, SourceFilter
from archive.models import Actor, Tag
from search.facets import FACETS
from tests import reader_factories

pytestmark = pytest.mark.django_db

HOSTILE = [
    "a\x00b", "x" * 5000, "'", "-1", "\x01", "ж" * 300, "%", "99999999999999999999", "\x0b", "😀", "2004-99-99",
    "' OR 1=1 --", "\x7f", "\u202e", "1e999", "_*", "a\nb", "../../etc/passwd", "NaN", "199X/", "<script>", "",
]  # fmt: skip
CONTROL = ["\x00", "a\x01b", "\x08", "\x0b", "\x1f", "\x7f"]
PATH_HOSTILE = ["a\x00b", "\x01", "x" * 2000, "ж" * 100, "'", "%", "😀", "a b", "-1", "' OR 1=1 --", "\x7f"]
VALID = {
    "key": "sweepkey", "fmt": "bib", "other": "sweep-russia", "uidb64": "MQ", "token": "set-password",
    "section": "events",
}  # fmt: skip
VALID_SLUGS = {
    "commentary": "sweep-commentary",
    "events": "sweep-event",
    "tags": "sweep-energy",
    "actors": "sweep-belarus",
    "authors": "test-author",
}
SEARCH_PARAMS = ["q", "sort", "format", "page", *FACETS]
LIST_PARAMS = {
    "events/": [*EventFilter.base_filters, "page"],
    "events/export.csv": list(EventFilter.base_filters),
    "events/export.jsonl": list(EventFilter.base_filters),
    "events/timelinejs.json": list(EventFilter.base_filters),
    "timeline/": list(EventFilter.base_filters),
    "commentary/": [*CommentaryFilter.base_filters, "page"],
    "sources/": [*SourceFilter.base_filters, "page"],
    "search/": SEARCH_PARAMS,
    "search/feed/": SEARCH_PARAMS,
    "suggest/": ["report", "sent"],
}
OTHER_PARAMS = ["page", "q"]  # every other page: what a reader might append by hand


def public_patterns():
    """(route, parameter names) for every URL pattern outside the admin site (the password reset included)."""
    found = []

    def walk(patterns, prefix):
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                if route != "admin/":
                    walk(entry.url_patterns, route)
            elif isinstance(entry, URLPattern):
                found.append((route, list(entry.pattern.converters)))

    walk(get_resolver().url_patterns, "")
    return found


PATTERNS = public_patterns()


def fill(route, values):
    """The route with each <converter:name> replaced by values[name], percent-encoded."""
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: quote(values[m.group(1)], safe=""), route)


def valid_value(name, route):
    return VALID.get(name) or VALID_SLUGS[route.split("/")[0]]


@pytest.fixture(scope="module")
def small_archive(django_db_setup, django_db_blocker):
    """One public item of each kind, so every pattern has a page to reach; flushed afterwards."""
    with django_db_blocker.unblock():
        tag = Tag.objects.create(name="Energy", slug="sweep-energy")
        for slug in ("sweep-belarus", "sweep-russia"):
            Actor.objects.create(name=slug.title(), slug=slug, kind="country")
        reader_factories.make_source("sweepkey")
        reader_factories.make_event(
            "sweep-event", body="[@sweepkey]", tags=["sweep-energy"], actors=["sweep-belarus", "sweep-russia"]
        )
        reader_factories.make_commentary(
            "sweep-commentary", body="[@sweepkey, p. 2]", tags=[tag.slug], actors=["sweep-belarus"]
        )
        reader_factories.test_author()
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


def assert_no_5xx(responses):
    failures = [(url, status) for url, status in responses if status >= 500]
    assert not failures, failures[:20]


def test_the_sweep_covers_every_public_pattern():
    """A new URL pattern joins the sweep by itself; this guards against the walk silently finding nothing."""
    routes = {route for route, _ in PATTERNS}
    assert {"sources/<str:key>/", "search/feed/", "suggest/", "sitemap.xml"} <= routes
    assert set(LIST_PARAMS) <= routes
    assert "admin/password_reset/" in routes and "reset/<uidb64>/<token>/" in routes
    assert len(PATTERNS) >= 25 and not any(route.startswith("admin/login") for route in routes)


@pytest.mark.parametrize(("route", "names"), [p for p in PATTERNS if p[1]], ids=lambda v: str(v))
def test_hostile_path_parameters(client, small_archive, route, names):
    responses = []
    for name in names:
        for value in PATH_HOSTILE:
            url = fill(route, {n: value if n == name else valid_value(n, route) for n in names})
            responses.append((url, client.get(url).status_code))
    assert_no_5xx(responses)
    for value in CONTROL[:3]:  # refused before any view, identically on both databases
        url = fill(route, {n: value for n in names})
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize(("route", "names"), PATTERNS, ids=lambda v: str(v))
def test_hostile_query_parameters(client, small_archive, route, names):
    url = fill(route, {n: valid_value(n, route) for n in names})
    assert client.get(url).status_code < 400, url  # the page itself exists, so the parameters reach the view
    params = LIST_PARAMS.get(route, OTHER_PARAMS)
    values = cycle(HOSTILE)
    responses = []
    for param in params:
        for value in islice(values, 3):  # three values per parameter, different ones for the next
            responses.append((f"{url}?{param}={value[:40]!r}", client.get(url, {param: value}).status_code))
    for value in HOSTILE[1:4]:  # every parameter hostile at once, each given twice
        responses.append((f"{url}?*={value[:40]!r}", client.get(url, {p: [value, value] for p in params}).status_code))
    assert_no_5xx(responses)
    for param, value in zip(cycle(params), CONTROL, strict=False):
        response = client.get(url, {param: value})
        assert response.status_code == 400, (url, param, value)
        assert b"control character" in response.content


def test_hostile_suggestion_fields(client, small_archive):
    """Each field of both forms (suggest and report) with hostile values: a form error, never a 500."""
    responses = []
    forms = [("/suggest/", suggestions.SuggestionForm), ("/suggest/?report=sweepkey", suggestions.ReportForm)]
    values = cycle(HOSTILE)
    for url, form in forms:
        for name in form.base_fields:
            for value in islice(values, 4):
                client.cookies.clear()  # a fresh session each time, under the rate limit
                data = {"title": "A title", "url": "https://example.org/", "kind": "web-page", "message": "Hi"}
                data[name] = value
                responses.append((f"{url} {name}={value[:40]!r}", client.post(url, data).status_code))
    assert_no_5xx(responses)


def test_search_feed_control_characters_are_400_not_500(client, small_archive):
    """The feed's XML writer refuses C0 characters; the request is refused before it gets there."""
    for raw in ["%01", "%08", "%0B", "%00", "gas%1Fmilk"]:
        response = client.get(f"/search/feed/?q={raw}")
        assert response.status_code == 400, raw
    assert client.get("/search/feed/?q=gas%09milk").status_code == 200  # a tab is legal XML


def test_nul_in_keys_is_404_or_400(client, small_archive):
    """The audit's PostgreSQL 500s: a NUL in a citation key (404) or in the report key (400)."""
    for url in ["/sources/a%00b/", "/sources/a%00b/cite.bib"]:
        assert client.get(url).status_code == 404, url
    response = client.get("/suggest/?report=a%00b")
    assert response.status_code == 400 and b"control character" in response.content


def test_control_characters_in_stored_text_never_break_a_feed(client, small_archive):
    """An editor's pasted vertical tab (or an imported NUL-free but \\x01-laden summary) reaches every feed."""
    import feedparser

    from archive.models import Event

    Event.objects.filter(slug="sweep-event").update(title="Gas\x0bwar\x01 talks", summary="Prices\x08 rose\x1f.")
    from search import index

    index.reindex("event", list(Event.objects.filter(slug="sweep-event").values_list("pk", flat=True)))
    for url in ["/events/feed/rss/", "/events/feed/atom/", "/tags/sweep-energy/feed/rss/",
                "/tags/sweep-energy/feed/atom/", "/search/feed/?q=talks"]:  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200, url
        titles = [entry.title for entry in feedparser.parse(response.content).entries]
        # The feeds drop the characters; the search index had already turned them into spaces.
        assert any(re.match(r"Gas\s*war\s*talks", title) for title in titles), (url, titles)
