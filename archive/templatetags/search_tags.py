"""The search page's facet lists and hits, written in Python rather than as template nodes.

Rendered by the template engine, the 40–100 facet links were a third of the
time spent rendering the results (about 0.8 ms of 2.5 ms a page, measured
with bench/profile_page.py). Same markup as before; every value goes through
format_html, so it is escaped. The same holds for the page of hits (`hit_items`: the
template loop was about a quarter of a cold search page's Python time, bench/README.md issue 11).
"""

from django import template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst

register = template.Library()


def _value(facet, value) -> str:
    if value.selected:
        return format_html(
            '<li><a href="{}" aria-current="true" aria-label="Remove filter {}: {}">'
            "<strong>{}</strong> ({}) ×</a></li>",
            value.url,
            facet.title,
            value.label,
            value.label,
            value.count,
        )
    return format_html('<li><a href="{}">{}</a> ({})</li>', value.url, value.label, value.count)


@register.simple_tag
def facet_lists(facets):
    """One <section> per facet with its values as links that add (or, when chosen, remove) the value."""
    return format_html_join(
        "\n",
        '<section class="facet" aria-labelledby="facet-{}"><h3 id="facet-{}">{}</h3><ul>{}</ul></section>',
        (
            (facet.name, facet.name, facet.title, mark_safe("".join(_value(facet, v) for v in facet.values)))
            for facet in facets
        ),
    )


def _hit(hit) -> str:
    """One hit, byte for byte what outcome.html's loop rendered (its whitespace included)."""
    kind = conditional_escape(hit.kind)
    date = ""
    if hit.date_display:
        if hit.date_sort:
            date = format_html(
                ' <time class="badge badge-date" datetime="{}">{}</time>', hit.date_sort.isoformat(), hit.date_display
            )
        else:
            date = format_html(' <span class="badge badge-date">{}</span>', hit.date_display)
    tags = ""
    if hit.tag_links:
        links = "".join(format_html('<li><a href="{}">{}</a></li>', url, name) for url, name in hit.tag_links)
        tags = f'<ul class="hit-tags tags" aria-label="Tags">{links}</ul>'
    snippet = f'<p class="hit-snippet">{hit.snippet_html}</p>' if hit.snippet_html else ""
    return (
        f'<li class="hit hit-{kind}">\n            <article>\n'
        f'              <h3><a href="{conditional_escape(hit.url)}">{hit.title_html}</a></h3>\n'
        f'              <div class="hit-meta card-meta"><span class="badge badge-kind hit-type">'
        f"{conditional_escape(capfirst(hit.kind))}</span>{date}\n"
        f"              {tags}</div>\n"
        f"              {snippet}\n"
        f"            </article>\n          </li>\n          "
    )


@register.simple_tag
def hit_items(hits):
    """The page's hits as <li> items (title and snippet are the engine's escaped highlights, marked safe)."""
    return mark_safe("\n          " + "\n          ".join(_hit(hit) for hit in hits) if hits else "")
