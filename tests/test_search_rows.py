"""What an index row of an event or commentary says, exactly: its related rows' text and facets in a fixed order.

The index reads tags, actors (with their aliases), cited sources and authors for a whole batch in a few
queries (search/index.py `related_of`); these tests pin the result, so a change to how they are read cannot
reorder keywords, facets or cited titles, nor let a pending source's title into the text.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from archive.models import Actor, ActorAlias, Citation, Commentary, CommentaryAuthor, Event, Person, Source, Tag
from search import index
from search.models import SearchDocument

pytestmark = pytest.mark.django_db
PAST = timezone.now() - dt.timedelta(days=1)


@pytest.fixture
def linked():
    """Tags, actors and sources created out of name order, aliases and citations out of order too."""
    zeta, alpha = Tag.objects.create(name="Zeta", slug="zeta"), Tag.objects.create(name="Alpha", slug="alpha")
    ukraine = Actor.objects.create(kind="country", name="Ukraine", slug="ukraine")
    belarus = Actor.objects.create(kind="country", name="Belarus", slug="belarus")
    for actor, name in ((ukraine, "Ukrayina"), (ukraine, "Oekraine"), (belarus, "Bielarus")):
        ActorAlias.objects.create(actor=actor, name=name)
    sources = {
        key: Source.objects.create(citation_key=key, kind="book", title=title, status=status)
        for key, title, status in (
            ("second", "Second approved", "approved"),
            ("hidden", "Pending title", "pending"),
            ("third", "Third approved", "approved"),
        )
    }
    return {"tags": [zeta, alpha], "actors": [ukraine, belarus], "sources": sources}


def _cite(item, sources, field):
    for key, order in (("third", 3), ("hidden", 1), ("second", 2)):
        Citation.objects.create(source=sources[key], order=order, **{field: item})


def _row(kind, pk):
    document = SearchDocument.objects.get(kind=kind, object_id=pk)
    facets = list(document.facets.order_by("name", "value").values_list("name", "value", "label"))
    return document.keywords, document.body, document.tags, facets


def test_an_event_row_lists_its_related_rows_in_their_models_order(linked):
    event = Event.objects.create(
        title="Gas talks", slug="gas-talks", event_type="negotiations", summary="Held.", date_edtf="2004-06",
        body="Plain body.", status="published", publish_at=PAST,
    )  # fmt: skip
    event.tags.set(linked["tags"])
    event.actors.set(linked["actors"])
    _cite(event, linked["sources"], "event")
    with CaptureQueriesContext(connection) as queries:
        index.reindex("event", [event.pk])
    keywords, body, tags, facets = _row("event", event.pk)
    assert keywords == "Alpha · Zeta · Belarus · Bielarus · Ukraine · Oekraine · Ukrayina"
    assert body == "Plain body. Second approved Third approved"  # citation order; the pending source left out
    assert tags == [["alpha", "Alpha"], ["zeta", "Zeta"]]
    assert facets == [
        ("actor", "belarus", "Belarus"), ("actor", "ukraine", "Ukraine"), ("decade", "2000s", "2000s"),
        ("event_type", "negotiations", "Negotiations"), ("tag", "alpha", "Alpha"), ("tag", "zeta", "Zeta"),
        ("type", "event", "Event"), ("year", "2004", "2004"),
    ]  # fmt: skip
    reads = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    assert len([sql for sql in reads if "archive_searchdocument" not in sql]) <= 5, reads  # not one per link


def test_a_commentary_row_lists_authors_tags_actors_and_cited_titles_in_order(linked):
    item = Commentary.objects.create(
        title="On gas", slug="on-gas", standfirst="Why.", body="Text.", published_on=dt.date(2010, 5, 1),
        status="published", publish_at=PAST,
    )  # fmt: skip
    item.tags.set(linked["tags"])
    item.actors.set(linked["actors"][:1])
    people = [Person.objects.create(given_name=g, family_name=f, slug=f.lower()) for g, f in (("Zoe", "Ames"),
              ("Adam", "Young"))]  # fmt: skip
    CommentaryAuthor.objects.create(commentary=item, person=people[1], order=1)
    CommentaryAuthor.objects.create(commentary=item, person=people[0], order=2)
    _cite(item, linked["sources"], "commentary")
    index.reindex("commentary", [item.pk])
    keywords, body, tags, facets = _row("commentary", item.pk)
    assert keywords == "Adam Young · Zoe Ames · Alpha · Zeta · Ukraine · Oekraine · Ukrayina"
    assert body == "Text. Second approved Third approved"
    assert tags == [["alpha", "Alpha"], ["zeta", "Zeta"]]
    assert ("actor", "ukraine", "Ukraine") in facets and ("type", "commentary", "Commentary") in facets


def test_an_event_without_links_has_only_its_own_text(db):
    event = Event.objects.create(
        title="Alone", slug="alone", event_type="negotiations", summary="Nothing linked.", date_edtf="1999",
    )  # fmt: skip
    index.reindex("event", [event.pk])
    keywords, body, tags, facets = _row("event", event.pk)
    assert (keywords, body.strip(), tags) == ("", "", [])
    assert [name for name, *_ in facets] == ["decade", "event_type", "type", "year"]


def test_champions_go_with_their_documents(linked):
    """The champion key has no database constraint (search/models.py): rewrites and deletes must leave no orphan."""
    from search.models import SearchChampion

    event = Event.objects.create(
        title="Gas talks resumed", slug="gas-talks", event_type="negotiations", summary="Transit fees.",
        date_edtf="2004-06",
    )  # fmt: skip
    event.actors.set(linked["actors"])
    index.reindex("event", [event.pk])
    index.reindex("event", [event.pk])  # a rewrite: a new document row, the old one's champions gone with it
    document = SearchDocument.objects.get(kind="event", object_id=event.pk)
    orphans = SearchChampion.objects.exclude(document_id__in=SearchDocument.objects.values("id"))
    if connection.vendor == "postgresql":
        assert set(SearchChampion.objects.values_list("document_id", flat=True)) >= {document.pk}
    assert not orphans.exists()
    event.delete()
    assert not SearchDocument.objects.filter(kind="event").exists()
    assert not orphans.exists() and not SearchChampion.objects.filter(document_id=document.pk).exists()
