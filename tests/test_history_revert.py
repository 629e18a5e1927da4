"""Restoring an old version from the admin history must not bypass moderation or the workflow.

An old version carries the status it had then; restoring it is an edit like any
other, judged against what is stored now.
"""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from archive.models import AuditEntry, Commentary, Source
from archive.services import publication
from archive.services import sources as moderation

from .helpers import commentary_post, new_commentary, source_post


def revert_url(obj, version):
    return f"/admin/archive/{obj._meta.model_name}/{obj.pk}/history/{version.history_id}/"


@pytest.fixture
def rejected(db, moderator):
    """A source approved first (version 1), then rejected by a moderator."""
    source = Source.objects.create(citation_key="state2020", kind="news-article", title="State news", status="approved")
    moderation.reject(source, moderator, "Fabricated quotes.")
    return source


def first_version(obj):
    return obj.history.order_by("history_date", "history_id").first()


def test_editor_restoring_an_approved_version_keeps_the_source_rejected(editor_client, rejected):
    old = first_version(rejected)
    assert old.status == "approved"
    form = editor_client.get(revert_url(rejected, old))
    assert form.status_code == 200
    response = editor_client.post(revert_url(rejected, old), source_post(old.instance, title="State news (restored)"))
    assert response.status_code == 302
    rejected.refresh_from_db()
    assert rejected.title == "State news (restored)"  # the restore itself worked
    assert (rejected.status, rejected.moderator_note) == ("rejected", "Fabricated quotes.")
    editor_client.logout()
    assert editor_client.get(rejected.get_absolute_url()).status_code == 404


def test_moderator_restoring_a_version_is_an_audited_decision(moderator_client, moderator, rejected):
    old = first_version(rejected)
    response = moderator_client.post(
        revert_url(rejected, old), source_post(old.instance, change_reason="Rejected by mistake")
    )
    assert response.status_code == 302
    rejected.refresh_from_db()
    assert (rejected.status, rejected.reviewed_by) == ("approved", moderator)
    entry = AuditEntry.objects.for_object(rejected).order_by("-pk").first()
    assert (entry.action, entry.reason) == ("approve", "Rejected by mistake")
    assert entry.changes["status"] == ["rejected", "approved"]


def test_restoring_a_version_from_before_a_merge_keeps_the_merge(moderator_client, moderator):
    kept = Source.objects.create(citation_key="kept2020", kind="book", title="Kept", status="approved")
    duplicate = Source.objects.create(citation_key="dupe2020", kind="book", title="Kept!", status="approved")
    moderation.merge(kept, duplicate, moderator, "Same book.")
    duplicate.refresh_from_db()
    old = first_version(duplicate)
    assert old.merged_into_id is None
    response = moderator_client.post(
        revert_url(duplicate, old), source_post(old.instance, status="rejected", moderator_note="Duplicate.")
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    duplicate.refresh_from_db()
    assert duplicate.merged_into == kept


@pytest.fixture
def unpublished(db, moderator):
    """A commentary published, then unpublished (archived) by someone who may publish."""
    item = new_commentary()
    publication.transition(item, moderator, "publish")
    publication.transition(item, moderator, "unpublish", "Withdrawn after a complaint")
    return item


def published_version(item):
    return item.history.filter(status="published").order_by("history_date").first()


def test_editor_cannot_republish_by_restoring_a_published_version(editor_client, unpublished):
    old = published_version(unpublished)
    page = editor_client.get(revert_url(unpublished, old)).content.decode()
    assert 'value="publish"' not in page
    response = editor_client.post(revert_url(unpublished, old), commentary_post(old.instance, _workflow="publish"))
    assert response.status_code == 200
    assert "You may not publish this commentary" in response.content.decode()
    unpublished.refresh_from_db()
    assert unpublished.status == "archived"
    assert editor_client.get(unpublished.get_absolute_url()).status_code == 200  # staff preview only
    editor_client.logout()
    assert editor_client.get(unpublished.get_absolute_url()).status_code == 404


def test_editor_cannot_reschedule_a_published_item_by_restoring(editor_client, moderator):
    item = new_commentary(publish_at=timezone.now() + dt.timedelta(days=30))
    old = item.history.first()
    publication.transition(item, moderator, "publish")
    Commentary.objects.filter(pk=item.pk).update(publish_at=timezone.now() + dt.timedelta(days=60))
    item.refresh_from_db()
    stored_schedule = item.publish_at
    # The old version's schedule differs from the stored one: restoring it must not reschedule,
    # and restoring a live item is a change like any other: a proposal for a publisher.
    response = editor_client.post(revert_url(item, old), commentary_post(old.instance, body="Restored text."))
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.publish_at, item.body) == (stored_schedule, "A claim.")
    assert publication.open_revision(item).data["body"] == "Restored text."


def test_restoring_a_body_restores_its_citations_and_never_shows_a_hidden_key(editor_client, moderator):
    Source.objects.create(citation_key="memo-on-union-2026", kind="report", title="A memo", status="pending")
    item = new_commentary(body="A claim [@memo-on-union-2026].")
    response = editor_client.post(f"/admin/archive/commentary/{item.pk}/change/", commentary_post(item))
    assert response.status_code == 302
    publication.transition(item, moderator, "publish")
    item.refresh_from_db()
    # Changes to the live item are a publisher's own (an editor's would wait for review).
    publisher = Client()
    publisher.force_login(moderator)
    publisher.post(f"/admin/archive/commentary/{item.pk}/change/", commentary_post(item, body="A claim."))
    item.citations.all().delete()  # as ticking the inline's delete box does
    old = item.history.filter(body__contains="memo").order_by("-history_date").first()
    item.refresh_from_db()
    response = publisher.post(revert_url(item, old), commentary_post(item, body=old.body))
    assert response.status_code == 302
    assert list(item.citations.values_list("source__citation_key", flat=True)) == ["memo-on-union-2026"]
    page = Client().get(item.get_absolute_url()).content.decode()  # the public
    assert "Source under review" in page and "memo-on-union" not in page
