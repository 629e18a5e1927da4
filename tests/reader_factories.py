"""Small builders for reader-site tests: extra public items, drafts and unvetted sources."""

import datetime as dt
import os

import pytest
from django.core.management import call_command
from django.utils import timezone

from archive.citations.sync import sync_body_citations
from archive.models import Actor, Commentary, CommentaryAuthor, Event, Person, Source, SourceCreator, Tag

PAST = timezone.make_aware(dt.datetime(2025, 1, 1))


def make_source(key, status="approved", reliability="reliable", **fields):
    defaults = {"kind": "book", "title": f"Book {key}", "date_edtf": "2001", "publisher": "Press"}
    if status == "rejected":
        defaults["moderator_note"] = "Fabricated quotations."
    defaults.update(fields)
    source = Source.objects.create(citation_key=key, status=status, reliability=reliability, **defaults)
    SourceCreator.objects.create(source=source, family_name=f"Writer{key}", given_name="Ann")
    return source


def make_event(slug, status="published", edtf="2005-03", body="", tags=(), actors=(), publish_at=PAST, **fields):
    event = Event.objects.create(
        slug=slug,
        title=fields.pop("title", f"Event {slug}"),
        date_edtf=edtf,
        event_type=fields.pop("event_type", "summit"),
        summary=fields.pop("summary", f"Summary of {slug}."),
        body=body,
        status=status,
        publish_at=publish_at,
        **fields,
    )
    event.tags.set(Tag.objects.filter(slug__in=tags))
    event.actors.set(Actor.objects.filter(slug__in=actors))
    sync_body_citations(event)
    return event


def test_author():
    return Person.objects.get_or_create(slug="test-author", defaults={"family_name": "Author", "given_name": "Tess"})[0]


def make_commentary(slug, status="published", body="Text.", tags=(), actors=(), published_on="2021-01-01", **fields):
    commentary = Commentary.objects.create(
        slug=slug,
        title=fields.pop("title", f"Commentary {slug}"),
        standfirst=fields.pop("standfirst", f"Standfirst of {slug}."),
        body=body,
        published_on=dt.date.fromisoformat(published_on),
        status=status,
        publish_at=fields.pop("publish_at", PAST),
        **fields,
    )
    CommentaryAuthor.objects.create(commentary=commentary, person=test_author(), affiliation="Test Institute")
    commentary.tags.set(Tag.objects.filter(slug__in=tags))
    commentary.actors.set(Actor.objects.filter(slug__in=actors))
    sync_body_citations(commentary)
    return commentary


def source_surfaces(key: str, commentary: str, event: str) -> list[str]:
    """Every public URL showing a source: its page, the list, a citing commentary and event, and the exports."""
    return [
        f"/sources/{key}/",
        "/sources/",
        f"/commentary/{commentary}/",
        f"/events/{event}/",
        *(f"/sources/{key}/cite.{ext}" for ext in ("bib", "ris", "json")),
        *(f"/commentary/{commentary}/bibliography.{ext}" for ext in ("bib", "ris", "json")),
    ]


def add_many(n, prefix="extra"):
    """n public events and commentaries with tags, actors and citations: lists must not grow their query count."""
    for i in range(n):
        make_event(
            f"{prefix}-event-{i}",
            edtf=f"{1995 + i % 20}-0{1 + i % 9}",
            body=f"Claim [@twodecades, p. {i + 1}] and [@oliphant2009].",
            tags=["energy", "trade"],
            actors=["belarus", "russia", "gazprom"],
        )
        make_commentary(
            f"{prefix}-commentary-{i}",
            body=f"Argument [@preiherman2020, p. {i + 1}].",
            tags=["energy"],
            actors=["belarus", "russia"],
            published_on=f"2021-0{1 + i % 9}-1{i % 9}",
        )
        chapter = make_source(
            f"{prefix}chapter{i}", kind="chapter", part_of=Source.objects.get(citation_key="twodecades")
        )
        SourceCreator.objects.create(source=chapter, person=test_author(), family_name="Author", given_name="Tess")


@pytest.fixture(scope="module")
def demo_for_module(django_db_setup, django_db_blocker):
    """The demo archive loaded once per test module (each test still runs in its own rolled-back transaction).

    Loading the demo costs a second or two; the reader tests only read it or add rows inside
    their transaction. The tables are flushed afterwards so other modules start empty.
    """
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)
