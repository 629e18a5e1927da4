"""Build and write index rows: one SearchDocument (+ facets, + FTS5 row or champions) per object, + vocabulary counts.

Every write goes through `reindex`, which replaces the rows of the given
objects inside one transaction, so a search never sees half an update and a
rebuild can run while the site is live.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from django.db import connection, transaction
from django.utils import timezone

from archive import dates, visibility
from archive.models import Actor, ActorAlias, Citation, Commentary, CommentaryAuthor, Event, Person, Source

from . import cache, statistics, vocabulary
from . import rows as bulk
from .backend import get_backend
from .facets import fitted, pack
from .models import SearchDocument, SearchFacet
from .text import clean, markdown_to_text

KINDS = ("event", "commentary", "source")

PLAIN_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@lru_cache(maxsize=4096)
def describe_date(edtf: str) -> str:
    """dates.describe, without its slow EDTF parse for plain years, months and days (most dates)."""
    plain = PLAIN_DATE.match(edtf or "")
    if plain:
        year, month, day = plain.groups()
        if month and 1 <= int(month) <= 12 and (not day or 1 <= int(day) <= 31):
            words = [str(int(day))] if day else []
            return " ".join([*words, dates.MONTHS[int(month) - 1], str(int(year))])
        if not month:
            return str(int(year))
    return dates.describe(edtf)


@dataclass
class Row:
    document: SearchDocument
    facets: list[tuple[str, str, str]] = field(default_factory=list)


class Linked(NamedTuple):
    """A tag or actor as an index row shows it (one per target, shared by every object linking it)."""

    pk: int
    slug: str
    name: str


@dataclass
class Related:
    """What a batch's rows need from other tables, by object id, read in a few queries without an instance per link.

    Reading them with prefetch_related built a model instance for every link row (10,000 events: 20,000 tag
    and 20,000 actor instances, their aliases, citations and sources) and a queryset per object and relation
    (the prefetch cache, then a clone for each `.all()`): about 8 s of an import's index write. Here the links
    are values read with their target's slug and name (one query per relation), each target one shared
    `Linked` tuple, each object's list in the related model's order (ties by id).
    """

    tags: dict[int, list[Linked]] = field(default_factory=dict)
    actors: dict[int, list[Linked]] = field(default_factory=dict)
    aliases: dict[int, list[str]] = field(default_factory=dict)  # actor id → its aliases' names in order
    cited: dict[int, list[str]] = field(default_factory=dict)  # object id → approved cited sources' titles
    authors: dict[int, list[str]] = field(default_factory=dict)  # commentary id → authors' full names in order


def _ordering(prefix: str, model) -> list[str]:
    """`model`'s default ordering (then its id) as seen through the relation `prefix` of another model."""
    return [
        f"-{prefix}__{name[1:]}" if name.startswith("-") else f"{prefix}__{name}" for name in model._meta.ordering
    ] + [f"{prefix}__pk"]


def _m2m(model, name: str, object_ids) -> dict[int, list[Linked]]:
    """Object id → its tags or actors (many-to-many field `name`) in the related model's order: one query."""
    relation = model._meta.get_field(name)
    through, target = relation.remote_field.through, relation.related_model
    own, other = relation.m2m_field_name(), relation.m2m_reverse_field_name()
    links = through._default_manager.filter(**{f"{own}_id__in": object_ids}).order_by(*_ordering(other, target))
    shared: dict[int, Linked] = {}
    found: dict[int, list[Linked]] = {}
    for object_id, pk, slug, label in links.values_list(f"{own}_id", f"{other}_id", f"{other}__slug", f"{other}__name"):
        linked = shared.get(pk)
        if linked is None:
            linked = shared[pk] = Linked(pk, slug, label)
        found.setdefault(object_id, []).append(linked)
    return found


def _aliases(actor_ids) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    rows = ActorAlias.objects.filter(actor_id__in=actor_ids).order_by(*ActorAlias._meta.ordering, "pk")
    for actor_id, name in rows.values_list("actor_id", "name"):
        found.setdefault(actor_id, []).append(name)
    return found


def _cited_titles(column: str, object_ids) -> dict[int, list[str]]:
    """Titles of the approved sources each object cites, in citation order: a pending or rejected source's
    details stay private (visibility.approved_q).

    signals.py re-indexes the citing items whenever a source is saved, so a moderation decision adds or
    removes its title here.
    """
    found: dict[int, list[str]] = {}
    citations = Citation.objects.filter(visibility.approved_q("source__"), **{f"{column}__in": object_ids})
    for object_id, title in citations.order_by(*Citation._meta.ordering).values_list(column, "source__title"):
        found.setdefault(object_id, []).append(title)
    return found


def related_of(kind: str, object_ids) -> Related:
    """Everything the rows of these objects need besides the objects' own fields (see Related)."""
    object_ids = list(object_ids)
    if kind == "source":
        return Related()
    model = Event if kind == "event" else Commentary
    related = Related(tags=_m2m(model, "tags", object_ids), actors=_m2m(model, "actors", object_ids))
    related.aliases = _aliases({actor.pk for actors in related.actors.values() for actor in actors})
    related.cited = _cited_titles(kind, object_ids)
    if kind == "commentary":
        people = {}
        authorships = CommentaryAuthor.objects.filter(commentary_id__in=object_ids).order_by(
            *CommentaryAuthor._meta.ordering
        )
        pairs = list(authorships.values_list("commentary_id", "person_id"))
        for person in Person.objects.filter(pk__in={pk for _, pk in pairs}):
            people[person.pk] = person.full_name
        for commentary_id, person_id in pairs:
            related.authors.setdefault(commentary_id, []).append(people[person_id])
    return related


def _actor_text(actors: Iterable[Actor | Linked], aliases: dict[int, list[str]]) -> list[str]:
    parts = []
    for actor in actors:
        parts.append(actor.name)
        parts.extend(aliases.get(actor.pk, ()))
    return parts


def _date_facets(day: dt.date | None) -> list[tuple[str, str, str]]:
    if not day:
        return []
    decade = f"{day.year // 10 * 10}s"
    return [("decade", decade, decade), ("year", str(day.year), str(day.year))]


def _common_facets(kind: str, tags, actors, day) -> list[tuple[str, str, str]]:
    facets = [("type", kind, SearchDocument.Kind(kind).label)]
    facets += [("tag", tag.slug, tag.name) for tag in tags]
    facets += [("actor", actor.slug, actor.name) for actor in actors]
    return facets + _date_facets(day)


_public_from = visibility.item_public_from


def event_rows(events: Iterable[Event], related: Related) -> list[Row]:
    rows = []
    for event in events:
        tags, actors = related.tags.get(event.pk, []), related.actors.get(event.pk, [])
        body = markdown_to_text(event.body)
        cited = " ".join(related.cited.get(event.pk, ()))
        rows.append(
            Row(
                SearchDocument(
                    kind="event",
                    object_id=event.pk,
                    title=clean(event.title),
                    summary=clean(event.summary),
                    keywords=clean(" · ".join([t.name for t in tags] + _actor_text(actors, related.aliases))),
                    body=clean(f"{body} {cited}"),
                    url=event.get_absolute_url(),
                    date_display=describe_date(event.date_edtf),
                    date_sort=event.date_earliest,
                    public_from=_public_from(event),
                    tags=[[t.slug, t.name] for t in tags],
                ),
                _common_facets("event", tags, actors, event.date_earliest)
                + [("event_type", event.event_type, event.get_event_type_display())],
            )
        )
    return rows


def commentary_rows(items: Iterable[Commentary], related: Related) -> list[Row]:
    rows = []
    for item in items:
        tags, actors = related.tags.get(item.pk, []), related.actors.get(item.pk, [])
        authors = related.authors.get(item.pk, [])
        body = markdown_to_text(item.body)
        cited = " ".join(related.cited.get(item.pk, ()))
        rows.append(
            Row(
                SearchDocument(
                    kind="commentary",
                    object_id=item.pk,
                    title=clean(item.title),
                    summary=clean(item.standfirst),
                    keywords=clean(" · ".join(authors + [t.name for t in tags] + _actor_text(actors, related.aliases))),
                    body=clean(f"{body} {cited}"),
                    url=item.get_absolute_url(),
                    date_display=item.published_on.strftime("%-d %B %Y"),
                    date_sort=item.published_on,
                    public_from=_public_from(item),
                    tags=[[t.slug, t.name] for t in tags],
                ),
                _common_facets("commentary", tags, actors, item.published_on),
            )
        )
    return rows


def source_rows(sources: Iterable[Source], related: Related) -> list[Row]:
    rows = []
    for source in sources:
        country = source.country_of_origin
        actors = [country] if country else []
        aliases = {country.pk: [alias.name for alias in country.aliases.all()]} if country else {}
        creators = [creator.display_name for creator in source.creators.all()]
        keywords = (
            creators + [source.container_title, source.publisher, source.citation_key] + _actor_text(actors, aliases)
        )
        facets = _common_facets("source", [], actors, source.date_earliest)
        facets.append(("source_kind", source.kind, source.get_kind_display()))
        facets.append(("reliability", source.reliability or "unrated", source.get_reliability_display()))
        rows.append(
            Row(
                SearchDocument(
                    kind="source",
                    object_id=source.pk,
                    title=clean(source.title),
                    summary=clean(source.abstract),
                    keywords=clean(" · ".join(k for k in keywords if k)),
                    body=clean(source.moderator_note),
                    url=source.get_absolute_url(),
                    date_display=describe_date(source.date_edtf) if source.date_edtf else "Undated",
                    date_sort=source.date_earliest,
                    public_from=visibility.source_public_from(source),
                    tags=[],
                ),
                facets,
            )
        )
    return rows


def source_queryset(kind: str):
    """Each kind's objects with what its rows need from their own rows' relations (the rest: related_of)."""
    if kind == "event":
        return Event.objects.all()
    if kind == "commentary":
        return Commentary.objects.all()
    return Source.objects.select_related("country_of_origin").prefetch_related("creators", "country_of_origin__aliases")


BUILDERS = {"event": event_rows, "commentary": commentary_rows, "source": source_rows}


def _delete(kind: str, object_ids: list[int], count_words: bool = True) -> tuple[Counter, int, int]:
    """Remove the rows of these objects; returns the vocabulary counts of the public-able ones, rows and length."""
    fields = ("id", "length", "public_from", *vocabulary.TEXT_FIELDS) if count_words else ("id", "length")
    found = list(SearchDocument.objects.filter(kind=kind, object_id__in=object_ids).values_list(*fields))
    if not found:
        return Counter(), 0, 0
    doc_ids = [doc_id for doc_id, *_ in found]
    get_backend().documents_deleted(doc_ids)
    SearchDocument.objects.filter(id__in=doc_ids).delete()
    length = sum(row[1] for row in found)
    if not count_words:
        return Counter(), len(found), length
    return vocabulary.count(text for _, _, public_from, *text in found if public_from is not None), len(found), length


DOCUMENT_COLUMNS = (
    "kind", "object_id", "title", "summary", "keywords", "body", "url", "date_display", "date_sort", "public_from",
    "tags", "length", "facet_list", "updated_at",
)  # fmt: skip
FACET_COLUMNS = ("document_id", "name", "value", "label")


def _write(rows: list[Row], count_words: bool = True) -> tuple[Counter, int]:
    """Insert the rows; returns the vocabulary counts of the public-able ones and the rows' total length.

    Each row's text is split into words once, for its BM25 length and for the vocabulary. The documents
    and their facets go out as multi-row INSERTs (rows.py), a few statements per thousand rows.
    """
    found = []
    now = timezone.now()
    for row in rows:
        d = row.document
        found.append(vocabulary.row_words(d.title, d.summary, d.keywords, d.body))
        d.length = statistics.length_of(found[-1])
        d.updated_at = now
        row.facets = fitted(row.facets)
        d.facet_list = pack(row.facets)
    documents = [row.document for row in rows]
    ids = dict(
        (object_id, pk)
        for pk, object_id in bulk.insert(
            SearchDocument,
            DOCUMENT_COLUMNS,
            [tuple(getattr(d, name) for name in DOCUMENT_COLUMNS) for d in documents],
            returning=("id", "object_id"),
        )
    )
    for d in documents:
        d.id = ids[d.object_id]
        d._state.adding, d._state.db = False, connection.alias
    bulk.insert(
        SearchFacet,
        FACET_COLUMNS,
        [
            (d.id, name, value, label)
            for d, row in zip(documents, rows, strict=True)
            for name, value, label in row.facets
        ],
    )
    length = sum(d.length for d in documents)
    if documents:
        get_backend().documents_written(documents)
    counts = Counter()
    if count_words:
        for document, row_words in zip(documents, found, strict=True):
            if document.public_from is not None:
                counts.update(vocabulary.distinct(row_words))
    return counts, length


def reindex(kind: str, object_ids: Iterable[int], count_words: bool = True) -> int:
    """Replace the index rows of these objects (removing rows of objects that no longer exist).

    count_words=False leaves the vocabulary alone (a rebuild recounts it once at the end).
    """
    object_ids = [i for i in set(object_ids) if i is not None]
    if not object_ids:
        cache.bump()  # no rows to write, but an alias or tag change alters what queries mean
        return 0
    with transaction.atomic():
        # First: readers see the new token with the new rows, and the row lock queues concurrent writers.
        cache.bump()
        objects = list(source_queryset(kind).filter(pk__in=object_ids))
        removed, removed_rows, removed_length = _delete(kind, object_ids, count_words)
        rows = BUILDERS[kind](objects, related_of(kind, [obj.pk for obj in objects]))
        added, added_length = _write(rows, count_words)
        statistics.adjust(len(rows) - removed_rows, added_length - removed_length)
        added.subtract(removed)
        vocabulary.apply(added)
    return len(rows)


def remove(kind: str, object_ids: Iterable[int]) -> None:
    with transaction.atomic():
        cache.bump()
        removed, removed_rows, removed_length = _delete(kind, list(object_ids))
        statistics.adjust(-removed_rows, -removed_length)
        vocabulary.apply(Counter({word: -n for word, n in removed.items()}))
