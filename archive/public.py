"""Reader queries beyond "what may be seen" (that is archive/visibility.py): counts, "cited by", pairs, previews.

Prefetch recipes are in archive/prefetch.py, footnote masking in archive/citations/attribution.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from archive import memo, prefetch, visibility
from archive.citations.attribution import Attribution, attribute
from archive.citations.footnotes import RenderedBody, render_with_footnotes
from archive.models import Actor, Citation, Commentary, Event, Tag


def cited_by(source, events, commentaries):
    """Citations of a source by visible items: commentary first (newest), then events by date."""
    return (
        Citation.objects.filter(source=source)
        .filter(Q(event__in=events) | Q(commentary__in=commentaries))
        .select_related("event", "commentary")
        .order_by(
            F("commentary__published_on").desc(nulls_last=True),
            F("event__date_earliest").asc(nulls_last=True),
            "order",
            "pk",
        )
    )


def _count_subquery(through, own_field: str, item_field: str) -> Coalesce:
    rows = (
        through.objects.filter(**{own_field: OuterRef("pk")})
        .filter(visibility.published_q(f"{item_field}__"))
        .order_by()
        .values(own_field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def tags_with_counts():
    """Tags annotated with how many public events and commentaries carry them (drafts never count)."""
    return Tag.objects.annotate(
        event_count=_count_subquery(Event.tags.through, "tag", "event"),
        commentary_count=_count_subquery(Commentary.tags.through, "tag", "commentary"),
    ).annotate(total=F("event_count") + F("commentary_count"))


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


def counterparts(actor, include_people: bool = False):
    """Other actors sharing public events with `actor`, with how many (for the pair pages).

    Relations are between countries and organizations: a person ("Belarus – Alexander Lukashenko")
    is listed only when the reader asks for people too.
    """
    shared = (
        Event.objects.filter(visibility.published_q(), actors=actor)
        .filter(actors=OuterRef("pk"))
        .order_by()
        .values("status")
        .annotate(n=Count("pk", distinct=True))
        .values("n")
    )
    others = Actor.objects.exclude(pk=actor.pk)
    if not include_people:
        others = others.filter(kind__in=RELATION_KINDS)
    return (
        others.annotate(shared=Coalesce(Subquery(shared, output_field=IntegerField()), Value(0)))
        .filter(shared__gt=0)
        .order_by("-shared", "name")
    )


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
