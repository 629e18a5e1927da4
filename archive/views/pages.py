from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render

from archive.citations.footnotes import render_with_footnotes
from archive.models import Actor, Citation, Person, SourceCreator, Tag, TagRedirect

from .visibility import get_visible, visible_commentary, visible_events, visible_sources


def home(request):
    return render(
        request,
        "archive/home.html",
        {
            "commentaries": visible_commentary(request).prefetch_related("authors")[:5],
            "events": visible_events(request).order_by("-date_earliest")[:8],
        },
    )


def _citations(request, **target):
    sources = visible_sources(request)
    return (
        Citation.objects.filter(**target, source__in=sources)
        .select_related("source", "source__part_of")
        .prefetch_related(Prefetch("source__creators", queryset=SourceCreator.objects.order_by("order", "pk")))
    )


def _render_body(item, citations):
    sources = {c.source.citation_key: c.source for c in citations}
    return render_with_footnotes(item.body, sources)


def event_detail(request, slug):
    event = get_visible(visible_events(request).prefetch_related("actors", "tags"), slug=slug)
    citations = list(_citations(request, event=event))
    return render(
        request,
        "archive/event_detail.html",
        {"event": event, "citations": citations, "body": _render_body(event, citations)},
    )


def commentary_detail(request, slug):
    commentary = get_visible(visible_commentary(request).prefetch_related("tags", "authorships__person"), slug=slug)
    citations = list(_citations(request, commentary=commentary))
    return render(
        request,
        "archive/commentary_detail.html",
        {"commentary": commentary, "citations": citations, "body": _render_body(commentary, citations)},
    )


def source_detail(request, key):
    source = get_visible(
        visible_sources(request).prefetch_related("creators").select_related("part_of"), citation_key=key
    )
    citing = Citation.objects.filter(source=source).select_related("event", "commentary")
    public = [c for c in citing if (c.event or c.commentary).is_public]
    return render(request, "archive/source_detail.html", {"source": source, "citations": public})


def tag_detail(request, slug):
    tag = Tag.objects.filter(slug=slug).first()
    if tag is None:
        moved = get_object_or_404(TagRedirect.objects.select_related("tag"), old_slug=slug)
        return redirect(moved.tag, permanent=True)
    return render(
        request,
        "archive/tag_detail.html",
        {
            "tag": tag,
            "events": visible_events(request).filter(tags=tag),
            "commentaries": visible_commentary(request).filter(tags=tag),
        },
    )


def actor_detail(request, slug):
    actor = get_object_or_404(Actor.objects.prefetch_related("aliases"), slug=slug)
    return render(
        request,
        "archive/actor_detail.html",
        {"actor": actor, "events": visible_events(request).filter(actors=actor)},
    )


def person_detail(request, slug):
    person = get_object_or_404(Person, slug=slug)
    return render(
        request,
        "archive/person_detail.html",
        {"person": person, "commentaries": visible_commentary(request).filter(authors=person)},
    )
