"""Approving a proposal never loses a publisher's later direct edit; unpublishing closes open proposals.

A proposal keeps the published values it was written against (its base). Approval merges field by field:
the proposal's own changes go live, fields edited live since are kept, and a field changed on both sides
is refused until the publisher chooses, with the three versions shown.
"""

import importlib
import re

import pytest
from django.apps import apps
from django.test import Client

from archive.models import AuditEntry, Commentary, PendingRevision, Tag
from archive.services import publication
from archive.services.publication import Action

from .helpers import commentary_post, new_commentary

URL = "/admin/archive/commentary/{}/change/"


def login(user):
    client = Client()
    client.force_login(user)
    return client


def review_url(item):
    return f"/admin/archive/commentary/{item.pk}/change-review/"


def read(page: str) -> str:
    return re.search(r'name="revision_token" value="([^"]+)"', page).group(1)


@pytest.fixture
def live(db, moderator):
    item = new_commentary(title="Gas and milk", body="The published text.")
    publication.transition(item, moderator, Action.PUBLISH, "Reviewed")
    item.refresh_from_db()
    return item


def propose(editor, item, **fields):
    item.refresh_from_db()
    assert login(editor).post(URL.format(item.pk), commentary_post(item, **fields)).status_code == 302
    return PendingRevision.objects.open().get()


def edit_live(moderator, item, **fields):
    """The publisher edits the published item directly (their save goes live)."""
    item.refresh_from_db()
    data = commentary_post(item, _workflow="save", **fields)
    assert login(moderator).post(URL.format(item.pk), data).status_code == 302
    item.refresh_from_db()


def test_approving_an_older_proposal_keeps_the_publishers_later_edit(editor, moderator, live):
    """The two-person case: both changed the body; approval is refused with the three versions shown."""
    propose(editor, live, body="The published text, corrected by the editor.")
    edit_live(moderator, live, body="The published text, with the publisher's urgent fix.")
    mod = login(moderator)
    page = mod.get(review_url(live)).content.decode()
    assert "Changed on both sides" in page and "edited after this proposal was written (body)" in page
    assert "publisher&#x27;s urgent fix.</ins>" in page  # published since: base → live
    assert "corrected by the editor.</ins>" in page  # proposed: base → proposal
    assert 'name="keep-body" value="live"' in page and 'name="keep-body" value="proposal"' in page

    response = mod.post(review_url(live), {"_approve": "1", "comment": "ok", "revision_token": read(page)})
    assert response.status_code == 400
    assert "changed since this proposal was written, in the same field(s): body" in response.content.decode()
    live.refresh_from_db()
    assert live.body == "The published text, with the publisher's urgent fix."
    assert PendingRevision.objects.get().state == "pending"
    assert publication.merge_revision(PendingRevision.objects.get()).conflicts == ["body"]

    # The publisher keeps the live text: nothing of theirs is lost, and the trail says what was kept.
    data = {"_approve": "1", "comment": "Kept my fix", "revision_token": read(page), "keep-body": "live"}
    assert mod.post(review_url(live), data).status_code == 302
    live.refresh_from_db()
    assert live.body == "The published text, with the publisher's urgent fix."
    revision = PendingRevision.objects.get()
    assert revision.state == "approved" and revision.data["body"].endswith("corrected by the editor.")
    entry = AuditEntry.objects.for_object(live).filter(action="revision-ok").get()
    assert entry.changes["kept from the live version"] == [None, ["body"]] and "body" not in entry.changes


def test_taking_the_proposals_text_in_a_conflict_is_a_deliberate_choice(editor, moderator, live):
    propose(editor, live, body="The editor's text.")
    edit_live(moderator, live, body="The publisher's text.")
    mod = login(moderator)
    token = read(mod.get(review_url(live)).content.decode())
    data = {"_approve": "1", "comment": "", "revision_token": token, "keep-body": "proposal"}
    assert mod.post(review_url(live), data).status_code == 302
    live.refresh_from_db()
    assert live.body == "The editor's text."
    # The replaced text stays in the item's history.
    assert "The publisher's text." in live.history.values_list("body", flat=True)


def test_fields_changed_on_one_side_only_merge_without_asking(editor, moderator, live):
    energy = Tag.objects.create(name="Energy", slug="energy")
    trade = Tag.objects.create(name="Trade", slug="trade")
    propose(editor, live, body="The corrected text.", tags=[str(energy.pk)])
    edit_live(moderator, live, title="Gas, milk and sugar", tags=[str(trade.pk)])
    mod = login(moderator)
    page = mod.get(review_url(live)).content.decode()
    assert "Changed on both sides" not in page
    assert "edited after this proposal was written (title, tags)" in page
    after = page.split("Published now → after approval")[1]
    assert "corrected" in after and "Title" not in after  # the publisher's title is not undone
    assert mod.post(review_url(live), {"_approve": "1", "revision_token": read(page)}).status_code == 302
    live.refresh_from_db()
    assert (live.title, live.body) == ("Gas, milk and sugar", "The corrected text.")
    assert set(live.tags.values_list("slug", flat=True)) == {"energy", "trade"}
    entry = AuditEntry.objects.for_object(live).filter(action="revision-ok").get()
    assert entry.changes["body"] == ["The published text.", "The corrected text."] and "title" not in entry.changes


def test_the_same_change_made_on_both_sides_is_no_conflict(editor, moderator, live):
    propose(editor, live, body="Both fixed the typo.")
    edit_live(moderator, live, body="Both fixed the typo.")
    publication.approve_revision(PendingRevision.objects.get(), moderator)
    live.refresh_from_db()
    assert live.body == "Both fixed the typo."


def test_a_live_edit_after_the_publisher_opened_the_review_is_not_approved_unseen(editor, moderator, live):
    propose(editor, live, body="The editor's text.")
    mod = login(moderator)
    token = read(mod.get(review_url(live)).content.decode())
    edit_live(moderator, live, body="Someone's direct edit.")
    data = {"_approve": "1", "revision_token": token, "keep-body": "proposal"}
    response = mod.post(review_url(live), data)
    assert response.status_code == 400 and "edited after you opened it" in response.content.decode()
    live.refresh_from_db()
    assert live.body == "Someone's direct edit."


def test_a_proposal_typed_into_a_form_opened_before_a_live_edit_is_an_edit_conflict(editor, moderator, live):
    writer = login(editor)
    page = writer.get(URL.format(live.pk)).content.decode()
    opened = commentary_post(live, body="Typed over the old version.")
    opened["edit_token"] = re.search(r'name="edit_token" value="([^"]*)"', page).group(1)
    edit_live(moderator, live, body="The publisher's edit.")
    response = writer.post(URL.format(live.pk), opened)
    page = response.content.decode()
    assert response.status_code == 200 and "Someone else saved this item after you opened it" in page
    assert "Typed over the old version." in page
    assert not PendingRevision.objects.exists()


def test_a_proposal_remembers_the_version_it_was_written_against(editor, moderator, live):
    first = propose(editor, live, body="Proposal one.")
    assert first.base["body"] == "The published text." and first.base["title"] == "Gas and milk"
    # The editor carries on from the proposal: the base stays the published text it started from.
    second = propose(editor, live, body="Proposal two.")
    assert second.pk == first.pk and second.base["body"] == "The published text."


def test_a_proposal_made_before_bases_were_kept_merges_against_the_history(editor, moderator, live):
    propose(editor, live, body="The editor's text.")
    PendingRevision.objects.update(base=None)
    edit_live(moderator, live, title="The publisher's title")
    publication.approve_revision(PendingRevision.objects.get(), moderator)
    live.refresh_from_db()
    assert (live.title, live.body) == ("The publisher's title", "The editor's text.")


# Unpublishing and deleting ----------------------------------------------------------------------


def test_unpublishing_withdraws_the_open_proposal_audited_and_keeps_its_text(editor, moderator, live):
    propose(editor, live, body="A pending improvement.")
    live.refresh_from_db()
    data = commentary_post(live, _workflow="unpublish", change_reason="Legal review")
    assert login(moderator).post(URL.format(live.pk), data).status_code == 302
    live.refresh_from_db()
    assert (live.status, live.body) == ("archived", "The published text.")
    revision = PendingRevision.objects.get()
    assert (revision.state, revision.decided_by) == ("withdrawn", moderator)
    assert revision.data["body"] == "A pending improvement."  # kept, not lost
    entry = AuditEntry.objects.for_object(live).filter(action="revision-closed").get()
    assert (entry.user, entry.reason, entry.changes) == (moderator, "Legal review", {"revision": [revision.pk, None]})
    assert publication.open_revision(live) is None
    page = login(editor).get(URL.format(live.pk)).content.decode()
    assert "was withdrawn when the item was unpublished" in page and "Legal review" in page
    assert "The published text." in page  # the writer edits the item as stored
    link = f"/admin/archive/commentary/{live.pk}/compare/?a=current&amp;b=proposal-{revision.pk}"
    assert link in page
    compared = login(editor).get(link.replace("&amp;", "&")).content.decode()
    assert "improvement.</ins>" in compared
    with pytest.raises(Exception, match="already decided"):
        publication.approve_revision(revision, moderator)
    # The dashboard no longer lists it for review.
    assert f"{live.pk}/change-review/" not in login(moderator).get("/admin/").content.decode()


def test_bulk_unpublish_withdraws_open_proposals_too(editor, moderator, live):
    propose(editor, live, body="A pending improvement.")
    data = {"action": "unpublish", "_selected_action": [live.pk], "_confirm": "1", "comment": "Outdated"}
    assert login(moderator).post("/admin/archive/commentary/", data).status_code == 302
    assert PendingRevision.objects.get().state == "withdrawn"
    assert AuditEntry.objects.for_object(live).filter(action="revision-closed").exists()


def test_deleting_an_item_deletes_its_proposals(moderator, db):
    draft = new_commentary(slug="doomed")
    PendingRevision.objects.create(item=draft, data={"body": "x"}, base={"body": "y"})
    draft.delete()
    assert not PendingRevision.objects.exists()
    assert login(moderator).get("/admin/").status_code == 200


def test_the_migration_withdraws_proposals_stranded_by_earlier_unpublishing(editor, moderator, live):
    propose(editor, live, body="Still open.")
    stranded = new_commentary(slug="stranded", status="archived")
    PendingRevision.objects.create(item=stranded, data={"body": "x"})
    migration = importlib.import_module("archive.migrations.0012_revision_base_withdrawn_flag_audit")
    migration.withdraw_stranded_proposals(apps, None)
    states = dict(PendingRevision.objects.values_list("object_id", "state"))
    assert states == {stranded.pk: "withdrawn", live.pk: "pending"}
    assert Commentary.objects.get(pk=stranded.pk).status == "archived"
