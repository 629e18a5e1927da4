"""Events: the filterable list, the timeline grouped by decade and year, and the event page."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from archive import metadata, prefetch, public, source_mix
from archive.citations.export import page_bibtex, page_reference
from archive.filters import EventFilter
from archive.timeline import page_size
from archive.visibility import visible_commentary, visible_events

from .kept import render_kept
from .listing import TIMELINE, Listing, filtered, kept_timeline, list_context, paginate, query_parts


def event_list(request):
    def build():
        queryset = prefetch.events_for_cards(visible_events(request))
        context, status = list_context(request, EventFilter, queryset)
        context["export_query"] = _filter_query(request)
        return context, {"title": "Events", "status": status}

    return render_kept(request, "archive/event_list.html", build)


def timeline(request):
    """The matching events grouped by decade and year: one page up to timeline.PAGE_SIZE events (a timeline
    reads whole), pages of that many in date order beyond (a 100,000-event archive is not one page)."""
    filterset, queryset, status = filtered(EventFilter, request, prefetch.events_for_cards(visible_events(request)))
    listing = Listing(None, None)
    if status == 200:
        listing = paginate(request, queryset.order_by("date_earliest", "date_latest", "title", "pk"), page_size())
        status = listing.status
    timeline_html, _ = kept_timeline(
        request, (request.path, query_parts(request, keep_page=True)), lambda: (listing.items, None), TIMELINE
    )
    return render(
        request,
        "archive/timeline.html",
        {
            "filter": filterset,
            "filter_invalid": status == 400 and not listing.problem,
            "listing": listing,
            "timeline_html": timeline_html,
            "export_query": _filter_query(request),
        },
        status=status,
    )


def _filter_query(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def event_detail(request, slug):
    def build():
        event = get_object_or_404(
            visible_events(request).prefetch_related(
                "actors",
                "tags",
                Prefetch("commentaries", queryset=visible_commentary(request).order_by("-published_on")),
            ),
            slug=slug,
        )
        attribution, body = public.attributed_body(request, event)
        canonical = request.build_absolute_uri(event.get_absolute_url())
        site = metadata.site_name()
        context = {
            "event": event,
            "body": body,
            "bibliography": attribution.bibliography,
            "source_mix": source_mix.mix_of_attribution(attribution),
            "cite_text": page_reference(event, canonical, site),
            "cite_bibtex": page_bibtex(event, canonical, site),
        }
        return context, {
            "title": event.title,
            "meta": metadata.event_meta(event, request, attribution.sources, canonical),
            "draft_banner": event.preview_state,
        }

    return render_kept(request, "archive/event_detail.html", build)
