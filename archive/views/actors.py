"""Actors: one page per country, organization or person, and one per pair (Belarus–Russia)."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from archive import public
from archive.timeline import group_by_decade
from archive.visibility import visible_actors, visible_commentary, visible_events


def actor_detail(request, slug):
    actor = get_object_or_404(visible_actors(request).select_related("country").prefetch_related("aliases"), slug=slug)
    events = public.events_for_list(visible_events(request).filter(actors=actor))
    return render(
        request,
        "archive/actor_detail.html",
        {
            "actor": actor,
            "decades": group_by_decade(events),
            "commentaries": public.first_of(
                public.commentary_for_list(visible_commentary(request).filter(actors=actor))
            ),
            "counterparts": public.counterparts(actor),
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
    events = public.events_for_list(visible_events(request).filter(actors=first).filter(actors=second))
    commentaries = visible_commentary(request).filter(actors=first).filter(actors=second)
    return render(
        request,
        "archive/actor_pair.html",
        {
            "first": first,
            "second": second,
            "decades": group_by_decade(events),
            "commentaries": public.commentary_for_list(commentaries),
            # Belarus–Russia and Russia–Belarus are one page to search engines.
            "canonical_path": reverse("archive:actor_pair", args=sorted([first.slug, second.slug])),
        },
    )
