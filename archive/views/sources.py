"""Sources: the filterable list and the source page with its rating and "Cited by"."""

from django.shortcuts import render

from archive import metadata, public
from archive.filters import SourceFilter

from .listing import list_context
from .visibility import get_visible, visible_commentary, visible_events, visible_sources


def source_list(request):
    queryset = public.sources_for_reference(visible_sources(request)).order_by("citation_key")
    context, status = list_context(request, SourceFilter, queryset, per_page=25)
    return render(request, "archive/source_list.html", context, status=status)


def source_detail(request, key):
    source = get_visible(public.sources_for_reference(visible_sources(request)), citation_key=key)
    cited_by = public.cited_by(source, visible_events(request), visible_commentary(request))
    parts = public.sources_for_reference(visible_sources(request).filter(part_of=source))
    canonical = request.build_absolute_uri(source.get_absolute_url())
    return render(
        request,
        "archive/source_detail.html",
        {
            "source": source,
            "citations": list(cited_by),
            "parts": list(parts),
            "draft_banner": source.preview_state,
            "meta": metadata.source_meta(source, request, canonical),
        },
    )
