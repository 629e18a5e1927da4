"""The site's URLs plus two comparison views that exist only for the benchmark."""

from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import include, path

from search.models import SearchDocument


def trivial(request):
    """The floor: what a request costs through the same server and middleware without any query."""
    return HttpResponse("ok")


def icontains(request):
    """The naive search the issue rules out: LIKE '%term%' over title, summary and body, newest first."""
    term = request.GET.get("q", "")
    matches = SearchDocument.objects.public().filter(
        Q(title__icontains=term) | Q(summary__icontains=term) | Q(body__icontains=term)
    )
    rows = list(matches.order_by("-date_sort").values("title", "url", "date_display", "summary")[:20])
    total = matches.count()
    html = "".join(f"<li><a href='{r['url']}'>{r['title']}</a> {r['date_display']}</li>" for r in rows)
    return render(request, "base.html", {}) if not term else HttpResponse(f"<p>{total} results</p><ol>{html}</ol>")


urlpatterns = [
    path("bench/trivial/", trivial),
    path("bench/icontains/", icontains),
    path("", include("relations_site.urls")),
]
