"""The index follows every change, in the same transaction; the rebuild command restores it."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from archive.models import Actor, ActorAlias, Citation, CommentaryAuthor, Event, Person, Source, Tag
from search import writes
from search.models import SearchDocument
from tests.helpers import new_commentary

pytestmark = pytest.mark.django_db
URL = reverse("archive:search")
PAST = timezone.now() - dt.timedelta(days=1)


def titles(client, q, **params):
    data = client.get(URL, {"q": q, "format": "json", **params}).json()
    return [r["title"] for r in data["results"]]


def make_event(**fields):
    values = {
        "title": "Pipeline talks in Minsk",
        "slug": "pipeline",
        "event_type": "negotiations",
        "summary": "Delegations discussed transit fees.",
        "date_edtf": "2007-03",
        "status": "published",
        "publish_at": PAST,
    }
    values.update(fields)
    return Event.objects.create(**values)


def test_saving_editing_unpublishing_and_deleting(client):
    event = make_event()
    assert titles(client, "pipeline") == ["Pipeline talks in Minsk"]
    event.title = "Oil talks in Minsk"
    event.save()
    assert titles(client, "pipeline") == []
    assert titles(client, "oil") == ["Oil talks in Minsk"]
    event.status = "draft"
    event.save()
    assert titles(client, "oil") == []
    event.status = "published"
    event.save()
    event.delete()
    assert titles(client, "oil") == []
    assert not SearchDocument.objects.exists()


def test_tags_and_actors_are_searchable_and_follow_renames(client):
    event = make_event()
    tag = Tag.objects.create(name="Transit")
    actor = Actor.objects.create(kind="organization", name="Beltransgaz", slug="btg")
    event.tags.add(tag)
    event.actors.add(actor)
    assert titles(client, "transit", tag="transit") == ["Pipeline talks in Minsk"]
    assert titles(client, "beltransgaz", actor="btg") == ["Pipeline talks in Minsk"]
    tag.name = "Energy transit corridors"
    tag.save()
    assert titles(client, "corridors") == ["Pipeline talks in Minsk"]
    ActorAlias.objects.create(actor=actor, name="Белтрансгаз")
    assert titles(client, "Белтрансгаз") == ["Pipeline talks in Minsk"]
    event.tags.remove(tag)
    assert titles(client, "corridors") == []
    tag.events.add(event)
    assert titles(client, "corridors") == ["Pipeline talks in Minsk"]
    tag.events.clear()
    assert titles(client, "corridors") == []
    actor.delete()
    assert titles(client, "beltransgaz") == []


def test_alias_added_later_finds_other_spelling_in_text(client):
    make_event(title="Lukashenko visits Moscow", slug="visit", summary="A state visit.")
    actor = Actor.objects.create(kind="person", name="Alexander Lukashenko", slug="al")
    ActorAlias.objects.create(actor=actor, name="Lukashenko")
    assert titles(client, "Lukashenka") == []
    ActorAlias.objects.create(actor=actor, name="Lukashenka")
    assert titles(client, "Lukashenka") == ["Lukashenko visits Moscow"]


def test_citations_commentary_authors_and_sources(client):
    source = Source.objects.create(
        citation_key="k1", kind="book", title="The Zubr Handbook", status="approved", date_edtf="2001"
    )
    event = make_event()
    Citation.objects.create(event=event, source=source)
    assert set(titles(client, "zubr")) == {"The Zubr Handbook", "Pipeline talks in Minsk"}
    commentary = new_commentary(title="On transit", slug="on-transit", body="Long text.", status="published")
    person = Person.objects.create(given_name="Ada", family_name="Quillfeather", slug="ada")
    CommentaryAuthor.objects.create(commentary=commentary, person=person)
    assert titles(client, "Quillfeather") == ["On transit"]
    person.family_name = "Inkwell"
    person.save()
    assert titles(client, "Inkwell") == ["On transit"]
    source.status = "pending"
    source.save()
    assert titles(client, "zubr") == []  # a source under review lends its title to nothing


def test_index_changes_roll_back_with_the_transaction(client):
    with pytest.raises(RuntimeError), transaction.atomic():
        event = make_event()
        # Collected for the end of the transaction (search/writes.py); written early on request.
        assert writes.pending_marks() == {"event": {event.pk}}
        writes.flush()
        assert SearchDocument.objects.filter(title="Pipeline talks in Minsk").exists()
        raise RuntimeError
    assert titles(client, "pipeline") == []
    assert not SearchDocument.objects.exists()


def test_rebuild_command_restores_a_damaged_index(client):
    make_event()
    Source.objects.create(citation_key="k2", kind="book", title="Pipeline atlas", status="approved")
    SearchDocument.objects.all().delete()
    SearchDocument.objects.create(kind="event", object_id=999_999, title="Ghost", url="/x/", public_from=PAST)
    assert titles(client, "pipeline") == []
    out, err = io.StringIO(), io.StringIO()
    call_command("rebuild_search_index", stdout=out, stderr=err)
    assert "Indexed 2 documents" in out.getvalue()
    assert "100%" in err.getvalue()  # the progress bar
    assert set(titles(client, "pipeline")) == {"Pipeline talks in Minsk", "Pipeline atlas"}
    assert not SearchDocument.objects.filter(object_id=999_999).exists()
