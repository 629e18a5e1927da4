"""Prefetch recipes: what each list or page's templates touch, fetched in a fixed number of queries.

Pages assert their query counts whatever the list length (tests/test_reader_pages.py); a
template that reads a new relation needs its prefetch added here.
"""

from __future__ import annotations

from django.db.models import Prefetch

from archive.models import Citation, CommentaryAuthor, SourceCreator

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
        .select_related("source__part_of", "source__country_of_origin")
        .prefetch_related(
            Prefetch("source__creators", queryset=SourceCreator.objects.order_by("role", "order", "pk")),
            Prefetch("source__part_of__creators", queryset=SourceCreator.objects.order_by("role", "order", "pk")),
        )
    )
