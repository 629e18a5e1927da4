"""Prefetch recipes: what each list or page's templates touch, fetched in a fixed number of queries.

Pages assert their query counts whatever the list length (tests/test_reader_pages.py); a
template that reads a new relation needs its prefetch added here.
"""

from __future__ import annotations

from django.db.models import Prefetch

from archive.models import Citation, CommentaryAuthor, SourceCreator, Tag

CREATORS = Prefetch("creators", queryset=SourceCreator.objects.order_by("role", "order", "pk"))


def sources_for_reference(queryset):
    """Sources with everything `Source.reference` reads (creators, the host volume and its editors)."""
    return queryset.select_related("part_of").prefetch_related(
        CREATORS, Prefetch("part_of__creators", queryset=SourceCreator.objects.order_by("role", "order", "pk"))
    )


# List prefetches land in plain lists (`to_attr`): Django then sets one attribute per item instead of building
# a related manager and a filtered queryset per item and relation, which was most of a list's fetch time.
LISTED_TAGS = "listed_tags"
LISTED_AUTHORSHIPS = "listed_authorships"
# A listed tag is a chip, a feed category or an export's slug: its name and slug, not its description.
CHIP_TAGS = Tag.objects.only("pk", "name", "slug")


def commentary_for_list(queryset):
    """Commentary as its cards show it: authors (`authorships_of`) and tags (`tags_of`)."""
    return queryset.prefetch_related(
        Prefetch("authorships", queryset=CommentaryAuthor.objects.select_related("person"), to_attr=LISTED_AUTHORSHIPS),
        Prefetch("tags", queryset=CHIP_TAGS, to_attr=LISTED_TAGS),
    )


def events_for_list(queryset):
    """Events as their cards, feeds and timelines show them: with their tags (`tags_of`)."""
    return queryset.prefetch_related(Prefetch("tags", queryset=CHIP_TAGS, to_attr=LISTED_TAGS))


def events_for_cards(queryset):
    """Events as cards and timeline marks show them (title, date, type, tags): without the summary and body,
    which a 200-event timeline otherwise reads and decodes for nothing."""
    return events_for_list(queryset).defer("summary", "body")


def tags_of(item) -> list:
    """An event's or commentary's tags: the list prefetched for lists, else one query."""
    listed = getattr(item, LISTED_TAGS, None)
    return listed if listed is not None else list(item.tags.all())


def authorships_of(commentary) -> list:
    listed = getattr(commentary, LISTED_AUTHORSHIPS, None)
    return listed if listed is not None else list(commentary.authorships.select_related("person"))


def citations_of(**target):
    """Every citation of one event or commentary, whatever its source's status (the caller decides)."""
    return (
        Citation.objects.filter(**target)
        .select_related("source__part_of", "source__country_of_origin")
        .prefetch_related(
            Prefetch("source__creators", queryset=SourceCreator.objects.order_by("role", "order", "pk")),
            Prefetch("source__part_of__creators", queryset=SourceCreator.objects.order_by("role", "order", "pk")),
        )
    )
