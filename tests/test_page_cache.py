"""Whole public pages cached for readers without a session, and never stale (archive/page_cache.py)."""

import time

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from archive.models import Actor, Event, Person, Source, Tag
from tests.reader_factories import make_event

pytestmark = pytest.mark.page_cache

EVENT = "/events/union-state-1999/"


def test_a_repeated_page_costs_one_query_and_is_the_same(demo, client, django_assert_num_queries):
    first = client.get(EVENT)
    with django_assert_num_queries(1):  # the content version; the page comes from the cache
        again = client.get(EVENT)
    assert again.status_code == 200 and again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    assert again["X-Content-Type-Options"] == "nosniff"  # outer middleware still adds its headers


EDITS = [
    (EVENT, lambda: _retitle(), "Renamed Union"),
    ("/tags/", lambda: _rename_tag(), "Integration Renamed"),
    ("/sources/twodecades/", lambda: _rate("twodecades", "deprecated"), "Deprecated"),
    ("/actors/belarus/", lambda: _describe_actor(), "A new description of Belarus."),
    ("/authors/yauheni-preiherman/", lambda: _bio(), "A new biography."),
]  # fmt: skip


@pytest.mark.parametrize("url, change, seen", EDITS)
def test_every_kind_of_public_edit_gives_fresh_pages(demo, url, change, seen):
    client = Client()
    assert seen not in client.get(url).content.decode()
    assert seen not in client.get(url).content.decode()  # now served from the cache
    change()
    assert seen in client.get(url).content.decode()


def _retitle():
    event = Event.objects.get(slug="union-state-1999")
    event.title = "Renamed Union"
    event.save()


def _rename_tag():
    tag = Tag.objects.get(slug="integration")
    tag.name = "Integration Renamed"
    tag.save()


def _rate(key, reliability):
    source = Source.objects.get(citation_key=key)
    source.reliability = reliability
    source.save()


def _describe_actor():
    actor = Actor.objects.get(slug="belarus")
    actor.description = "A new description of Belarus."
    actor.save()


def _bio():
    person = Person.objects.get(slug="yauheni-preiherman")
    person.bio = "A new biography."
    person.save()


def test_a_rolled_back_write_keeps_the_cached_page(demo, client, django_assert_num_queries):
    before = client.get(EVENT).content
    with pytest.raises(RuntimeError), transaction.atomic():
        _retitle()
        raise RuntimeError("abandon the edit")
    with django_assert_num_queries(1):
        assert client.get(EVENT).content == before


def test_a_scheduled_item_appears_when_its_time_comes_without_any_write(demo, client):
    make_event("soon", title="Soon Public Summit", publish_at=timezone.now() + timezone.timedelta(seconds=2))
    assert client.get("/events/soon/").status_code == 404
    assert "Soon Public Summit" not in client.get("/timeline/").content.decode()
    time.sleep(2.2)
    assert "Soon Public Summit" in client.get("/timeline/").content.decode()
    assert client.get("/events/soon/").status_code == 200


def test_staff_with_a_session_never_get_the_shared_page(demo, editor):
    make_event("hidden-draft", status="draft", title="Staff Only Draft", tags=["energy"])
    anonymous, staff = Client(), Client()
    staff.force_login(editor)
    assert "Staff Only Draft" not in anonymous.get("/tags/energy/").content.decode()
    assert "Staff Only Draft" in staff.get("/tags/energy/").content.decode()
    assert "Staff Only Draft" not in anonymous.get("/tags/energy/").content.decode()


def test_pages_with_a_form_token_are_not_shared(demo, client):
    first = client.get("/suggest/")
    assert "csrftoken" in first.cookies
    fresh = Client()
    second = fresh.get("/suggest/")
    assert "csrftoken" in second.cookies  # rendered for this reader, with their own token


def test_exports_keep_their_type_and_filename_from_the_cache(demo, client):
    first = client.get("/events/export.csv")
    again = client.get("/events/export.csv")
    assert again.content == first.content
    assert again["Content-Type"].startswith("text/csv") and "events.csv" in again["Content-Disposition"]


def test_the_cache_can_be_turned_off(demo, client, settings, django_assert_num_queries):
    settings.PAGE_CACHE_SECONDS = settings.MEMO_CACHE_SECONDS = 0  # rendered afresh, every part too
    client.get(EVENT)
    with django_assert_num_queries(6):
        client.get(EVENT)


# The memo of page parts (archive/memo.py): readers with a session render pages, with parts kept under the
# same content version, so they must be as fresh as the pages are.

COMMENTARY = "/commentary/new-chapter-belarus-russia-relations-after-elections/"


def session_reader() -> Client:
    """A reader with a session cookie (no account): never served a shared page, always a rendered one."""
    reader = Client()
    reader.cookies["sessionid"] = "reader-with-a-session"
    return reader


def _retitle_cited_source():
    source = Source.objects.get(citation_key="twodecades")
    source.title = "Two Decades Retitled"
    source.save()


def _new_belarus_russia_event():
    make_event(
        "fresh-kept-mark", title="Fresh Kept Mark", edtf="2099-05-01", tags=["energy"], actors=["belarus", "russia"]
    )


def _use_new_tag():
    tag = Tag.objects.create(name="Fresh Choice", slug="fresh-choice")
    Event.objects.get(slug="union-state-1999").tags.add(tag)


@pytest.mark.parametrize(
    "url, change, seen",
    [
        (COMMENTARY, _retitle_cited_source, "Two Decades Retitled"),  # the footnotes and bibliography
        (EVENT, _retitle_cited_source, "Two Decades Retitled"),
        ("/events/", _use_new_tag, '<option value="fresh-choice">Fresh Choice</option>'),  # the filter choices
        ("/commentary/", lambda: _rename_tag(), ">Integration Renamed</option>"),
        ("/timeline/", lambda: _new_belarus_russia_event(), "Fresh Kept Mark"),  # the kept timeline
        ("/actors/belarus/", lambda: _new_belarus_russia_event(), "Fresh Kept Mark"),
        ("/actors/belarus/russia/", lambda: _new_belarus_russia_event(), "Fresh Kept Mark"),
        ("/actors/belarus/russia/", lambda: _new_belarus_russia_event(), "<th scope=\"row\">2099</th>"),  # the chart
        ("/tags/energy/", lambda: _new_belarus_russia_event(), "Fresh Kept Mark"),  # the tag's kept events
    ],
)  # fmt: skip
def test_parts_kept_for_readers_with_a_session_are_never_stale(demo, url, change, seen):
    reader = session_reader()
    first = reader.get(url).content.decode()
    assert seen not in first and reader.get(url).content.decode() == first  # the second from the memo
    change()
    assert seen in reader.get(url).content.decode()


def _results_heading(response) -> str:
    from lxml import html as lxml_html

    return lxml_html.fromstring(response.content).xpath("string(//h2[@id='results-heading'])")


@pytest.mark.parametrize("url", ["/events/", "/events/?tag=energy", "/events/?tag=energy&page=1"])
def test_kept_list_counts_are_never_stale_and_follow_the_filters(demo, url):
    """A list's count (kept in the memo) changes with the content and differs from filter to filter."""
    reader = session_reader()
    everything = _results_heading(reader.get("/events/"))
    before = _results_heading(reader.get(url))
    assert before == _results_heading(reader.get(url))  # the second from the memo
    if "tag" in url:
        assert before != everything  # a filter has its own count, not the unfiltered list's
    make_event("fresh-counted", tags=["energy"])
    after = _results_heading(reader.get(url))
    assert int(after.split()[0]) == int(before.split()[0]) + 1
    Event.objects.get(slug="fresh-counted").delete()
    assert _results_heading(reader.get(url)) == before


def test_kept_home_lists_are_never_stale(demo):
    reader = session_reader()
    assert "Newest Memo Event" not in reader.get("/").content.decode()
    make_event("newest-memo-event", title="Newest Memo Event", edtf="2099-01-01")
    assert "Newest Memo Event" in reader.get("/").content.decode()


def test_a_kept_list_count_saves_its_query(demo, django_assert_num_queries, settings):
    """Another address of the same list (`?page=1`) misses the kept page content but not its count."""
    reader = session_reader()
    reader.get("/events/")
    with django_assert_num_queries(3):  # the content version, the page of events, their tags: no COUNT
        kept = reader.get("/events/?page=1")
    settings.MEMO_CACHE_SECONDS = 0
    with django_assert_num_queries(6):  # the count, and the filter's tag and actor choices
        fresh = reader.get("/events/?page=1")
    assert kept.content == fresh.content


def test_a_kept_article_body_saves_its_citation_queries(demo, django_assert_num_queries, settings):
    reader = session_reader()
    reader.get(COMMENTARY)
    with django_assert_num_queries(
        9
    ):  # another address: the content version, then neither the citations nor their creators
        kept = reader.get(COMMENTARY + "?from=feed")
    settings.MEMO_CACHE_SECONDS = 0
    with django_assert_num_queries(10):
        fresh = reader.get(COMMENTARY + "?from=feed")
    assert kept.content == fresh.content


# Whole main contents (archive/views/kept.py): an item page or a list rendered once per content version.
KEPT_PAGES = [
    EVENT, COMMENTARY, "/sources/twodecades/", "/actors/belarus/", "/actors/belarus/russia/",
    "/authors/yauheni-preiherman/", "/events/", "/events/?tag=energy&date_from=1995", "/sources/",
    "/commentary/", "/events/?date_from=nonsense",
]  # fmt: skip


@pytest.mark.parametrize("url", KEPT_PAGES)
def test_a_kept_page_content_costs_one_query_and_equals_a_fresh_render(demo, url, django_assert_num_queries, settings):
    reader = session_reader()
    first = reader.get(url)
    with django_assert_num_queries(1):  # the content version; the header and footer around it render anew
        kept = reader.get(url)
    settings.MEMO_CACHE_SECONDS = 0
    fresh = reader.get(url)
    assert kept.status_code == fresh.status_code == first.status_code
    assert kept.content == fresh.content == first.content


@pytest.mark.parametrize("url, change, seen", EDITS)
def test_kept_page_contents_are_never_stale(demo, url, change, seen):
    reader = session_reader()
    assert seen not in reader.get(url).content.decode()
    assert seen not in reader.get(url).content.decode()  # now from the memo
    change()
    assert seen in reader.get(url).content.decode()


def test_a_missing_item_is_not_kept_and_each_address_has_its_own_content(demo):
    reader = session_reader()
    assert reader.get("/events/kept-later/").status_code == 404
    make_event("kept-later", title="Kept Later")
    assert "Kept Later" in reader.get("/events/kept-later/").content.decode()
    assert "Include people" in reader.get("/actors/belarus/").content.decode()
    everyone = reader.get("/actors/belarus/?relations=all").content.decode()  # its own address, its own content
    assert "Countries and organizations only" in everyone and "Include people" not in everyone


def test_staff_previews_never_use_or_fill_the_public_parts(demo, editor):
    from tests.reader_factories import make_commentary, make_source

    make_source("memopending", status="pending", title="Pending Memo Book")
    make_commentary("memo-cites-pending", body="Claim [@memopending].")
    reader, staff = session_reader(), Client()
    staff.force_login(editor)
    url = "/commentary/memo-cites-pending/"
    assert "Pending Memo Book" not in reader.get(url).content.decode()
    assert "Pending Memo Book" in staff.get(url).content.decode()
    assert "Pending Memo Book" not in reader.get(url).content.decode()


@pytest.mark.parametrize("url", ["/sitemap.xml", "/sitemap-events.xml"])
def test_kept_sitemaps_cost_one_query_keep_their_headers_and_are_never_stale(demo, url, django_assert_num_queries):
    reader = session_reader()
    first = reader.get(url)
    with django_assert_num_queries(1):  # the content version
        kept = reader.get(url)
    assert kept.content == first.content and kept["Content-Type"] == first["Content-Type"] == "application/xml"
    assert kept["X-Robots-Tag"] == first["X-Robots-Tag"]
    make_event("kept-in-the-sitemap", title="Kept In The Sitemap")
    sections = reader.get(url).content.decode() + reader.get("/sitemap-events.xml").content.decode()
    assert "/events/kept-in-the-sitemap/" in sections
    assert reader.get("/sitemap-events.xml?p=99").status_code == 404


@pytest.mark.parametrize("url", ["/events/export.csv?tag=energy", "/events/export.jsonl", "/events/timelinejs.json"])
def test_kept_exports_keep_their_type_and_filename_and_are_never_stale(demo, url, django_assert_num_queries):
    reader = session_reader()
    first = reader.get(url)
    with django_assert_num_queries(1):  # the content version
        kept = reader.get(url)
    assert kept.content == first.content
    for header in ("Content-Type", "Content-Disposition"):
        assert kept.get(header) == first.get(header)
    make_event("kept-in-the-export", title="Kept In The Export", tags=["energy"])
    assert "kept-in-the-export" in reader.get(url).content.decode()
    bad = reader.get("/events/export.csv?date_from=nonsense")
    assert bad.status_code == reader.get("/events/export.csv?date_from=nonsense").status_code == 400
