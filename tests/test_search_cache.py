"""The results cache never shows a stale search: every write and every scheduled publication is seen next time.

Each test first proves the search is answered from the cache (one query: the
index version), then changes the archive through the admin, then repeats the
very same search.
"""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from archive.models import Source
from tests.helpers import new_commentary

from .helpers import commentary_post

pytestmark = pytest.mark.django_db
URL = reverse("archive:search")


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def titles(client, q="zeppelin"):
    response = client.get(URL, {"q": q, "format": "json"})
    assert response.status_code == 200
    return [r["title"] for r in response.json()["results"]]


def cached_titles(client, django_assert_num_queries, q="zeppelin"):
    """The search twice: the second answer comes from the cache (only the index version is read)."""
    first = titles(client, q)
    with django_assert_num_queries(1):
        assert titles(client, q) == first
    return first


@pytest.fixture
def draft(db):
    return new_commentary(title="Zeppelin diplomacy", slug="zeppelin-diplomacy", standfirst="Airships and treaties.")


def change(client, item, **overrides):
    response = client.post(f"/admin/archive/commentary/{item.pk}/change/", commentary_post(item, **overrides))
    assert response.status_code == 302, response.content
    return response


def test_publishing_and_unpublishing_show_in_the_next_search(
    client, moderator_client, draft, django_assert_num_queries
):
    assert cached_titles(client, django_assert_num_queries) == []
    change(moderator_client, draft, status="published", change_reason="Reviewed")
    assert cached_titles(client, django_assert_num_queries) == ["Zeppelin diplomacy"]
    response = moderator_client.post(
        "/admin/archive/commentary/", {"action": "unpublish", "_selected_action": [draft.pk]}
    )
    assert response.status_code == 302
    assert titles(client) == []


def test_editing_published_text_shows_in_the_next_search(client, moderator_client, draft, django_assert_num_queries):
    draft.status = "published"
    draft.save()
    assert cached_titles(client, django_assert_num_queries) == ["Zeppelin diplomacy"]
    change(moderator_client, draft, title="Airship diplomacy", change_reason="Retitled")
    assert titles(client) == []
    assert titles(client, "airship") == ["Airship diplomacy"]


def test_approving_a_source_shows_in_the_next_search(client, moderator_client, django_assert_num_queries):
    source = Source.objects.create(citation_key="zep1", kind="book", title="Zeppelin atlas", status="pending")
    assert cached_titles(client, django_assert_num_queries) == []
    response = moderator_client.post(
        "/admin/archive/source/", {"action": "approve_sources", "_selected_action": [source.pk]}
    )
    assert response.status_code == 302
    assert titles(client) == ["Zeppelin atlas"]


def test_scheduled_item_appears_when_due_without_any_write(client, draft, monkeypatch, django_assert_num_queries):
    draft.status = "published"
    draft.publish_at = timezone.now() + dt.timedelta(hours=1)
    draft.save()
    assert cached_titles(client, django_assert_num_queries) == []
    later = timezone.now() + dt.timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert titles(client) == ["Zeppelin diplomacy"]


def test_html_page_follows_writes_too(client, moderator_client, draft):
    assert "No results for “zeppelin”" in client.get(URL, {"q": "zeppelin"}).content.decode()
    change(moderator_client, draft, status="published", change_reason="Reviewed")
    page = client.get(URL, {"q": "zeppelin"}).content.decode()
    assert "1 result for" in page and "<mark>Zeppelin</mark> diplomacy" in page


def test_an_unreachable_cache_only_costs_speed(client, draft, monkeypatch):
    draft.status = "published"
    draft.save()

    def broken(*args, **kwargs):
        raise ConnectionError("cache server down")

    monkeypatch.setattr(cache, "get", broken)
    monkeypatch.setattr(cache, "set", broken)
    assert titles(client) == ["Zeppelin diplomacy"]


def test_cache_can_be_turned_off(client, draft, settings, django_assert_num_queries):
    settings.SEARCH_CACHE_SECONDS = 0
    draft.status = "published"
    draft.save()
    titles(client)
    # aliases, count with ranking (and the matches' facet values), page rows, the typo check (one result: the
    # public vocabulary and the scheduled items' words): everything again; on SQLite also the vocabulary's
    # estimate of the matches that an unfiltered relevance search reads first (sqlite.py)
    with django_assert_num_queries(6 if connection.vendor == "sqlite" else 5):
        assert titles(client) == ["Zeppelin diplomacy"]


def test_cached_page_is_per_host_and_readers_with_a_session_get_their_own(client, editor_client, draft):
    draft.status = "published"
    draft.save()
    on_localhost = client.get(URL, {"q": "zeppelin"}, HTTP_HOST="localhost").content.decode()
    on_loopback = client.get(URL, {"q": "zeppelin"}, HTTP_HOST="127.0.0.1").content.decode()
    assert "http://localhost/search/" in on_localhost and "http://127.0.0.1/search/" in on_loopback
    assert "127.0.0.1" not in on_localhost
    staff_page = editor_client.get(URL, {"q": "zeppelin"}, HTTP_HOST="localhost").content.decode()
    assert "<mark>Zeppelin</mark> diplomacy" in staff_page and "http://localhost/search/" in staff_page


def test_a_new_search_reads_the_index_version_once_with_the_page_cache_on(client, draft, settings):
    """The page cache middleware reads the version and leaves it on the request; the search view reuses it."""
    settings.PAGE_CACHE_SECONDS = 300
    draft.status = "published"
    draft.save()
    with CaptureQueriesContext(connection) as queries:
        page = client.get(URL, {"q": "zeppelin"})
    assert page.status_code == 200 and "<mark>Zeppelin</mark> diplomacy" in page.content.decode()
    assert sum(1 for q in queries if "FROM archive_searchgeneration g" in q["sql"]) == 1
    # The next reader gets the cached page: the version read alone.
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, {"q": "zeppelin"}).content == page.content
    assert len(queries) == 1
