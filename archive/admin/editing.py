"""The writing aids of the event and commentary forms: live preview and cite-by-lookup.

Both are plain admin views, so the form works without JavaScript (the Preview
button posts the form to the preview view in a new tab); static/js/editor.js
calls the same views as the editor types.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.http import HttpResponseNotAllowed, JsonResponse
from django.template.response import TemplateResponse

from archive.citations.footnotes import render_with_footnotes
from archive.citations.keys import cited_keys
from archive.citations.lint import lint
from archive.models import Source, SourceCreator

LOOKUP_LIMIT = 10


def posted_authors(data) -> bool:
    """Whether a posted commentary form names an author (inline rows not marked for deletion)."""
    total = data.get("authorships-TOTAL_FORMS", "0")
    count = int(total) if total.isdigit() else 0
    return any(data.get(f"authorships-{i}-person") and not data.get(f"authorships-{i}-DELETE") for i in range(count))


def preview_context(body: str) -> dict:
    """The body as readers will see it (the real renderer), with the lint report for the editor."""
    keys = cited_keys(body)
    sources = Source.objects.filter(citation_key__in=keys).prefetch_related(
        Prefetch("creators", queryset=SourceCreator.objects.order_by("role", "order", "pk"))
    )
    rendered = render_with_footnotes(body, {s.citation_key: s for s in sources})
    return {"body": rendered, "report": lint(body)}


class EditingViewsMixin:
    """Adds `<model>/preview/` and `<model>/cite-lookup/` to a content ModelAdmin."""

    def preview_view(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        context = preview_context(request.POST.get("body", ""))
        context["no_author"] = self.model._meta.model_name == "commentary" and not posted_authors(request.POST)
        fragment = request.headers.get("X-Requested-With") == "fetch" or request.GET.get("fragment")
        if fragment:
            return TemplateResponse(request, "admin/archive/preview_fragment.html", context)
        context.update(
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": f"Preview: {request.POST.get('title') or 'untitled'}",
                "preview_title": request.POST.get("title", ""),
            }
        )
        return TemplateResponse(request, "admin/archive/preview_page.html", context)

    def cite_lookup_view(self, request):
        """Sources an editor may cite, by key, title, author or year; pending ones marked."""
        from django.core.exceptions import PermissionDenied

        if not request.user.has_perm("archive.view_source"):
            raise PermissionDenied
        query = (request.GET.get("q") or "").strip()[:100]
        sources = Source.objects.filter(merged_into__isnull=True).exclude(status=Source.Status.REJECTED)
        for word in query.split()[:5]:
            match = Q(citation_key__icontains=word) | Q(title__icontains=word)
            match |= Q(creators__family_name__icontains=word) | Q(creators__literal_name__icontains=word)
            if word.isdigit() and len(word) == 4:
                match |= Q(date_earliest__year=int(word))
            sources = sources.filter(match)
        sources = (
            sources.distinct()
            .order_by("status", "citation_key")  # "approved" sorts before "pending"
            .prefetch_related(Prefetch("creators", queryset=SourceCreator.objects.order_by("role", "order", "pk")))
        )
        results = [
            {
                "key": s.citation_key,
                "title": s.title,
                "authors": ", ".join(c.display_name for c in s.creators.all()[:3]),
                "year": s.year,
                "status": s.status,
                "pending": s.status == Source.Status.PENDING,
                "reliability": s.get_reliability_display() if s.reliability else "",
            }
            for s in sources[:LOOKUP_LIMIT]
        ]
        return JsonResponse({"results": results})
