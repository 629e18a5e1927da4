"""The publication service and the workflow buttons: per role, through the admin and the service.

The central promise: no change to a published item goes live unreviewed.
"""

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from archive.models import AuditEntry, PendingRevision, Source, Tag
from archive.services import publication
from archive.services.publication import Action

from .helpers import commentary_post, new_commentary

URL = "/admin/archive/commentary/{}/change/"


def login(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def live(db, moderator):
    item = new_commentary(body="The published text.")
    publication.transition(item, moderator, Action.PUBLISH, "Reviewed")
    item.refresh_from_db()
    return item


def public_body(item):
    return Client().get(item.get_absolute_url()).content.decode()


def review_url(item):
    return f"/admin/archive/commentary/{item.pk}/change-review/"


def read(page: str) -> str:
    """The token of the proposal the review screen showed."""
    return re.search(r'name="revision_token" value="([^"]+)"', page).group(1)


def test_a_proposal_edited_after_the_publisher_read_it_is_not_approved(editor, moderator, live):
    writer, mod = login(editor), login(moderator)
    writer.post(URL.format(live.pk), commentary_post(live, body="Harmless fix."))
    page = mod.get(review_url(live)).content.decode()
    assert "Harmless" in page
    writer.post(URL.format(live.pk), commentary_post(live, body="Unreviewed claim."))
    response = mod.post(review_url(live), {"_approve": "1", "comment": "read it", "revision_token": read(page)})
    assert response.status_code == 400 and "edited after you opened it" in response.content.decode()
    live.refresh_from_db()
    assert live.body == "The published text." and "Unreviewed claim." not in public_body(live)
    assert PendingRevision.objects.get().state == "pending"
    # Without any token (a forged or stale form) nothing is approved either.
    mod.post(review_url(live), {"_approve": "1", "comment": "read it"})
    live.refresh_from_db()
    assert live.body == "The published text."


def test_bulk_publish_keeps_the_two_country_rule(moderator):
    from archive.models import Actor, Event

    belarus = Actor.objects.create(name="Belarus", slug="belarus", kind="country")
    russia = Actor.objects.create(name="Russia", slug="russia", kind="country")
    lonely = Event.objects.create(title="Alone", slug="alone", date_edtf="2001", event_type="summit", status="review")
    lonely.actors.set([belarus])
    paired = Event.objects.create(title="Paired", slug="paired", date_edtf="2001", event_type="summit", status="review")
    paired.actors.set([belarus, russia])
    response = login(moderator).post(
        "/admin/archive/event/", {"action": "publish", "_selected_action": [lonely.pk, paired.pk]}, follow=True
    )
    assert "Not allowed for: Alone" in response.content.decode()
    lonely.refresh_from_db(), paired.refresh_from_db()
    assert (lonely.status, paired.status) == ("review", "published")
    with pytest.raises(ValidationError):
        publication.save(lonely, moderator, Action.PUBLISH)


def test_buttons_per_role_and_status(editor, moderator):
    from archive.models import Commentary

    assert publication.actions_for(editor, Commentary, None) == ["draft", "submit"]
    assert publication.actions_for(editor, Commentary, "published") == ["submit"]
    assert publication.actions_for(editor, Commentary, "archived") == ["save"]
    assert set(publication.actions_for(moderator, Commentary, "review")) == {
        "submit", "draft", "publish", "schedule", "send-back"
    }  # fmt: skip
    assert publication.actions_for(moderator, Commentary, "published") == ["save", "schedule", "unpublish"]


def test_editors_change_to_a_published_item_waits_for_review(editor, live):
    tag = Tag.objects.create(name="Energy", slug="energy")
    editor_client = login(editor)
    data = commentary_post(live, body="The corrected text.", tags=[str(tag.pk)], change_reason="Fix a date")
    response = editor_client.post(URL.format(live.pk), data)
    assert response.status_code == 302 and response["Location"] == URL.format(live.pk)
    live.refresh_from_db()
    assert (live.body, live.status, list(live.tags.all())) == ("The published text.", "published", [])
    assert "The published text." in public_body(live) and "corrected" not in public_body(live)
    revision = PendingRevision.objects.get()
    assert (revision.data["body"], revision.data["tags"]) == ("The corrected text.", [tag.pk])
    assert revision.created_by == editor
    entry = AuditEntry.objects.for_object(live).first()
    assert (entry.action, entry.user, entry.reason) == ("revise", editor, "Fix a date")
    # Reopening the form carries on from the proposal, and says so.
    page = editor_client.get(URL.format(live.pk)).content.decode()
    assert "The corrected text." in page and "your change awaiting review" in page
    # A second edit updates the same proposal.
    assert editor_client.post(URL.format(live.pk), commentary_post(live, body="Corrected again.")).status_code == 302
    assert PendingRevision.objects.get().data["body"] == "Corrected again."


def test_publisher_approves_the_change_and_it_goes_live_audited(editor, moderator, live):
    Source.objects.create(citation_key="svr1994", kind="book", title="A book", status="approved")
    login(editor).post(URL.format(live.pk), commentary_post(live, body="Now cited [@svr1994, p. 12]."))
    mod = login(moderator)
    page = mod.get(review_url(live)).content.decode()
    assert '<ins class="diff-ins">' in page and "Approve and publish" in page
    response = mod.post(review_url(live), {"_approve": "1", "comment": "Good catch", "revision_token": read(page)})
    assert response.status_code == 302
    live.refresh_from_db()
    assert live.body == "Now cited [@svr1994, p. 12]." and live.is_public
    assert list(live.citations.values_list("source__citation_key", "locator")) == [("svr1994", "p. 12")]
    assert "[1]" in public_body(live)
    entry = AuditEntry.objects.for_object(live).first()
    assert (entry.action, entry.user, entry.reason) == ("revision-ok", moderator, "Good catch")
    assert entry.changes["body"] == ["The published text.", "Now cited [@svr1994, p. 12]."]
    assert PendingRevision.objects.get().state == "approved"
    assert publication.open_revision(live) is None


def test_publisher_sends_the_change_back_with_a_comment(editor, moderator, live):
    login(editor).post(URL.format(live.pk), commentary_post(live, body="A doubtful claim."))
    mod = login(moderator)
    response = mod.post(review_url(live), {"_send_back": "1", "comment": ""})
    assert response.status_code == 400 and "Say why" in response.content.decode()
    assert mod.post(review_url(live), {"_send_back": "1", "comment": "Needs a source"}).status_code == 302
    live.refresh_from_db()
    assert live.body == "The published text."
    revision = PendingRevision.objects.get()
    assert (revision.state, revision.decision_comment) == ("sent-back", "Needs a source")
    assert revision.decided_by == moderator
    assert AuditEntry.objects.for_object(live).first().action == "revision-back"
    page = login(editor).get(URL.format(live.pk)).content.decode()
    assert "was sent back by mo: “Needs a source”" in page and "The published text." in page


def test_editor_can_see_but_not_decide_a_pending_change(editor, live):
    editor_client = login(editor)
    editor_client.post(URL.format(live.pk), commentary_post(live, body="Mine."))
    page = editor_client.get(review_url(live)).content.decode()
    assert "Someone who may publish approves" in page and "Approve and publish" not in page
    assert editor_client.post(review_url(live), {"_approve": "1"}).status_code == 403
    live.refresh_from_db()
    assert live.body == "The published text."
    with pytest.raises(PermissionDenied):
        publication.approve_revision(PendingRevision.objects.get(), editor)


def test_publishers_publish_their_own_edits_directly(moderator, live):
    response = login(moderator).post(URL.format(live.pk), commentary_post(live, body="Edited live.", _workflow="save"))
    assert response.status_code == 302
    live.refresh_from_db()
    assert live.body == "Edited live." and "Edited live." in public_body(live)
    assert not PendingRevision.objects.exists()


def test_editor_cannot_change_a_live_items_authors_or_citations_inline(editor, live):
    page = login(editor).get(URL.format(live.pk)).content.decode()
    assert 'name="citations-0-source"' not in page and 'name="authorships-0-person"' not in page


def test_schedule_needs_a_future_date_and_hides_until_then(moderator):
    item = new_commentary()
    mod = login(moderator)
    past = commentary_post(item, _workflow="schedule", publish_at_0="2020-01-01")
    response = mod.post(URL.format(item.pk), past)
    assert response.status_code == 200 and "set a publish date in the future" in response.content.decode()
    when = timezone.now() + dt.timedelta(days=3)
    future = commentary_post(item, _workflow="schedule", publish_at_0=when.strftime("%Y-%m-%d"))
    assert mod.post(URL.format(item.pk), future).status_code == 302
    item.refresh_from_db()
    assert item.status == "published" and not item.is_public
    assert Client().get(item.get_absolute_url()).status_code == 404
    assert AuditEntry.objects.for_object(item).first().action == "schedule"


def test_publish_button_publishes_now_whatever_the_date_field_says(moderator):
    item = new_commentary(publish_at=timezone.now() + dt.timedelta(days=9))
    later = (timezone.now() + dt.timedelta(days=9)).strftime("%Y-%m-%d")
    assert login(moderator).post(URL.format(item.pk), commentary_post(item, _workflow="publish", publish_at_0=later))
    item.refresh_from_db()
    assert item.is_public


def test_send_back_an_item_in_review_needs_a_comment(moderator, editor):
    item = new_commentary(status="review")
    mod = login(moderator)
    response = mod.post(URL.format(item.pk), commentary_post(item, _workflow="send-back"))
    assert response.status_code == 200 and "say why" in response.content.decode()
    data = commentary_post(item, _workflow="send-back", change_reason="Cite the treaty text")
    assert mod.post(URL.format(item.pk), data).status_code == 302
    item.refresh_from_db()
    assert item.status == "draft"
    entry = AuditEntry.objects.for_object(item).first()
    assert (entry.action, entry.reason) == ("send-back", "Cite the treaty text")


def test_service_refuses_publishing_for_editors(editor):
    item = new_commentary()
    with pytest.raises(ValidationError):
        publication.save(item, editor, Action.PUBLISH)
    with pytest.raises(PermissionDenied):
        publication.transition(item, editor, Action.PUBLISH)
    item.refresh_from_db()
    assert item.status == "draft" and not AuditEntry.objects.exists()


def test_bulk_publish_and_send_back_for_publishers_only(editor, moderator):
    one, two = new_commentary(status="review"), new_commentary(slug="two", status="review")
    assert 'value="publish"' not in login(editor).get("/admin/archive/commentary/").content.decode()
    login(editor).post("/admin/archive/commentary/", {"action": "publish", "_selected_action": [one.pk]})
    one.refresh_from_db()
    assert one.status == "review"
    mod = login(moderator)
    response = mod.post("/admin/archive/commentary/", {"action": "publish", "_selected_action": [one.pk]})
    assert response.status_code == 302
    one.refresh_from_db()
    assert one.is_public and AuditEntry.objects.for_object(one).get().action == "publish"
    # Sending back asks for the comment first, then records it on each item.
    ask = mod.post("/admin/archive/commentary/", {"action": "send_back", "_selected_action": [two.pk]})
    assert ask.status_code == 200 and "say why" in ask.content.decode()
    two.refresh_from_db()
    assert two.status == "review"
    done = mod.post(
        "/admin/archive/commentary/",
        {"action": "send_back", "_selected_action": [two.pk], "_confirm": "1", "comment": "Needs sources"},
    )
    assert done.status_code == 302
    two.refresh_from_db()
    assert two.status == "draft"
    assert (AuditEntry.objects.for_object(two).get().reason) == "Needs sources"


def test_an_editors_change_to_a_published_event_waits_for_review_too(editor, moderator):
    from archive.models import Actor, Event

    from .helpers import event_post

    event = Event.objects.create(
        title="Treaty", slug="treaty", date_edtf="1999-12-08", event_type="treaty", summary="Signed.",
        status="published", publish_at=timezone.now() - dt.timedelta(days=1),
    )  # fmt: skip
    event.actors.set([Actor.objects.create(kind="country", name=n, slug=n.lower()) for n in ("Belarus", "Russia")])
    url = f"/admin/archive/event/{event.pk}/change/"
    assert login(editor).post(url, event_post(event, summary="Signed in Moscow.")).status_code == 302
    event.refresh_from_db()
    assert event.summary == "Signed." and "Signed." in Client().get(event.get_absolute_url()).content.decode()
    revision = publication.open_revision(event)
    assert revision.data["summary"] == "Signed in Moscow."
    publication.approve_revision(revision, moderator)
    event.refresh_from_db()
    assert event.summary == "Signed in Moscow." and event.actors.count() == 2
