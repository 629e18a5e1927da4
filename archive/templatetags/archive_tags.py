"""Template helpers for the reader site: page links that keep filters, references in house style."""

from django import template

from archive import visibility
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
def needs_warning(source) -> bool:
    """Approved but rated unreliable, deprecated or blacklisted: readers are told next to the citation."""
    return visibility.warns_readers(source)


@register.filter
def http_url(value) -> str:
    """A stored URL if it may become a link (http/https only), else "": use for every href to the outside."""
    return _http_url(value)
