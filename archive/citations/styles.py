"""One citation style for every source: Chicago author-date, from structured fields."""

from __future__ import annotations

from django.utils.html import format_html


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
    authors = creator_names(source, "author")
    if authors:
        return _join_names(authors)
    editors = creator_names(source, "editor")
    if editors:
        return _join_names(editors) + (", eds." if len(editors) > 1 else ", ed.")
    return source.publisher or ""


def year_part(source) -> str:
    if not source.date_earliest:
        return "n.d."
    if source.date_precision in ("decade", "century", "range") and source.date_earliest.year != source.date_latest.year:
        return f"{source.date_earliest.year}–{source.date_latest.year}"
    return str(source.date_earliest.year)


def reference_text(source) -> str:
    """Plain-text reference, e.g. for previews and 'cite this' boxes."""
    parts = [p for p in (author_part(source), year_part(source)) if p]
    head = ". ".join(parts)
    end = "" if source.title[-1:] in ".?!" else "."
    title = f"“{source.title}{end}”" if source.container_title or source.part_of_id else f"{source.title}{end}"
    tail = []
    if source.container_title:
        piece = source.container_title
        if source.volume:
            piece += f" {source.volume}"
            if source.issue:
                piece += f" ({source.issue})"
        tail.append(piece)
    if source.part_of_id:
        host = source.part_of
        editors = [c.display_name for c in host.creators.all() if c.role == "editor"]
        piece = f"Reprinted in {host.title}"
        if editors:
            piece += f", edited by {_join_names(editors)}"
        host_pub = ": ".join(p for p in (host.place, host.publisher) if p)
        if host_pub or host.date_earliest:
            piece += " (" + ", ".join(p for p in (host_pub, year_part(host) if host.date_earliest else "") if p) + ")"
        tail.append(piece)
    if source.pages:
        tail.append(source.pages)
    publisher = ": ".join(p for p in (source.place, source.publisher) if p)
    if publisher and source.kind not in ("news-article", "journal-article"):
        tail.append(publisher)
    if source.doi:
        tail.append(f"https://doi.org/{source.doi}")
    elif source.url:
        tail.append(source.url)
    body = ". ".join([head, title] if head else [title])
    text = body + (" " + ". ".join(tail) + "." if tail else "")
    return text.replace("..", ".").replace("?.", "?")


def reference_html(source):
    """The same reference with the title set off and the link clickable."""
    return format_html('<span class="reference">{}</span>', reference_text(source))
