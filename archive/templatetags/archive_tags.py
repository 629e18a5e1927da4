"""Template helpers for the reader site: page links that keep filters, references in house style."""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from archive import visibility
from archive.citations.attribution import bibliography_adds
from archive.citations.styles import ITALIC, reference_pieces
from archive.citations.styles import reference_html as _reference_html
from archive.links import http_url as _http_url

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current URL with ?page= replaced, so filters survive paging."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()


@register.filter
def reference_html(source):
    return _reference_html(source)


@register.filter
def note_html(source, locator=""):
    """A footnote: the reference, then ", p. 5" without the reference's closing period before it
    ("Russia Profile VI (2), p. 5", not "… VI (2)., p. 5"); the period closes the note instead."""
    pieces = list(reference_pieces(source))
    if locator:
        while pieces and not pieces[-1][1].strip():
            pieces.pop()
        if pieces and pieces[-1][1].rstrip().endswith("."):
            style, text = pieces[-1]
            pieces[-1] = (style, text.rstrip()[:-1])
        pieces.append(("", f", {locator}."))
    html = "".join(
        f"<i>{conditional_escape(text)}</i>" if style == ITALIC else str(conditional_escape(text))
        for style, text in pieces
    )
    return format_html('<span class="reference">{}</span>', mark_safe(html.strip()))


@register.filter
def adds_to(bibliography, footnotes) -> bool:
    """Show the bibliography as a list only when it adds to the notes (see citations.attribution)."""
    return bibliography_adds(bibliography, footnotes or [])


@register.filter
def needs_warning(source) -> bool:
    """Approved but rated unreliable, deprecated or blacklisted: readers are told next to the citation."""
    return visibility.warns_readers(source)


@register.filter
def http_url(value) -> str:
    """A stored URL if it may become a link (http/https only), else "": use for every href to the outside."""
    return _http_url(value)
