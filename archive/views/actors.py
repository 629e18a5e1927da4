"""Actors: one page per country, organization or person, and one per pair (Belarus–Russia)."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from archive import charts, memo, prefetch, public
from archive.timeline import latest
from archive.visibility import visible_actors, visible_commentary, visible_events

from .kept import render_kept
from .listing import kept_timeline


def _latest(events):
    """(the latest timeline.PAGE_SIZE events as cards, whether there are more)."""
    found = latest(prefetch.events_for_cards(events))
    return found.events, found.more


def actor_detail(request, slug):
    def build():
        actor = get_object_or_404(
            visible_actors(request).select_related("country").prefetch_related("aliases"), slug=slug
        )
        timeline_html, more_events = kept_timeline(
            request, ("actor", actor.pk), lambda: _latest(visible_events(request).filter(actors=actor))
        )
        include_people = request.GET.get("relations") == "all"
        context = {
            "actor": actor,
            "timeline_html": timeline_html,
            "more_events": more_events,
            "commentaries": public.first_of(
                prefetch.commentary_for_list(visible_commentary(request).filter(actors=actor))
            ),
            "counterparts": public.counterparts(request, actor, include_people),
            "include_people": include_people,
        }
        return context, {"title": actor.name}

    return render_kept(request, "archive/actor_detail.html", build)


def actor_pair(request, slug, other):
    """Events involving both actors, as a timeline. The pair is unordered: one canonical URL."""
    if slug == other:
        return redirect("archive:actor_detail", slug=slug)
    return render_kept(request, "archive/actor_pair.html", lambda: _pair(request, slug, other))


def _pair(request, slug, other):
    actors = {a.slug: a for a in visible_actors(request).filter(slug__in=[slug, other])}
    if slug not in actors or other not in actors:
        raise Http404("No such pair of actors.")
    first, second = actors[slug], actors[other]
    shared = visible_events(request).filter(actors=first).filter(actors=second)
    pair = sorted([first.pk, second.pk])
    timeline_html, more_events = kept_timeline(request, ("pair", *pair), lambda: _latest(shared))
    commentaries = visible_commentary(request).filter(actors=first).filter(actors=second)
    context = {
        "first": first,
        "second": second,
        "timeline_html": timeline_html,
        "more_events": more_events,
        # One GROUP BY over every shared event (19 ms for 120 of 94,000): kept under the content version.
        "relations": charts.relations_by_year(
            memo.remember(request, ("relations by year", *pair), lambda: charts.year_type_counts(shared))
        ),
        "commentaries": prefetch.commentary_for_list(commentaries),
    }
    return context, {
        "title": f"{first.name}–{second.name} relations",
        # Belarus–Russia and Russia–Belarus are one page to search engines.
        "canonical_path": reverse("archive:actor_pair", args=sorted([first.slug, second.slug])),
    }
