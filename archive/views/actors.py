"""Actors: one page per country, organization or person, and one per pair (Belarus–Russia)."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from archive import charts, memo, prefetch, public
from archive.timeline import group_by_decade, latest
from archive.visibility import visible_actors, visible_commentary, visible_events


def actor_detail(request, slug):
    actor = get_object_or_404(visible_actors(request).select_related("country").prefetch_related("aliases"), slug=slug)
    events = latest(prefetch.events_for_cards(visible_events(request).filter(actors=actor)))
    include_people = request.GET.get("relations") == "all"
    return render(
        request,
        "archive/actor_detail.html",
        {
            "actor": actor,
            "decades": group_by_decade(events.events),
            "more_events": events.more,
            "commentaries": public.first_of(
                prefetch.commentary_for_list(visible_commentary(request).filter(actors=actor))
            ),
            "counterparts": public.counterparts(request, actor, include_people),
            "include_people": include_people,
        },
    )


def actor_pair(request, slug, other):
    """Events involving both actors, as a timeline. The pair is unordered: one canonical URL."""
    if slug == other:
        return redirect("archive:actor_detail", slug=slug)
    actors = {a.slug: a for a in visible_actors(request).filter(slug__in=[slug, other])}
    if slug not in actors or other not in actors:
        raise Http404("No such pair of actors.")
    first, second = actors[slug], actors[other]
    shared = visible_events(request).filter(actors=first).filter(actors=second)
    events = latest(prefetch.events_for_cards(shared))
    commentaries = visible_commentary(request).filter(actors=first).filter(actors=second)
    return render(
        request,
        "archive/actor_pair.html",
        {
            "first": first,
            "second": second,
            "decades": group_by_decade(events.events),
            "more_events": events.more,
            # One GROUP BY over every shared event (19 ms for 120 of 94,000): kept under the content version.
            "relations": charts.relations_by_year(
                memo.remember(
                    request,
                    ("relations by year", *sorted([first.pk, second.pk])),
                    lambda: charts.year_type_counts(shared),
                )
            ),
            "commentaries": prefetch.commentary_for_list(commentaries),
            # Belarus–Russia and Russia–Belarus are one page to search engines.
            "canonical_path": reverse("archive:actor_pair", args=sorted([first.slug, second.slug])),
        },
    )
