"""Search never tells the public what only staff may see: cited sources under review, words of drafts.

Runs on whichever database is configured (SQLite by default, PostgreSQL with DATABASE_URL).
"""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from archive.models import Actor, Citation, Event, Source
from tests.helpers import new_commentary

from .helpers import event_post

pytestmark = pytest.mark.django_db
URL = reverse("archive:search")
FEED = reverse("archive:search_feed")
PAST = timezone.now() - dt.timedelta(days=1)


def search(client, q):
    response = client.get(URL, {"q": q, "format": "json"})
    assert response.status_code == 200, response.content
    return response.json()


def titles(client, q):
    return sorted(r["title"] for r in search(client, q)["results"])


def everything_public(client, q) -> str:
    """What a reader can get for a query: the page, its JSON (titles and snippets) and the Atom feed, lowercased."""
    page = client.get(URL, {"q": q}).content.decode()
    data = client.get(URL, {"q": q, "format": "json"}).content.decode()
    feed = client.get(FEED, {"q": q}).content.decode()
    return f"{page}\n{data}\n{feed}".lower()


def make_event(title="Transit talks", slug="transit-talks", **fields):
    values = {
        "title": title,
        "slug": slug,
        "event_type": "negotiations",
        "summary": "Delegations met.",
        "body": "Talks on transit fees.",
        "date_edtf": "2007-03",
        "status": "published",
        "publish_at": PAST,
    }
    values.update(fields)
    return Event.objects.create(**values)


def queue_action(client, name, sources, **extra):
    """A bulk action in the moderators' queue (pending sources only)."""
    selected = [s.pk for s in sources]
    if name == "approve_sources" and "apply" not in extra:  # the queue asks for the rating first
        extra = {"apply": "Approve", "reliability": "reliable", **extra}
    return client.post("/admin/archive/pendingsource/", {"action": name, "_selected_action": selected, **extra})


def source_action(client, name, sources, **extra):
    selected = [s.pk for s in sources]
    return client.post("/admin/archive/source/", {"action": name, "_selected_action": selected, **extra})


@pytest.fixture
def cited_pending():
    """A published event and commentary citing a source still under review, whose title has a unique word."""
    source = Source.objects.create(
        citation_key="dossier", kind="report", title="The Quagmoor dossier", status="pending", date_edtf="2006"
    )
    event = make_event(body="Talks on transit fees [@dossier, p. 3].")
    commentary = new_commentary(
        title="On transit", slug="on-transit", body="Transit fees, again [@dossier].", status="published"
    )
    Citation.objects.create(event=event, source=source, locator="p. 3")
    Citation.objects.create(commentary=commentary, source=source)
    return source


# Cited sources under review.


def test_title_of_a_pending_cited_source_is_not_searchable_nor_shown(client, cited_pending):
    assert search(client, "quagmoor")["total"] == 0
    assert "<entry>" not in client.get(FEED, {"q": "quagmoor"}).content.decode()
    assert "no results" in client.get(URL, {"q": "quagmoor"}).content.decode().lower()
    # The citing items are found by their own words, and their snippets do not quote the source either.
    assert titles(client, "transit") == ["On transit", "Transit talks"]
    assert "quagmoor" not in everything_public(client, "transit fees")


def test_approving_in_the_queue_makes_it_findable_and_rejecting_hides_it_again(client, moderator_client, cited_pending):
    response = queue_action(moderator_client, "approve_sources", [cited_pending])
    assert response.status_code == 302
    assert titles(client, "quagmoor") == ["On transit", "The Quagmoor dossier", "Transit talks"]
    assert "quagmoor" in everything_public(client, "transit fees")

    response = source_action(
        moderator_client, "reject_sources", [cited_pending], apply="Reject", reason="Forged document."
    )
    assert response.status_code == 302
    assert Source.objects.get(pk=cited_pending.pk).status == "rejected"
    assert search(client, "quagmoor")["total"] == 0
    assert "quagmoor" not in everything_public(client, "transit fees")


def test_rejecting_from_the_queue_keeps_it_hidden(client, moderator_client, cited_pending):
    queue_action(moderator_client, "reject_sources", [cited_pending], apply="Reject", reason="Spam.")
    assert Source.objects.get(pk=cited_pending.pk).status == "rejected"
    assert search(client, "quagmoor")["total"] == 0


def test_merging_an_approved_source_into_a_pending_one_hides_both_titles(client, moderator_client):
    kept = Source.objects.create(citation_key="atlas-b", kind="book", title="Fenwick atlas", status="pending")
    duplicate = Source.objects.create(citation_key="atlas", kind="book", title="Fenwick atlas", status="approved")
    event = make_event(body="Routes [@atlas].")
    Citation.objects.create(event=event, source=duplicate)
    assert titles(client, "fenwick") == ["Fenwick atlas", "Transit talks"]
    response = source_action(
        moderator_client, "merge_sources", [kept, duplicate], apply="Merge", kept=kept.pk, reason="Same book."
    )
    assert response.status_code == 302
    assert Citation.objects.get(event=event).source == kept
    assert search(client, "fenwick")["total"] == 0
    queue_action(moderator_client, "approve_sources", [kept])
    assert titles(client, "fenwick") == ["Fenwick atlas", "Transit talks"]


# Did you mean: only words of documents the public can see now.


def suggestion(client, q):
    return search(client, q)["suggestion"]


def test_a_word_only_in_a_draft_is_never_suggested_until_published(client, moderator_client):
    make_event()  # something public, so the vocabulary is not empty
    draft = make_event(title="Quillfeather accord", slug="accord", summary="Signed.", status="draft")
    draft.actors.set(  # the admin publishes an event only between at least two countries
        [Actor.objects.create(kind="country", name=name, slug=name.lower()) for name in ("Belarus", "Russia")]
    )
    assert suggestion(client, "Quilfeather") is None
    assert suggestion(client, "Quillfeather") is None  # a known-only-to-staff word is not "known" either
    assert search(client, "Quillfeather")["total"] == 0

    response = moderator_client.post(
        f"/admin/archive/event/{draft.pk}/change/", event_post(draft, status="published", publish_at_0="2020-01-01")
    )
    assert response.status_code == 302
    assert suggestion(client, "Quilfeather") == "Quillfeather"
    assert "Did you mean" in client.get(URL, {"q": "Quilfeather"}).content.decode()

    moderator_client.post("/admin/archive/event/", {"action": "unpublish", "_selected_action": [draft.pk]})
    assert Event.objects.get(pk=draft.pk).status == "archived"
    assert suggestion(client, "Quilfeather") is None


def test_a_word_stays_suggestable_while_another_public_document_has_it(client, moderator_client):
    first = make_event(title="Quillfeather accord", slug="accord")
    make_event(title="Quillfeather summit", slug="summit")
    moderator_client.post("/admin/archive/event/", {"action": "unpublish", "_selected_action": [first.pk]})
    assert suggestion(client, "Quilfeather") == "Quillfeather"


def test_a_word_of_a_scheduled_item_becomes_suggestable_when_it_is_due(client, monkeypatch):
    make_event()
    make_event(title="Quillfeather accord", slug="accord", publish_at=timezone.now() + dt.timedelta(days=2))
    assert suggestion(client, "Quilfeather") is None
    later = timezone.now() + dt.timedelta(days=3)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert search(client, "Quillfeather")["total"] == 1
    assert suggestion(client, "Quilfeather") == "Quillfeather"


def test_words_of_pending_and_rejected_sources_are_not_suggested(client, moderator_client, cited_pending):
    assert suggestion(client, "Quagmor") is None
    queue_action(moderator_client, "approve_sources", [cited_pending])
    assert suggestion(client, "Quagmor") == "Quagmoor"
    source_action(moderator_client, "reject_sources", [cited_pending], apply="Reject", reason="Forged.")
    assert suggestion(client, "Quagmor") is None


def test_deleting_a_source_removes_its_words(client, admin_client):
    source = Source.objects.create(citation_key="k", kind="book", title="Zubrowka handbook", status="approved")
    make_event()
    assert suggestion(client, "Zubrowca") == "Zubrowka"
    response = admin_client.post(f"/admin/archive/source/{source.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert suggestion(client, "Zubrowca") is None


def test_rebuild_recounts_the_vocabulary(client):
    from search.models import SearchTerm

    make_event(title="Quillfeather accord", slug="accord")
    make_event(title="Marrowdale draft", slug="draft", status="draft")
    SearchTerm.objects.all().delete()
    SearchTerm.objects.create(word="marrowdale", length=10, documents=3)  # a damaged vocabulary
    assert suggestion(client, "Quilfeather") is None
    assert suggestion(client, "Marowdale") == "Marrowdale"
    call_command("rebuild_search_index", "--no-progress", stdout=io.StringIO())
    assert suggestion(client, "Quilfeather") == "Quillfeather"
    assert suggestion(client, "Marowdale") is None
    assert not SearchTerm.objects.filter(word="marrowdale").exists()
