"""A public page's main content rendered once per content version, then kept (archive/memo.py).

An item page (an event, a commentary with its footnotes, a source with what cites it, an actor, a
pair, an author) and a filtered list spent 10–17 ms of CPU on the demo archive rendering its
`<main>`, nearly all of it the ORM building five to nine queries and the templates walking them,
for content that depends only on public data and the request's address. For public viewers that
content is rendered once per content version (never stale: every write to public content replaces
the version in its transaction) and kept under the page cache's address (`page_cache.address`:
scheme, host, full path with its query string, today's date); the header, footer and `<head>` around it
(base.html) are rendered on every request. Staff previews always build afresh (memo.remember never
keeps what they see), and a 404 raised while building is never kept.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.shortcuts import render
from django.template.loader import render_to_string

from archive import memo, page_cache

SHELL = "archive/page.html"


@dataclass(frozen=True)
class Page:
    """What base.html needs around a kept content block: picklable, so the memo can keep it."""

    title: str
    content: str  # the rendered content template (safe HTML)
    meta: object | None = None  # a metadata.PageMeta for item pages
    canonical_path: str = ""
    draft_banner: str = ""
    status: int = 200


def kept_response(view):
    """`view`'s whole response kept the same way, for outputs with no shell around them (sitemaps, exports).

    A 1,000-URL sitemap section took 280 ms and the index, counting seven sections, 83 ms with 100,000
    documents, and the CSV of the demo's 21 events 13 ms (a model instance per event, actor, tag, citation
    and source); all are the same for every public viewer and change only with public content. The page
    cache keeps the same responses for readers without a session.
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        def compute():
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            return page_cache.stored(response)

        parts = ("response", view.__module__, view.__name__, *page_cache.address(request))
        return page_cache.restored(*memo.remember(request, parts, compute))

    return wrapped


def render_kept(request, template: str, build: Callable[[], tuple[dict, dict]]):
    """Respond with `template` rendered from build()'s context, kept for public viewers.

    build() returns (the content template's context, the page's fields: title and any of meta,
    canonical_path, draft_banner, status); it raises Http404 for a missing item.
    """

    def compute() -> Page:
        context, fields = build()
        return Page(content=render_to_string(template, context, request), **fields)

    page = memo.remember(request, ("page content", template, *page_cache.address(request)), compute)
    return render(
        request,
        SHELL,
        {
            "page": page,
            "meta": page.meta,
            "canonical_path": page.canonical_path,
            "draft_banner": page.draft_banner,
        },
        status=page.status,
    )
