"""Sources: the filterable list and the source page with its rating and "Cited by"."""

from django.shortcuts import get_object_or_404, render

from archive import metadata, prefetch, public
from archive.filters import SourceFilter
from archive.visibility import visible_sources

from .listing import list_context


def source_list(request):
    queryset = prefetch.sources_for_reference(visible_sources(request)).order_by("citation_key")
    context, status = list_context(request, SourceFilter, queryset, per_page=25)
    return render(request, "archive/source_list.html", context, status=status)


def source_detail(request, key):
    source = get_object_or_404(prefetch.sources_for_reference(visible_sources(request)), citation_key=key)
    cited_by = public.cited_by(source, request)
    parts = prefetch.sources_for_reference(visible_sources(request).filter(part_of=source))
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
