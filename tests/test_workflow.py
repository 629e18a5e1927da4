"""Publication workflow: each transition, who may make it, and what the public sees."""

import datetime as dt

import pytest
from django.utils import timezone

from archive.models import AuditEntry, Commentary, Event

from .helpers import commentary_post, event_post, new_commentary


@pytest.fixture
def draft(db):
    return new_commentary()


def change(client, item, **overrides):
    return client.post(f"/admin/archive/commentary/{item.pk}/change/", commentary_post(item, **overrides))


def test_editor_submits_for_review_and_who_when_is_recorded(editor_client, editor, draft):
    response = change(editor_client, draft, status="review", change_reason="Ready for a second pair of eyes")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.status_changed_by) == ("review", editor)
    assert timezone.now() - draft.status_changed_at < dt.timedelta(minutes=1)
    entry = AuditEntry.objects.for_object(draft).get()
    assert (entry.action, entry.user, entry.reason) == ("submit", editor, "Ready for a second pair of eyes")
    assert entry.changes["status"] == ["draft", "review"]
    assert draft.history.first().history_change_reason == "Ready for a second pair of eyes"


@pytest.mark.parametrize("status", ["published", "archived"])
def test_editor_cannot_publish_or_archive(editor_client, draft, status):
    response = change(editor_client, draft, status=status, body="Freshly typed words.")
    assert response.status_code == 200
    assert "You may not" in response.content.decode()
    assert "Freshly typed words." in response.content.decode()  # the refused form keeps what was typed
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert not AuditEntry.objects.exists()


def test_editor_form_offers_only_draft_and_review(editor_client, draft):
    page = editor_client.get(f"/admin/archive/commentary/{draft.pk}/change/").content.decode()
    assert 'name="_workflow" value="draft"' in page and 'name="_workflow" value="submit"' in page
    assert 'value="publish"' not in page and 'value="schedule"' not in page
    assert 'name="status"' not in page  # buttons, not a status menu


def test_moderator_publishes_and_unpublishes(moderator_client, moderator, draft):
    assert change(moderator_client, draft, status="published", change_reason="Reviewed").status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.status_changed_by) == ("published", moderator)
    assert draft.is_public
    assert AuditEntry.objects.for_object(draft).get().action == "publish"
    response = moderator_client.post(
        "/admin/archive/commentary/", {"action": "unpublish", "_selected_action": [draft.pk]}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "archived"
    assert list(AuditEntry.objects.for_object(draft).values_list("action", flat=True)) == ["unpublish", "publish"]
    # Unpublishing is the restorable "delete": a publisher brings it back.
    assert change(moderator_client, draft, status="published", change_reason="Restored").status_code == 302
    draft.refresh_from_db()
    assert draft.is_public and AuditEntry.objects.for_object(draft).first().reason == "Restored"


def test_editor_may_not_unpublish_or_reschedule_a_published_item(editor_client, draft):
    draft.status = "published"
    draft.save()
    response = change(editor_client, draft, _workflow="unpublish")
    assert response.status_code == 200 and "You may not unpublish" in response.content.decode()
    later = (timezone.now() + dt.timedelta(days=30)).strftime("%Y-%m-%d")
    page = editor_client.get(f"/admin/archive/commentary/{draft.pk}/change/").content.decode()
    assert 'name="publish_at_0"' not in page or "disabled" in page.split('name="publish_at_0"')[1][:200]
    change(editor_client, draft, publish_at_0=later, body="Edited.")
    draft.refresh_from_db()
    assert (draft.status, draft.body) == ("published", "A claim.")
    assert draft.publish_at < timezone.now()


def test_unpublish_action_is_offered_to_publishers_only(editor_client, draft):
    draft.status = "published"
    draft.save()
    assert "unpublish" not in editor_client.get("/admin/archive/commentary/").content.decode()
    editor_client.post("/admin/archive/commentary/", {"action": "unpublish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == "published"


def test_bulk_submit_for_review(editor_client, editor, draft):
    response = editor_client.post(
        "/admin/archive/commentary/", {"action": "submit_for_review", "_selected_action": [draft.pk]}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.status_changed_by) == ("review", editor)
    assert AuditEntry.objects.for_object(draft).get().action == "submit"


def test_scheduled_publishing_without_cron(client, draft):
    draft.status = "published"
    draft.publish_at = timezone.now() + dt.timedelta(hours=1)
    draft.save()
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert not Commentary.objects.published().exists()
    Commentary.objects.filter(pk=draft.pk).update(publish_at=timezone.now() - dt.timedelta(seconds=1))
    assert client.get(draft.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("status", ["draft", "review", "archived"])
def test_public_gets_404_staff_previews(client, editor, draft, status):
    draft.status = status
    draft.save()
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(editor)
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_published_content_is_not_deleted_drafts_may_be(client, editor, moderator, draft):
    draft.status = "published"
    draft.save()
    for user in (editor, moderator):
        client.force_login(user)
        assert client.get(f"/admin/archive/commentary/{draft.pk}/delete/").status_code == 403
        response = client.post(
            "/admin/archive/commentary/", {"action": "delete_selected", "_selected_action": [draft.pk], "post": "yes"}
        )
        assert response.status_code == 403
        assert Commentary.objects.filter(pk=draft.pk).exists()
    draft.status = "draft"
    draft.save()
    response = client.post(f"/admin/archive/commentary/{draft.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Commentary.objects.filter(pk=draft.pk).exists()
    assert Commentary.history.filter(id=draft.pk, history_type="-").exists()  # history survives


def test_demo_event_published_only_by_a_publisher(client, editor, moderator, demo):
    event = Event.objects.get(slug="union-state-1999")
    client.force_login(editor)
    page = client.get(f"/admin/archive/event/{event.pk}/change/").content.decode()
    assert "Submit changes for review" in page
    assert 'value="unpublish"' not in page and 'value="schedule"' not in page
    client.force_login(moderator)
    page = client.get(f"/admin/archive/event/{event.pk}/change/").content.decode()
    assert "Publish changes" in page and 'value="unpublish"' in page and 'value="schedule"' in page


@pytest.mark.parametrize("role, allowed", [("editor", False), ("moderator", True)])
def test_publishing_an_event_needs_publish_event(client, demo, request, role, allowed):
    user = request.getfixturevalue(role)
    event = Event.objects.get(slug="union-state-1999")
    Event.objects.filter(pk=event.pk).update(status="review")
    event.refresh_from_db()
    client.force_login(user)
    response = client.post(f"/admin/archive/event/{event.pk}/change/", event_post(event, status="published"))
    event.refresh_from_db()
    assert (response.status_code == 302) is allowed
    assert (event.status == "published") is allowed
    assert event.is_public is allowed
    assert client.get(event.get_absolute_url()).status_code == 200  # staff preview either way
    client.logout()
    assert client.get(event.get_absolute_url()).status_code == (200 if allowed else 404)
    if allowed:
        entry = AuditEntry.objects.for_object(event).get()
        assert (entry.action, entry.user, event.status_changed_by) == ("publish", user, user)
