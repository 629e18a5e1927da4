"""What the reader site shows, and how it fetches it in a fixed number of queries.

Every public list goes through these helpers so that "only published events
and commentary, only approved sources" is decided in one place, and every
page prefetches what its templates touch (no query per row).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce

from archive import visibility
from archive.models import Actor, Citation, Commentary, CommentaryAuthor, Event, SourceCreator, Tag

CREATORS = Prefetch("creators", queryset=SourceCreator.objects.order_by("role", "order", "pk"))


def sources_for_reference(queryset):
    """Sources with everything `Source.reference` reads (creators, the host volume and its editors)."""
    return queryset.select_related("part_of").prefetch_related(
        CREATORS, Prefetch("part_of__creators", queryset=SourceCreator.objects.order_by("role", "order", "pk"))
    )


def commentary_for_list(queryset):
    return queryset.prefetch_related(
        Prefetch("authorships", queryset=CommentaryAuthor.objects.select_related("person")), "tags"
    )


def events_for_list(queryset):
    return queryset.prefetch_related("actors", "tags")


def citations_of(**target):
    """Every citation of one event or commentary, whatever its source's status (the caller decides)."""
    return (
        Citation.objects.filter(**target)
        .select_related("source__part_of")
        .prefetch_related(
            Prefetch("source__creators", queryset=SourceCreator.objects.order_by("role", "order", "pk")),
            Prefetch("source__part_of__creators", queryset=SourceCreator.objects.order_by("role", "order", "pk")),
        )
    )


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
    return sources_for_reference(sources.filter(creators__person=person).distinct().order_by("-date_earliest", "title"))


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


def counterparts(actor):
    """Other actors sharing public events with `actor`, with how many (for the pair pages)."""
    shared = (
        Event.objects.filter(visibility.published_q(), actors=actor)
        .filter(actors=OuterRef("pk"))
        .order_by()
        .values("status")
        .annotate(n=Count("pk", distinct=True))
        .values("n")
    )
    return (
        Actor.objects.exclude(pk=actor.pk)
        .annotate(shared=Coalesce(Subquery(shared, output_field=IntegerField()), Value(0)))
        .filter(shared__gt=0)
        .order_by("-shared", "name")
    )


UNDER_REVIEW_TEXT = "Source under review"


class UnderReview:
    """Stands in for a cited source the public may not see (pending or rejected).

    It carries no detail of the source: footnotes show only that the source is
    being reviewed.
    """

    under_review = True
    preview_label = UNDER_REVIEW_TEXT
    reliability = ""

    def __str__(self):
        return UNDER_REVIEW_TEXT


@dataclass
class Attribution:
    """An item's citations split into what readers see."""

    footnote_sources: dict = field(default_factory=dict)  # key → Source or UnderReview
    bibliography: list = field(default_factory=list)  # [(Source, [locators])], visible sources only
    sources: list = field(default_factory=list)  # visible Source objects, in first-cited order


def attribution(citations, can_see) -> Attribution:
    """Split citations into footnote sources (hidden ones masked) and a bibliography of visible sources."""
    result = Attribution()
    grouped: dict[int, tuple] = {}
    for citation in citations:
        source = citation.source
        if not can_see(source):
            result.footnote_sources.setdefault(source.citation_key, UnderReview())
            continue
        result.footnote_sources[source.citation_key] = source
        if source.pk not in grouped:
            grouped[source.pk] = (source, [])
            result.sources.append(source)
        if citation.locator:
            grouped[source.pk][1].append(citation.locator)
    result.bibliography = sorted(grouped.values(), key=lambda pair: pair[0].reference.casefold())
    return result
