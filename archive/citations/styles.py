"""One citation style for every source: Chicago author-date, from structured fields.

The reference is built once as a list of pieces, each marked as plain or
italic, so the plain-text form (previews, "cite this", exports' notes) and
the HTML form (italic titles of books and periodicals) never disagree.

Chicago rules applied: the author (or, failing that, the editors) leads;
with no creator at all the title moves to the front, before the year.
Periodical pieces (news, commentary, web pages) repeat the full date after
the container; web pages without a date give the access date.
"""

from __future__ import annotations

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from archive import dates, source_kinds
from archive.links import http_url

# The house style's rules per kind (standalone, dated, periodical) are in archive/source_kinds.py.

ITALIC = "i"
PLAIN = ""


def _join_names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return ", ".join(names[:-1]) + ", and " + names[-1]


def creator_names(source, role: str) -> list[str]:
    creators = [c for c in source.creators.all() if c.role == role]
    return [c.inverted_name if i == 0 else c.display_name for i, c in enumerate(creators)]


def author_part(source) -> str:
    """Authors, else editors ("eds."); empty when the source has no creator (title goes first)."""
    authors = creator_names(source, "author")
    if authors:
        return _join_names(authors)
    editors = creator_names(source, "editor")
    if editors:
        return _join_names(editors) + (", eds." if len(editors) > 1 else ", ed.")
    return ""


def year_part(source) -> str:
    if not source.date_earliest:
        return "n.d."
    if source.date_precision in ("decade", "century", "range") and source.date_earliest.year != source.date_latest.year:
        return f"{source.date_earliest.year}–{source.date_latest.year}"
    return str(source.date_earliest.year)


def chicago_date(value, precision: str = "day") -> str:
    """'July 5, 2009' / 'July 2009' as Chicago writes dates in running references."""
    month = dates.MONTHS[value.month - 1]
    if precision == "day":
        return f"{month} {value.day}, {value.year}"
    if precision == "month":
        return f"{month} {value.year}"
    return str(value.year)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text[-1:] in ".?!" else text + "."


def reference_pieces(source) -> list[tuple[str, str]]:
    """(style, text) pieces of the reference; concatenated they read as the plain reference."""
    pieces: list[tuple[str, str]] = []
    author = author_part(source)
    host = source.public_host
    url = http_url(source.url)
    rules = source_kinds.formats(source.kind)
    italic_title = rules.standalone and not (source.container_title or host)
    title_piece = (ITALIC, _sentence(source.title)) if italic_title else (PLAIN, f"“{_sentence(source.title)}”")
    if author:
        pieces += [(PLAIN, _sentence(author) + " "), (PLAIN, _sentence(year_part(source)) + " "), title_piece]
    else:
        pieces += [title_piece, (PLAIN, " " + _sentence(year_part(source)))]

    tail: list[list[tuple[str, str]]] = []
    if source.container_title:
        container = [(ITALIC, source.container_title)]
        if source.volume:
            container.append((PLAIN, f" {source.volume}" + (f" ({source.issue})" if source.issue else "")))
        if rules.dated and source.date_earliest and source.date_precision in ("day", "month"):
            container.append((PLAIN, ", " + chicago_date(source.date_earliest, source.date_precision)))
        if source.pages and rules.periodical:
            container.append((PLAIN, f": {source.pages}"))
        tail.append(container)
    if host:
        tail.append(_host_pieces(source, host))
    if source.edition:
        tail.append([(PLAIN, f"{source.edition} ed")])
    if source.pages and not (source.container_title and rules.periodical):
        tail.append([(PLAIN, source.pages)])
    publisher = ": ".join(p for p in (source.place, source.publisher) if p)
    if publisher and not rules.periodical and publisher != source.container_title:
        tail.append([(PLAIN, publisher)])
    if source.accessed and (url or http_url(source.archived_url)) and not source.doi:
        tail.append([(PLAIN, "Accessed " + chicago_date(source.accessed))])
    if source.doi:
        tail.append([(PLAIN, f"https://doi.org/{source.doi}")])
    elif url:
        tail.append([(PLAIN, url)])
    for group in tail:
        pieces.append((PLAIN, " "))
        pieces += group
        last_style, last_text = pieces[-1]
        if last_text[-1:] not in ".?!":
            pieces.append((PLAIN, "."))
    return pieces


def _host_pieces(source, host) -> list[tuple[str, str]]:
    editors = [c.display_name for c in host.creators.all() if c.role == "editor"]
    lead = "In " if source.kind in ("chapter", "encyclopedia-article") else "Reprinted in "
    group = [(PLAIN, lead), (ITALIC, host.title)]
    if editors:
        group.append((PLAIN, f", edited by {_join_names(editors)}"))
    host_pub = ": ".join(p for p in (host.place, host.publisher) if p)
    host_year = year_part(host) if host.date_earliest else ""
    if host_pub or host_year:
        group.append((PLAIN, " (" + ", ".join(p for p in (host_pub, host_year) if p) + ")"))
    return group


def reference_text(source) -> str:
    """Plain-text reference, e.g. for previews and 'cite this' boxes."""
    return "".join(text for _, text in reference_pieces(source)).strip()


def reference_html(source):
    """The same reference with titles of books and periodicals in italics."""
    html = "".join(
        f"<i>{conditional_escape(text)}</i>" if style == ITALIC else str(conditional_escape(text))
        for style, text in reference_pieces(source)
    )
    return format_html('<span class="reference">{}</span>', mark_safe(html.strip()))
