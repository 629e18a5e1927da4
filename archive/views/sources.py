"""Sources: the filterable list and the source page with its rating and "Cited by"."""

from django.shortcuts import get_object_or_404

from archive import metadata, prefetch, public
from archive.filters import SourceFilter
from archive.visibility import visible_sources

from .kept import render_kept
from .listing import list_context


def source_list(request):
    def build():
        queryset = prefetch.sources_for_reference(visible_sources(request)).order_by("citation_key")
        context, status = list_context(request, SourceFilter, queryset, per_page=25)
        return context, {"title": "Sources", "status": status}

    return render_kept(request, "archive/source_list.html", build)


def source_detail(request, key):
    def build():
        source = get_object_or_404(prefetch.sources_for_reference(visible_sources(request)), citation_key=key)
        cited_by = public.cited_by(source, request)
        parts = prefetch.sources_for_reference(visible_sources(request).filter(part_of=source))
        canonical = request.build_absolute_uri(source.get_absolute_url())
        context = {"source": source, "citations": list(cited_by), "parts": list(parts)}
        return context, {
            "title": source.title,
            "meta": metadata.source_meta(source, request, canonical),
            "draft_banner": source.preview_state,
        }

    return render_kept(request, "archive/source_detail.html", build)
