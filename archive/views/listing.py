"""Pagination and filtering that tell the reader what went wrong instead of failing.

`?page=abc` is a 400 and `?page=99999` a 404, both rendered as the list page
with a message and links back; an invalid filter value is a 400 with the
form's own error next to the field. Nothing here ever raises a 500.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.loader import render_to_string
from django.utils.functional import cached_property

from archive import memo
from archive.timeline import group_by_decade

PER_PAGE = 20
# A last page of four or fewer joins the one before it (21 items: one page of 21, not 20 + 1).
ORPHANS = 4


@dataclass
class Listing:
    page: object | None  # a Page, or None when the request was bad
    paginator: Paginator | None
    problem: str = ""
    status: int = 200

    @property
    def ok(self) -> bool:
        """A page was served (an empty page is still a page; a Page object with no items is falsy)."""
        return self.page is not None

    @property
    def items(self):
        return list(self.page.object_list) if self.page is not None else []


class KeptCountPaginator(Paginator):
    """A Paginator whose item count is kept in the memo of page parts (archive/memo.py) for public viewers.

    COUNT(*) over every public event took 140–190 ms of a 200 ms page on SQLite with 94,000 events, more
    than the page of 20 it numbers. The count depends only on public content and on the list's filters,
    so it is kept under the content version (never stale: every write to public content replaces it in
    its transaction) and the page's path with its query string except the page number (each filter gets
    its own count). Staff previews count afresh (memo.remember never keeps what they see).
    """

    def __init__(self, request, *args, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    @cached_property
    def count(self):
        query = query_parts(self.request, keep_page=False)
        return memo.remember(self.request, ("list count", self.request.path, query), lambda: Paginator.count.func(self))


def paginate(request, queryset, per_page: int = PER_PAGE) -> Listing:
    paginator = KeptCountPaginator(request, queryset, per_page, orphans=ORPHANS, allow_empty_first_page=True)
    raw = request.GET.get("page", "1")
    try:
        number = paginator.validate_number(raw)
        page = paginator.page(number)
    except PageNotAnInteger:
        return Listing(None, paginator, f"“{raw[:20]}” is not a page number.", 400)
    except EmptyPage:
        pages = paginator.num_pages
        pages_word = "1 page" if pages == 1 else f"{pages} pages"
        return Listing(None, paginator, f"There is no page {raw[:20]}: this list has {pages_word}.", 404)
    return Listing(page, paginator)


def filtered(filterset_class, request, queryset):
    """(filterset, queryset, status): an invalid filter gives no results and a 400, not a silent reset."""
    filterset = filterset_class(request.GET or None, queryset=queryset, request=request)
    if filterset.is_bound and not filterset.is_valid():
        _describe_errors(filterset.form)
        return filterset, queryset.none(), 400
    return filterset, filterset.qs, 200


def _describe_errors(form):
    """Tie each invalid field to its message for screen readers (aria-invalid, aria-describedby)."""
    for name in form.errors:
        if name in form.fields:
            widget = form.fields[name].widget
            widget.attrs["aria-invalid"] = "true"
            widget.attrs["aria-describedby"] = f"{form[name].id_for_label}-error"


def list_context(request, filterset_class, queryset, per_page: int = PER_PAGE):
    """Filter then paginate; returns (context, status) for a list template."""
    filterset, queryset, status = filtered(filterset_class, request, queryset)
    if status != 200:
        return {"filter": filterset, "listing": Listing(None, None), "filter_invalid": True}, status
    listing = paginate(request, queryset, per_page)
    return {"filter": filterset, "listing": listing, "filter_invalid": False}, listing.status


TIMELINE = "archive/includes/timeline.html"
NESTED_TIMELINE = "archive/includes/timeline_nested.html"


def kept_timeline(request, parts: tuple, events, template: str = NESTED_TIMELINE):
    """(the rendered timeline of `events()`, what else `events()` returned), kept in the memo of page parts.

    A timeline of 200 events (its SVG marks per decade and its cards) was most of /timeline/'s and a busy
    actor's page time with 94,000 events, and depends only on public content and the page's parameters
    (`parts`), so for public viewers it is rendered once per content version (archive/memo.py: never
    stale), with the query behind it; staff previews render afresh. `events()` returns (events, extra).
    """

    def compute():
        found, extra = events()
        return render_to_string(template, {"decades": group_by_decade(found)}), extra

    return memo.remember(request, ("timeline", template, *parts), compute)


def query_parts(request, *, keep_page: bool) -> list:
    """The request's query string as a sorted list of (name, values): a memo key part."""
    return sorted((name, values) for name, values in request.GET.lists() if keep_page or name != "page")
