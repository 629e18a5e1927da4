"""Commentary: the list (filterable, paginated) and the article with its footnotes."""

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404

from archive import metadata, prefetch, public, source_mix
from archive.citations.export import page_bibtex, page_reference
from archive.filters import CommentaryFilter
from archive.models import CommentaryAuthor
from archive.visibility import can_preview, footnote_rule, visible_commentary, visible_events

from .kept import render_kept
from .listing import list_context


def commentary_list(request):
    def build():
        queryset = prefetch.commentary_for_list(visible_commentary(request))
        context, status = list_context(request, CommentaryFilter, queryset)
        return context, {"title": "Commentary", "status": status}

    return render_kept(request, "archive/commentary_list.html", build)


def commentary_detail(request, slug):
    return render_kept(request, "archive/commentary_detail.html", lambda: _article(request, slug))


def _article(request, slug):
    """(the article's context, the page's fields): a commentary with its footnotes, links and citation."""
    visible = visible_commentary(request)
    commentary = get_object_or_404(
        visible.select_related("original_publication__part_of").prefetch_related(
            Prefetch("authorships", queryset=CommentaryAuthor.objects.select_related("person")),
            "tags",
            "actors",
            Prefetch("related_events", queryset=visible_events(request).order_by("date_earliest")),
            Prefetch("original_publication__creators", queryset=prefetch.CREATORS.queryset),
            Prefetch("original_publication__part_of__creators", queryset=prefetch.CREATORS.queryset),
        ),
        slug=slug,
    )
    preview = can_preview(request)
    attribution, body = public.attributed_body(request, commentary)
    original = commentary.original_publication
    if original is not None and not footnote_rule(preview)(original):
        original = None
    day, pk = commentary.published_on, commentary.pk
    newer = visible.filter(Q(published_on__gt=day) | Q(published_on=day, pk__gt=pk)).order_by("published_on", "pk")
    older = visible.filter(Q(published_on__lt=day) | Q(published_on=day, pk__lt=pk)).order_by("-published_on", "-pk")
    canonical = request.build_absolute_uri(commentary.get_absolute_url())
    authorships = list(commentary.authorships.all())
    site = metadata.site_name()
    context = {
        "commentary": commentary,
        "authorships": authorships,
        "body": body,
        "bibliography": attribution.bibliography,
        "source_mix": source_mix.mix_of_attribution(attribution),
        "original": original,
        "newer": newer.first(),
        "older": older.first(),
        "cite_text": page_reference(commentary, canonical, site),
        "cite_bibtex": page_bibtex(commentary, canonical, site),
    }
    return context, {
        "title": commentary.title,
        "meta": metadata.commentary_meta(commentary, request, authorships, attribution.sources, canonical, original),
        "draft_banner": commentary.preview_state,
    }
