"""Never lose an edit: a form opened before someone else's save is refused, with the differences,
and keeps everything typed so it can be merged and saved again."""

import re

import pytest
from django.test import Client

from archive.models import Commentary

from .helpers import commentary_post, new_commentary

URL = "/admin/archive/commentary/{}/change/"


def opened_form(client, item):
    """What a browser would post back: the stored values and the version the form was opened on."""
    page = client.get(URL.format(item.pk)).content.decode()
    token = re.search(r'name="edit_token" value="([^"]*)"', page).group(1)
    return commentary_post(item, edit_token=token)


def login(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def item(db):
    return new_commentary(body="First paragraph.")


def test_the_later_save_of_an_earlier_form_is_refused_and_nothing_is_lost(editor, moderator, item):
    editor_a, mod = login(editor), login(moderator)
    moderators_form = opened_form(mod, item)  # the moderator opens the form first …
    editors_form = opened_form(editor_a, item)
    editors_form["body"] = "First paragraph.\n\nEditor A's new paragraph."
    assert editor_a.post(URL.format(item.pk), editors_form).status_code == 302  # … editor A saves

    moderators_form["title"] = "Gas, milk and sugar"
    response = mod.post(URL.format(item.pk), moderators_form)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else saved this item after you opened it" in page
    assert "Edit conflict: ed saved this item" in page
    # Their new paragraph shows as what the moderator's version lacks; the moderator's typing is kept.
    assert "Editor A&#x27;s new paragraph.</del>" in page
    assert 'value="Gas, milk and sugar"' in page
    item.refresh_from_db()
    assert (item.title, item.body) == ("Gas and milk", "First paragraph.\n\nEditor A's new paragraph.")

    # Having merged, the moderator saves again: the refused page carries the current version.
    token = re.search(r'name="edit_token" value="([^"]*)"', page).group(1)
    merged = {**moderators_form, "edit_token": token, "body": item.body}
    assert mod.post(URL.format(item.pk), merged).status_code == 302
    item.refresh_from_db()
    assert (item.title, item.body) == ("Gas, milk and sugar", "First paragraph.\n\nEditor A's new paragraph.")


def test_a_form_without_a_version_is_refused_for_an_existing_item(editor_client, item):
    data = commentary_post(item, body="Overwrite.")
    data["edit_token"] = ""
    response = editor_client.post(URL.format(item.pk), data)
    assert response.status_code == 200 and "Someone else saved this item" in response.content.decode()
    assert Commentary.objects.get(pk=item.pk).body == "First paragraph."


def test_saving_twice_from_the_same_session_is_not_a_conflict(editor_client, item):
    assert editor_client.post(URL.format(item.pk), opened_form(editor_client, item)).status_code == 302
    item.refresh_from_db()
    assert editor_client.post(URL.format(item.pk), opened_form(editor_client, item)).status_code == 302


def test_a_pending_change_saved_meanwhile_is_a_conflict_too(editor, item, moderator):
    from archive.services import publication

    publication.transition(item, moderator, "publish")
    item.refresh_from_db()
    first, second = login(editor), login(editor)
    form_one, form_two = opened_form(first, item), opened_form(second, item)
    assert first.post(URL.format(item.pk), {**form_one, "body": "Proposal one."}).status_code == 302
    response = second.post(URL.format(item.pk), {**form_two, "body": "Proposal two."})
    assert response.status_code == 200 and "Edit conflict" in response.content.decode()
    assert "Proposal two." in response.content.decode()
    assert publication.open_revision(item).data["body"] == "Proposal one."


def test_the_service_refuses_a_save_made_on_a_replaced_version(editor, item):
    """A command or an API goes through the same check as the admin form: the token, not the form."""
    from archive.services import publication

    token = publication.version_token(item)
    stale = Commentary.objects.get(pk=item.pk)
    item.title = "Saved first"
    publication.save(item, editor, publication.Action.DRAFT, token=token)

    stale.title = "Saved over it"
    with pytest.raises(publication.EditConflict):
        publication.save(stale, editor, publication.Action.DRAFT, token=token)
    assert Commentary.objects.get(pk=item.pk).title == "Saved first"

    # Made on the current version, the same edit is saved.
    publication.save(stale, editor, publication.Action.DRAFT, token=publication.version_token(stale))
    assert Commentary.objects.get(pk=item.pk).title == "Saved over it"


def test_the_admin_locks_the_row_it_checked_until_the_save(editor_client, item):
    """Between the version check and the write no other save may come in (PostgreSQL row lock)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert editor_client.post(URL.format(item.pk), opened_form(editor_client, item)).status_code == 302
    locks = [q["sql"] for q in queries if "FOR UPDATE" in q["sql"]]
    if connection.features.has_select_for_update:
        assert locks and '"archive_commentary"' in locks[0]
        first_lock = next(i for i, q in enumerate(queries) if "FOR UPDATE" in q["sql"])
        first_write = next(i for i, q in enumerate(queries) if q["sql"].startswith('UPDATE "archive_commentary"'))
        assert first_lock < first_write
    else:
        assert not locks
