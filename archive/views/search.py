"""The search page, its JSON twin and its Atom feed: thin views over search.service."""

import datetime as dt
from urllib.parse import quote, urlencode

from django import forms
from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from archive import memo, metadata
from archive.feedtypes import SafeAtom
from search import cache as search_cache
from search.facets import FACETS, FacetFilterSet
from search.models import SearchDocument
from search.service import SORTS, Search

TAG_PLACEHOLDER = "tag-slug-placeholder"


class SearchForm(forms.Form):
    q = forms.CharField(required=False, strip=True, label="Search the archive")
    sort = forms.ChoiceField(choices=list(SORTS.items()), required=False)
    format = forms.ChoiceField(choices=[("html", "HTML"), ("json", "JSON")], required=False)


def _params(request) -> dict[str, list[str]]:
    """The current query string as lists, for building facet and page links."""
    keep = {"q", "sort", *FACETS}
    return {k: [v for v in request.GET.getlist(k) if v] for k in request.GET if k in keep and request.GET.getlist(k)}


def _bad_request(request, form, filterset):
    errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
    if filterset is not None:
        errors += [f"{FACETS.get(k, k)}: {e}" for k, v in filterset.errors.items() for e in v]
    if request.GET.get("format") == "json":
        return JsonResponse({"errors": errors}, status=400)
    context = {"form": form, "errors": errors, "typed": request.GET.get("q", "").replace("\x00", "")}
    return render(request, "archive/search/results.html", context, status=400)


def _search(request, sort_default="relevance"):
    form = SearchForm(request.GET)
    if not form.is_valid():
        return None, None, _bad_request(request, form, None)
    # The cache version first: the filter set's queryset reads the clock too (see Search). The page cache
    # middleware has usually read it already for this request (memo keeps it on the request): not read twice.
    version = memo.version(request) if search_cache.seconds() > 0 else None
    filterset = FacetFilterSet(request.GET, queryset=SearchDocument.objects.public())
    if not filterset.is_valid():
        return None, None, _bad_request(request, form, filterset)
    sort = form.cleaned_data["sort"] or sort_default
    search = Search(form.cleaned_data["q"], filterset, sort, request.GET.get("page"), _params(request), version)
    return form, search, None


def _hit_json(request, hit):
    return {
        "type": hit.kind,
        "title": strip_tags(hit.title_html),
        "url": request.build_absolute_uri(hit.url),
        "date": hit.date_display,
        "date_sort": hit.date_sort.isoformat() if hit.date_sort else None,
        "snippet_html": hit.snippet_html,
        "tags": [{"slug": slug, "name": name} for slug, name in hit.tags],
    }


def search(request):
    form, search, error = _search(request)
    if error:
        return error
    if request.GET.get("format") == "json":
        outcome = search.outcome()
        return JsonResponse(
            {
                "query": outcome.query,
                "sort": outcome.sort,
                "total": outcome.matches.total,
                "total_is_lower_bound": outcome.matches.capped,
                "page": outcome.page.number,
                "pages": outcome.page.paginator.num_pages,
                "suggestion": outcome.suggestion,
                "notices": outcome.notices,
                "every_word_matched": outcome.matches.complete,
                "results": [_hit_json(request, hit) for hit in outcome.hits],
                "facets": {
                    f.name: [
                        {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected} for v in f.values
                    ]
                    for f in outcome.facets
                },
            }
        )
    if _anonymous(request):
        # Nothing on the page depends on who asks: the whole page is cached with the results.
        key = ("page", request.scheme, request.get_host(), request.path)
        return HttpResponse(search.remember(key, lambda: _page(request, form, search).content.decode()))
    return _page(request, form, search)


def _anonymous(request) -> bool:
    """No session cookie: no account, no messages, so the page is the same for every such reader."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def _page(request, form, search):
    params = _params(request)
    feed_query = urlencode([(k, v) for k, values in params.items() if k != "sort" for v in values])
    feed_url = reverse("archive:search_feed") + (f"?{feed_query}" if feed_query else "")
    # The rendered results are cached too: a repeated search renders only the page around them.
    html = search.remember("html", lambda: _render_outcome(search.outcome(), params, feed_url))
    context = {
        "form": form,
        "search": search,
        "outcome_html": mark_safe(html),
        "feed_url": feed_url,
        "typed": search.query,
    }
    return render(request, "archive/search/results.html", context)


def _render_outcome(outcome, params, feed_url) -> str:
    """The results, facets and links: the same for everyone who runs this search on this version of the index."""
    _link_tags(outcome.hits)
    labels = {(f.name, v.value): v.label for f in outcome.facets for v in f.values}
    context = {
        "outcome": outcome,
        "sorts": [(key, label, _with(params, sort=key)) for key, label in SORTS.items()],
        "removable": [
            (FACETS[name], labels.get((name, value), value), _without(params, name, value))
            for name, values in outcome.selected.items()
            for value in values
        ],
        "feed_url": feed_url,
        "page_query": urlencode([(k, v) for k, values in params.items() for v in values]),
    }
    return render_to_string("archive/search/includes/outcome.html", context)


def _link_tags(hits) -> None:
    """Each hit's tag links, from one reverse() per page rather than one {% url %} per tag."""
    pattern = reverse("archive:tag_detail", args=[TAG_PLACEHOLDER])
    for hit in hits:
        hit.tag_links = [(pattern.replace(TAG_PLACEHOLDER, quote(slug)), name) for slug, name in hit.tags]


def _with(params, **changes):
    merged = {**params, **{k: [v] for k, v in changes.items()}}
    return "?" + urlencode([(k, v) for k, values in merged.items() for v in values])


def _without(params, name, value):
    rest = {k: [v for v in values if not (k == name and v == value)] for k, values in params.items()}
    if name == "decade":
        rest.pop("year", None)
    return "?" + urlencode([(k, v) for k, values in rest.items() for v in values])


def feed(request):
    """Atom feed of a search, newest first, so readers can follow new matches."""
    _form, search, error = _search(request, sort_default="newest")
    if error:
        return error
    outcome = search.outcome()
    query = outcome.query or "everything"
    link = request.build_absolute_uri(reverse("archive:search") + "?" + request.GET.urlencode())
    atom = SafeAtom(
        title=f"{metadata.site_name()} search: {query}",
        link=link,
        description=f"New matches for “{query}”.",
        feed_url=request.build_absolute_uri(),
        language="en",
    )
    for hit in outcome.hits:
        updated = dt.datetime.combine(hit.date_sort, dt.time(), tzinfo=dt.UTC) if hit.date_sort else None
        atom.add_item(
            title=strip_tags(hit.title_html),
            link=request.build_absolute_uri(hit.url),
            description=hit.snippet_html,
            unique_id=request.build_absolute_uri(hit.url),
            updateddate=updated,
            pubdate=updated,
            categories=[name for _slug, name in hit.tags],
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    atom.write(response, "utf-8")
    return response
