"""Each role against each action, through the admin's HTTP interface."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client

from archive.models import AuditEntry, Source
from archive.roles import ROLE_PERMISSIONS

from .helpers import source_post


@pytest.fixture
def pending(db):
    return Source.objects.create(citation_key="doubtful2020", kind="web-page", title="A doubtful page")


@pytest.fixture
def reader_client(client, db):
    """Logged in, but not staff: a reader with an account has no admin rights."""
    client.force_login(get_user_model().objects.create_user("reader", password="pw-reader-123"))
    return client


def group_codenames(name):
    return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))


def test_groups_hold_exactly_their_permissions_and_setup_is_idempotent(db):
    assert group_codenames("Editors") == ROLE_PERMISSIONS["Editors"]
    assert group_codenames("Moderators") == ROLE_PERMISSIONS["Moderators"]
    assert "moderate_source" not in group_codenames("Editors")
    assert {"publish_event", "publish_commentary"}.isdisjoint(group_codenames("Editors"))
    editors = Group.objects.get(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="moderate_source"))  # granted by hand …
    out = io.StringIO()
    call_command("setup_roles", stdout=out)
    call_command("setup_roles", stdout=out)
    assert group_codenames("Editors") == ROLE_PERMISSIONS["Editors"]  # … and taken away again
    assert Group.objects.filter(name__in=["Editors", "Moderators"]).count() == 2
    assert f"Editors: {len(ROLE_PERMISSIONS['Editors'])} permissions" in out.getvalue()


def test_demo_users_get_one_role_each(db, client, settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("load_demo", "--with-demo-users", stdout=out)
    call_command("load_demo", "--with-demo-users", stdout=out)
    users = get_user_model().objects
    editor, moderator = users.get(username="editor"), users.get(username="moderator")
    assert [g.name for g in editor.groups.all()] == ["Editors"]
    assert [g.name for g in moderator.groups.all()] == ["Moderators"]
    assert not editor.user_permissions.exists() and not moderator.user_permissions.exists()
    assert not editor.has_perm("archive.moderate_source") and moderator.has_perm("archive.moderate_source")
    assert client.login(username="moderator", password="relations-demo")
    assert client.get("/admin/archive/pendingsource/").status_code == 200
    assert "as “moderator” with password “relations-demo”" in out.getvalue()


@pytest.mark.parametrize(
    "url", ["/admin/archive/source/", "/admin/archive/pendingsource/", "/admin/archive/auditentry/"]
)
def test_anonymous_and_readers_get_nothing(reader_client, pending, url):
    for c in (Client(), reader_client):
        response = c.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_anonymous_and_readers_cannot_post_decisions(reader_client, pending):
    for c in (Client(), reader_client):
        c.post(f"/admin/archive/source/{pending.pk}/change/", source_post(pending, status="approved"))
        c.post("/admin/archive/source/", {"action": "approve_sources", "_selected_action": [pending.pk]})
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_editor_adds_a_source_which_stays_pending_whatever_is_posted(editor_client, editor):
    data = source_post(
        citation_key="new2024", title="A new book", status="approved", reliability="reliable", moderator_note="ok"
    )
    response = editor_client.post("/admin/archive/source/add/", data)
    assert response.status_code == 302
    source = Source.objects.get(citation_key="new2024")
    assert (source.status, source.reliability, source.moderator_note) == ("pending", "", "")
    assert source.submitted_by == editor and source.reviewed_by is None


def test_editor_edits_details_but_not_the_decision(editor_client, pending):
    data = source_post(pending, title="A corrected title", status="approved", reliability="reliable")
    assert editor_client.post(f"/admin/archive/source/{pending.pk}/change/", data).status_code == 302
    pending.refresh_from_db()
    assert pending.title == "A corrected title"
    assert (pending.status, pending.reliability, pending.reviewed_at) == ("pending", "", None)
    page = editor_client.get(f"/admin/archive/source/{pending.pk}/change/").content.decode()
    assert 'name="status"' not in page and 'name="reliability"' not in page


def test_editor_has_no_moderation_actions_or_queue(editor_client, pending):
    changelist = editor_client.get("/admin/archive/source/").content.decode()
    assert "approve_sources" not in changelist and "reject_sources" not in changelist
    response = editor_client.post(
        "/admin/archive/source/", {"action": "approve_sources", "_selected_action": [pending.pk]}
    )
    assert response.status_code in (200, 302)
    pending.refresh_from_db()
    assert pending.status == "pending"
    assert editor_client.get("/admin/archive/pendingsource/").status_code == 403
    assert editor_client.get(f"/admin/archive/pendingsource/{pending.pk}/change/").status_code == 403
    assert editor_client.get("/admin/archive/readersubmission/").status_code == 403


def test_moderator_approves_in_the_change_form_with_who_and_when(moderator_client, moderator, pending):
    data = source_post(
        pending, status="approved", reliability="reliable", moderator_note="Checked.", change_reason="ok"
    )
    assert moderator_client.post(f"/admin/archive/source/{pending.pk}/change/", data).status_code == 302
    pending.refresh_from_db()
    assert (pending.status, pending.reliability, pending.reviewed_by) == ("approved", "reliable", moderator)
    assert pending.reviewed_at is not None
    entry = AuditEntry.objects.for_object(pending).get()
    assert (entry.action, entry.user, entry.reason) == ("approve", moderator, "ok")
    assert entry.changes["status"] == ["pending", "approved"]
    assert entry.changes["reliability"] == ["", "reliable"]
    assert pending.history.first().history_change_reason == "ok"


def test_moderator_cannot_reject_without_a_reason_in_the_form(moderator_client, pending):
    response = moderator_client.post(
        f"/admin/archive/source/{pending.pk}/change/", source_post(pending, status="rejected")
    )
    assert response.status_code == 200
    assert "Rejecting a source requires a reason." in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_permissions_per_role_on_admin_pages(client, editor, moderator, pending):
    expectations = {
        # url: (editor, moderator)
        "/admin/archive/source/add/": (200, 200),
        f"/admin/archive/source/{pending.pk}/change/": (200, 200),
        f"/admin/archive/source/{pending.pk}/delete/": (403, 403),
        "/admin/archive/pendingsource/": (403, 200),
        "/admin/archive/readersubmission/": (403, 200),
        "/admin/archive/flag/": (200, 200),
        "/admin/archive/auditentry/": (200, 200),
        "/admin/archive/event/add/": (200, 200),
        "/admin/archive/commentary/add/": (200, 200),
        "/admin/auth/user/": (403, 403),
        "/admin/auth/group/": (403, 403),
    }
    for index, user in enumerate((editor, moderator)):
        client.force_login(user)
        got = {url: client.get(url).status_code for url in expectations}
        assert got == {url: codes[index] for url, codes in expectations.items()}, user.username


def test_moderator_decides_from_the_queue_entry(moderator_client, moderator, pending):
    url = f"/admin/archive/pendingsource/{pending.pk}/change/"
    assert moderator_client.get(url).status_code == 200
    response = moderator_client.post(url, source_post(pending, status="approved", reliability="mixed"))
    assert response.status_code == 302 and response["Location"] == "/admin/archive/pendingsource/"
    pending.refresh_from_db()
    assert (pending.status, pending.reliability, pending.reviewed_by) == ("approved", "mixed", moderator)
    assert AuditEntry.objects.for_object(pending).get().action == "approve"
    assert moderator_client.get(url).status_code == 302  # no longer in the queue: redirected away
