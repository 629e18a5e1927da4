"""Resolving a flag and handling a reader's message are decisions: made through a service, each audited.

And the duplicate warning when adding a source is the source service's rule, the form only words it.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from archive.models import AuditEntry, Citation, Event, Flag, ReaderSubmission, Source
from archive.services import sources, submissions

from .helpers import new_commentary, source_post

pytestmark = pytest.mark.django_db


def login(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def flagged(moderator):
    """A rejected source cited by an event and a commentary: both flagged by the decision."""
    source = Source.objects.create(citation_key="tabloid2021", kind="webpage", title="A tabloid", status="approved")
    event = Event.objects.create(title="A summit", slug="a-summit", date_edtf="2001", event_type="summit")
    commentary = new_commentary(title="An essay", slug="an-essay")
    Citation.objects.create(source=source, event=event)
    Citation.objects.create(source=source, commentary=commentary)
    sources.reject(source, moderator, "Retracted by its publisher.")
    assert Flag.objects.open().count() == 2
    return source, event, commentary


def test_resolving_flags_in_bulk_is_audited_in_each_items_trail(editor, flagged):
    source, event, commentary = flagged
    ids = list(Flag.objects.values_list("pk", flat=True))
    response = login(editor).post("/admin/archive/flag/", {"action": "resolve_flags", "_selected_action": ids})
    assert response.status_code == 302
    assert not Flag.objects.open().exists() and Flag.objects.filter(resolved_by=editor).count() == 2
    for item in (event, commentary):
        entry = AuditEntry.objects.for_object(item).get(action="flag-resolve")
        assert (entry.user, entry.reason) == (editor, "Reviewed")
        assert entry.changes["flag"] == ["@tabloid2021: cites a rejected source", None]
    # The item's audit panel shows it.
    page = login(editor).get(f"/admin/archive/event/{event.pk}/change/").content.decode()
    assert "Flag resolved" in page
    # Resolving again changes nothing and writes nothing.
    login(editor).post("/admin/archive/flag/", {"action": "resolve_flags", "_selected_action": ids})
    assert AuditEntry.objects.filter(action="flag-resolve").count() == 2


def test_typing_a_resolution_on_the_flag_form_resolves_it_through_the_service(editor, flagged):
    _, event, _ = flagged
    flag = Flag.objects.get(event=event)
    response = login(editor).post(f"/admin/archive/flag/{flag.pk}/change/", {"resolution": "Cited a better source"})
    assert response.status_code == 302
    flag.refresh_from_db()
    assert (flag.resolved_by, flag.resolution) == (editor, "Cited a better source") and flag.resolved_at
    entry = AuditEntry.objects.for_object(event).get(action="flag-resolve")
    assert entry.reason == "Cited a better source"


def test_a_resolved_flags_resolution_is_not_rewritten_afterwards(editor, flagged):
    """The resolution is in the item's audit trail: a second save of the form cannot change it unseen."""
    _, event, _ = flagged
    flag = Flag.objects.get(event=event)
    client = login(editor)
    client.post(f"/admin/archive/flag/{flag.pk}/change/", {"resolution": "Cited a better source"})
    page = client.get(f"/admin/archive/flag/{flag.pk}/change/").content.decode()
    assert 'name="resolution"' not in page and "Cited a better source" in page
    response = client.post(f"/admin/archive/flag/{flag.pk}/change/", {"resolution": "Something else"})
    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.resolution == "Cited a better source"
    assert AuditEntry.objects.for_object(event).filter(action="flag-resolve").count() == 1


def test_resolving_a_flag_needs_the_right_to_change_flags(flagged, db):
    from django.contrib.auth import get_user_model

    outsider = get_user_model().objects.create_user("nobody", is_staff=True)
    with pytest.raises(PermissionDenied):
        sources.resolve_flags(Flag.objects.all(), outsider)
    assert Flag.objects.open().count() == 2 and not AuditEntry.objects.filter(action="flag-resolve").exists()


@pytest.fixture
def messages_(db):
    source = Source.objects.create(citation_key="memo2020", kind="report", title="A memo")
    return [
        ReaderSubmission.objects.create(kind="report", source=source, message="The link is dead."),
        ReaderSubmission.objects.create(kind="report", source=source, message="Wrong year."),
    ]


def test_marking_readers_messages_handled_is_audited_on_the_source(moderator, messages_):
    ids = [m.pk for m in messages_]
    client = login(moderator)
    data = {"action": "mark_handled", "_selected_action": ids}
    assert client.post("/admin/archive/readersubmission/", data).status_code == 302
    assert ReaderSubmission.objects.filter(handled_by=moderator, handled_at__isnull=False).count() == 2
    entries = AuditEntry.objects.for_object(messages_[0].source).filter(action="handled")
    assert sorted(e.reason for e in entries) == [
        "Reported problem from a reader: “The link is dead.”",
        "Reported problem from a reader: “Wrong year.”",
    ]
    assert {e.user for e in entries} == {moderator}
    # Handled once: a second click keeps the first stamp and writes nothing.
    first = ReaderSubmission.objects.get(pk=ids[0]).handled_at
    assert client.post("/admin/archive/readersubmission/", data).status_code == 302
    assert ReaderSubmission.objects.get(pk=ids[0]).handled_at == first and entries.count() == 2


def test_editors_cannot_mark_readers_messages_handled(editor, messages_):
    with pytest.raises(PermissionDenied):
        submissions.mark_handled(messages_, editor)
    assert not ReaderSubmission.objects.filter(handled_at__isnull=False).exists()


def test_a_new_source_like_an_existing_one_is_refused_until_confirmed(editor):
    existing = Source.objects.create(citation_key="milk2009", kind="book", title="Milk wars", doi="10.1234/milk")
    with pytest.raises(sources.PossibleDuplicate) as refused:
        sources.check_new_source(Source(title="Another title", doi="10.1234/milk"))
    assert refused.value.duplicates == [existing]
    sources.check_new_source(Source(title="Another title", doi="10.1234/milk"), not_a_duplicate=True)
    sources.check_new_source(existing)  # an existing source is not checked against itself
    # The form words the service's refusal, with links, and keeps the rule.
    data = source_post(citation_key="milk2", title="Another title", doi="10.1234/milk")
    page = login(editor).post("/admin/archive/source/add/", data).content.decode()
    assert "Possible duplicate of" in page and f"/admin/archive/source/{existing.pk}/change/" in page
    assert not Source.objects.filter(citation_key="milk2").exists()
