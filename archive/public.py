"""Reader queries beyond "what may be seen" (that is archive/visibility.py): counts, "cited by", pairs, previews.

Prefetch recipes are in archive/prefetch.py, footnote masking in archive/citations/attribution.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Q

from archive import memo, prefetch, visibility
from archive.citations.attribution import Attribution, attribute
from archive.citations.footnotes import RenderedBody, render_with_footnotes
from archive.models import Actor, Citation, Commentary, Event, Tag


def cited_by(source, viewer):
    """Citations of a source by items the viewer may see: commentary first (newest), then events by date.

    The rule is tested on the joined rows (``published_q`` through the relation), not as ``event__in=<every
    visible event>``: that subquery listed all 94,000 public events for each source page (150 ms on SQLite).
    """
    if visibility.can_preview(viewer):
        seen = Q(event__isnull=False) | Q(commentary__isnull=False)
    else:
        seen = visibility.published_q("event__") | visibility.published_q("commentary__")
    return (
        Citation.objects.filter(source=source)
        .filter(seen)
        .select_related("event", "commentary")
        .order_by(
            F("commentary__published_on").desc(nulls_last=True),
            F("event__date_earliest").asc(nulls_last=True),
            "order",
            "pk",
        )
    )


def _counts(through, item_field: str) -> dict[int, int]:
    """tag id → number of public items of one kind carrying it: one GROUP BY over the links."""
    rows = (
        through.objects.filter(visibility.published_q(f"{item_field}__"))
        .order_by()
        .values_list("tag_id")
        .annotate(n=Count("pk"))
    )
    return dict(rows)


def tags_with_counts(request) -> list:
    """Tags carried by public items, by name, each with `event_count`, `commentary_count` and `total`.

    Two grouped counts over the link tables instead of two correlated subqueries per tag (those took
    31 s on SQLite with 100,000 documents), kept for public viewers under the content version
    (archive/memo.py). Drafts never count, not even for staff.
    """

    def compute():
        events = _counts(Event.tags.through, "event")
        commentary = _counts(Commentary.tags.through, "commentary")
        tags = list(Tag.objects.filter(pk__in=set(events) | set(commentary)).order_by("name"))
        for tag in tags:
            tag.event_count, tag.commentary_count = events.get(tag.pk, 0), commentary.get(tag.pk, 0)
            tag.total = tag.event_count + tag.commentary_count
        return tags

    return memo.remember(request, ("tags with counts",), compute)


def sources_by(person, sources):
    """Those of `sources` a person wrote or edited, newest first."""
    return prefetch.sources_for_reference(
        sources.filter(creators__person=person).distinct().order_by("-date_earliest", "title")
    )


PREVIEW = 20


@dataclass
class Preview:
    """The first items of a list that can be long, and whether there are more (then the page links to the full,
    paginated list)."""

    items: list
    more: bool


def first_of(queryset, n: int = PREVIEW) -> Preview:
    """One query: fetch one row more than shown to know whether to offer "all of them"."""
    rows = list(queryset[: n + 1])
    return Preview(rows[:n], len(rows) > n)


RELATION_KINDS = (Actor.Kind.COUNTRY, Actor.Kind.ORGANIZATION)


def counterparts(request, actor, include_people: bool = False) -> list:
    """Other actors sharing public events with `actor`, with how many (`shared`), most shared first (pair pages).

    Relations are between countries and organizations: a person ("Belarus – Alexander Lukashenko")
    is listed only when the reader asks for people too. One GROUP BY over the links of the actor's
    public events (a correlated count per actor took 12 s on SQLite with 100,000 documents; the
    GROUP BY still 30–55 ms for an actor of 4,000 events), kept under the content version
    (archive/memo.py). Drafts never count, not even for staff.
    """
    return memo.remember(
        request, ("counterparts", actor.pk, include_people), lambda: _counterparts(actor, include_people)
    )


def _counterparts(actor, include_people: bool) -> list:
    links = Event.actors.through.objects
    own_events = links.filter(actor=actor).filter(visibility.published_q("event__")).values("event_id")
    shared = dict(
        links.filter(event_id__in=own_events)
        .exclude(actor=actor)
        .order_by()
        .values_list("actor_id")
        .annotate(n=Count("event_id", distinct=True))
    )
    others = Actor.objects.filter(pk__in=list(shared))
    if not include_people:
        others = others.filter(kind__in=RELATION_KINDS)
    found = list(others)
    for other in found:
        other.shared = shared[other.pk]
    return sorted(found, key=lambda other: (-other.shared, other.name))


def attributed_body(request, item) -> tuple[Attribution, RenderedBody]:
    """An event's or commentary's citations as the viewer may see them, and its body with numbered footnotes.

    Three queries (the citations, their sources' creators and their hosts' creators), Markdown and the
    footnote numbering: kept for public viewers under the public-content version (archive/memo.py), which
    every change to the item, a citation, a source or its creators replaces; staff previews compute afresh.
    """
    target = {"commentary": item} if isinstance(item, Commentary) else {"event": item}

    rule = visibility.footnote_rule(visibility.can_preview(request))

    def compute():
        attribution = attribute(prefetch.citations_of(**target), rule)
        return attribution, render_with_footnotes(item.body, attribution.footnote_sources)

    return memo.remember(request, ("attributed body", type(item).__name__, item.pk), compute)
