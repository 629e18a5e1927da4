"""Possible duplicates pointed out when adding a source, and the moderator-only merge."""

import datetime as dt

import pytest

from archive.duplicates import possible_duplicates
from archive.models import AuditEntry, Citation, Commentary, Event, Source

from .helpers import source_post


@pytest.fixture
def existing(db):
    return Source.objects.create(
        citation_key="oliphant2009",
        kind="news-article",
        title="A Problem With the Udder: Russia and Belarus's Milk War",
        url="https://www.example.com/milk-war/",
        isbn="9780300000009",
        status="approved",
    )


@pytest.mark.parametrize(
    "fields",
    [
        {"title": "A problem with the udder — Russia and Belarus’s milk war"},
        {"title": "Something else", "url": "http://example.com/milk-war"},
        {"title": "Something else", "isbn": "978-0-300-00000-9"},
    ],
)
def test_possible_duplicate_is_pointed_out_when_adding(editor_client, existing, fields):
    data = source_post(citation_key="udder2009", **fields)
    response = editor_client.post("/admin/archive/source/add/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Possible duplicate of" in page and f"/admin/archive/source/{existing.pk}/change/" in page
    assert 'value="udder2009"' in page  # what was typed is kept
    assert not Source.objects.filter(citation_key="udder2009").exists()
    response = editor_client.post("/admin/archive/source/add/", {**data, "not_a_duplicate": "on"})
    assert response.status_code == 302
    assert Source.objects.filter(citation_key="udder2009", status="pending").exists()


def test_same_doi_is_refused_outright(editor_client, existing):
    Source.objects.filter(pk=existing.pk).update(doi="10.1234/milk")
    data = source_post(citation_key="other", title="Other", doi="10.1234/milk", not_a_duplicate="on")
    response = editor_client.post("/admin/archive/source/add/", data)
    assert response.status_code == 200
    assert "Possible duplicate of" not in response.content.decode()
    assert not Source.objects.filter(citation_key="other").exists()


@pytest.mark.parametrize(
    "title", ["Belarus: At a Crossroads", "A Problem With the Udder: Russia and Belarus's Milk War, Part 2"]
)
def test_unrelated_source_is_added_without_a_warning(editor_client, existing, title):
    data = source_post(citation_key="brzezinski1997", title=title)
    assert editor_client.post("/admin/archive/source/add/", data).status_code == 302


def test_change_page_lists_possible_duplicates(editor_client, existing):
    other = Source.objects.create(citation_key="udder", kind="web-page", title=existing.title + ".")
    page = editor_client.get(f"/admin/archive/source/{other.pk}/change/").content.decode()
    assert f"/admin/archive/source/{existing.pk}/change/" in page


@pytest.fixture
def duplicate(existing):
    dup = Source.objects.create(
        citation_key="udder-copy",
        kind="news-article",
        title=existing.title,
        doi="10.5555/udder",
        status="pending",
    )
    event = Event.objects.create(
        title="Milk war",
        slug="milk-war",
        date_edtf="2009-06",
        event_type="trade-ban",
        summary="Milk.",
        body="Russia banned dairy [@udder-copy, p. 1]. See also [@oliphant2009].",
    )
    Citation.objects.create(source=existing, event=event, locator="p. 1")
    Citation.objects.create(source=dup, event=event, locator="p. 1", quote="the udder")
    commentary = Commentary.objects.create(
        title="Essay",
        slug="essay",
        standfirst="S.",
        body="As argued [@udder-copy, p. 3].",
        published_on=dt.date(2020, 1, 1),
        original_publication=dup,
    )
    Citation.objects.create(source=dup, commentary=commentary, locator="p. 3")
    return dup, event, commentary


def merge(client, kept, dup, reason="Same article."):
    return client.post(
        "/admin/archive/source/",
        {
            "action": "merge_sources",
            "_selected_action": [kept.pk, dup.pk],
            "apply": "Merge",
            "kept": kept.pk,
            "reason": reason,
        },
    )


def test_merge_moves_everything_and_keeps_history(moderator_client, moderator, existing, duplicate):
    dup, event, commentary = duplicate
    assert merge(moderator_client, existing, dup).status_code == 302
    assert set(Citation.objects.values_list("source__citation_key", "event_id", "commentary_id", "locator")) == {
        ("oliphant2009", event.pk, None, "p. 1"),
        ("oliphant2009", None, commentary.pk, "p. 3"),
    }
    assert Citation.objects.get(event=event).quote == "the udder"  # combined, nothing lost
    event.refresh_from_db()
    commentary.refresh_from_db()
    assert event.body == "Russia banned dairy [@oliphant2009, p. 1]. See also [@oliphant2009]."
    assert commentary.body == "As argued [@oliphant2009, p. 3]."
    assert commentary.original_publication == existing
    dup.refresh_from_db()
    existing.refresh_from_db()
    assert (dup.status, dup.merged_into, dup.reviewed_by) == ("rejected", existing, moderator)
    assert existing.doi == "10.5555/udder" and dup.doi == ""  # the empty detail was filled in
    assert dup.history.count() >= 2 and dup.history.first().history_change_reason == "Merged into oliphant2009"
    entries = AuditEntry.objects.filter(action="merge")
    assert {e.object_id for e in entries} == {str(existing.pk), str(dup.pk)}
    assert all(e.reason == "Same article." and e.user == moderator for e in entries)
    assert entries.first().changes["merged"] == ["udder-copy", "oliphant2009"]
    # the merged duplicate no longer shows up as a possible duplicate
    assert possible_duplicates(Source(title=existing.title)) == [existing]


def test_merge_needs_a_reason_and_a_moderator(client, editor, moderator, existing, duplicate):
    dup, _, _ = duplicate
    client.force_login(moderator)
    response = merge(client, existing, dup, reason="")
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    client.force_login(editor)
    merge(client, existing, dup)
    dup.refresh_from_db()
    assert dup.merged_into is None and Citation.objects.filter(source=dup).count() == 2
    assert not AuditEntry.objects.filter(action="merge").exists()


def test_merged_duplicate_is_not_offered_for_new_citations(client, moderator, existing, duplicate):
    dup, _, _ = duplicate
    client.force_login(moderator)
    merge(client, existing, dup)
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "archive", "model_name": "citation", "field_name": "source", "term": "udder"},
    )
    assert [r["id"] for r in response.json()["results"]] == [str(existing.pk)]
    assert "udder-copy" in client.get("/admin/archive/source/?q=udder").content.decode()
