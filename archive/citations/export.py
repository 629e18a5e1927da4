"""Sources as BibTeX, RIS and CSL-JSON, from the same structured fields as the on-page style.

Each format gets its own type mapping and escaping: BibTeX escapes its
special characters (and keeps the title's capitals in braces), RIS strips
line breaks from values, CSL-JSON gives dates as date-parts at their true
precision ("2009-07" → [[2009, 7]]).
"""

from __future__ import annotations

import datetime as dt
import re

from archive import dates, source_kinds
from archive.links import http_url

# Derived from the one table of source kinds (views kept for callers that map types).
BIBTEX_TYPES = {kind: row.bibtex for kind, row in source_kinds.KINDS.items()}
RIS_TYPES = {kind: row.ris for kind, row in source_kinds.KINDS.items()}
CSL_TYPES = {kind: row.csl for kind, row in source_kinds.KINDS.items()}

# Kinds a format's type alone does not say (BibTeX's misc, RIS's RPRT, CSL's report serve several): the
# archive's kind goes along in a field readers ignore when they do not know it (biblatex entrysubtype,
# RIS M3 "type of work", CSL genre), so the archive's own imports get the kind back.
BIBTEX_SUBTYPE_KINDS = set(BIBTEX_TYPES) - {"book", "chapter", "journal-article", "report"}
RIS_SUBTYPE_KINDS = {"commentary", "interview"}
CSL_SUBTYPE_KINDS = {"commentary"}

_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_BIBTEX_RE = re.compile("|".join(re.escape(c) for c in _BIBTEX_SPECIAL))
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def bibtex_escape(text: str) -> str:
    return _BIBTEX_RE.sub(lambda m: _BIBTEX_SPECIAL[m.group(0)], " ".join(str(text).split()))


def _creators(source, role):
    return [c for c in source.creators.all() if c.role == role]


def _bibtex_name(creator) -> str:
    if creator.literal_name:
        return "{" + bibtex_escape(creator.literal_name) + "}"
    return ", ".join(bibtex_escape(p) for p in (creator.family_name, creator.given_name) if p)


def _pages(pages: str) -> tuple[str, str]:
    parts = re.split(r"\s*[-‐‑‒–—]+\s*", pages.strip(), maxsplit=1)
    return (parts[0], parts[1] if len(parts) > 1 else "")


def _container(source) -> str:
    if source.container_title:
        return source.container_title
    host = source.public_host
    return host.title if host else ""


def bibtex_entry(source) -> str:
    kind = source_kinds.formats(source.kind).bibtex
    fields: list[tuple[str, str]] = []
    authors = _creators(source, "author")
    host = source.public_host
    editors = _creators(source, "editor") or (_creators(host, "editor") if host else [])
    if authors:
        fields.append(("author", " and ".join(_bibtex_name(c) for c in authors)))
    if editors:
        fields.append(("editor", " and ".join(_bibtex_name(c) for c in editors)))
    translators = _creators(source, "translator")
    if translators:
        fields.append(("translator", " and ".join(_bibtex_name(c) for c in translators)))
    fields.append(("title", "{" + bibtex_escape(source.title) + "}"))
    container = _container(source)
    if container:
        field_name = {"article": "journal", "incollection": "booktitle"}.get(kind, "howpublished")
        if kind == "techreport":
            field_name = "type"
        fields.append((field_name, bibtex_escape(container)))
    if source.date_earliest and source.date_edtf.startswith(("[", "{")):
        # A set ("2004 or 2005"): biblatex's date field reads EDTF but not sets, so only the words.
        fields.append(("year", bibtex_escape(dates.of(source).words)))
    elif source.date_earliest:
        fields.append(("year", str(source.date_earliest.year)))
        if source.date_precision in ("day", "month"):
            fields.append(("month", _MONTHS[source.date_earliest.month - 1]))
        fields.append(("date", bibtex_escape(source.date_edtf)))
    for name in ("volume", "edition"):
        if getattr(source, name):
            fields.append((name, bibtex_escape(getattr(source, name))))
    if source.issue:
        fields.append(("number", bibtex_escape(source.issue)))
    if source.pages:
        first, last = _pages(source.pages)
        fields.append(("pages", bibtex_escape(f"{first}--{last}" if last else first)))
    if source.publisher:
        fields.append(("institution" if kind == "techreport" else "publisher", bibtex_escape(source.publisher)))
    if source.place:
        fields.append(("address", bibtex_escape(source.place)))
    if source.doi:
        fields.append(("doi", source.doi))
    if source.isbn:
        fields.append(("isbn", source.isbn))
    url = http_url(source.url)
    if url:
        fields.append(("url", url.replace("{", "%7B").replace("}", "%7D")))
    if source.accessed:
        fields.append(("urldate", source.accessed.isoformat()))
    if source.language:
        fields.append(("langid", bibtex_escape(source.language)))
    if source.abstract:
        fields.append(("abstract", bibtex_escape(source.abstract)))
    if source.kind in BIBTEX_SUBTYPE_KINDS:
        fields.append(("entrysubtype", source.kind))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{source.citation_key},\n{body}\n}}\n"


def to_bibtex(sources) -> str:
    return "\n".join(bibtex_entry(s) for s in sources)


def _ris_value(text) -> str:
    return " ".join(str(text).split())


def ris_entry(source) -> str:
    lines: list[tuple[str, str]] = [("TY", source_kinds.formats(source.kind).ris)]
    for creator in _creators(source, "author"):
        lines.append(("AU", creator.inverted_name))
    for creator in _creators(source, "editor"):
        lines.append((source_kinds.formats(source.kind).ris_editors, creator.inverted_name))
    for creator in _creators(source, "translator"):
        lines.append(("A4", creator.inverted_name))
    lines.append(("TI", source.title))
    container = _container(source)
    if container:
        lines.append(("T2", container))
    if source.date_earliest:
        lines.append(("PY", str(source.date_earliest.year)))
        d = source.date_earliest
        if source.date_precision == "day":
            lines.append(("DA", f"{d.year:04d}/{d.month:02d}/{d.day:02d}/"))
        elif source.date_precision == "month":
            lines.append(("DA", f"{d.year:04d}/{d.month:02d}//"))
    if source.volume:
        lines.append(("VL", source.volume))
    if source.issue:
        lines.append(("IS", source.issue))
    if source.pages:
        first, last = _pages(source.pages)
        lines.append(("SP", first))
        if last:
            lines.append(("EP", last))
    if source.edition:
        lines.append(("ET", source.edition))
    if source.publisher:
        lines.append(("PB", source.publisher))
    if source.place:
        lines.append(("CY", source.place))
    if source.doi:
        lines.append(("DO", source.doi))
    if source.isbn:
        lines.append(("SN", source.isbn))
    url = http_url(source.url)
    if url:
        lines.append(("UR", url))
    if source.accessed:
        lines.append(("Y2", source.accessed.strftime("%Y/%m/%d")))
    if source.language:
        lines.append(("LA", source.language))
    if source.abstract:
        lines.append(("AB", source.abstract))
    if source.kind in RIS_SUBTYPE_KINDS:
        lines.append(("M3", source.kind))
    lines.append(("ID", source.citation_key))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {_ris_value(value)}".rstrip() + "\r\n" for tag, value in lines)


def to_ris(sources) -> str:
    return "\r\n".join(ris_entry(s) for s in sources)


def _csl_name(creator) -> dict:
    if creator.literal_name:
        return {"literal": creator.literal_name}
    name = {"family": creator.family_name}
    if creator.given_name:
        name["given"] = creator.given_name
    return name


def csl_date(source) -> dict | None:
    """EDTF → CSL date: date-parts at the date's precision, a range as two parts, a season named, circa flagged."""
    edtf = source.date_edtf
    if not edtf:
        return None
    parsed = dates.of(source)
    if parsed.season:
        date = {"date-parts": [[parsed.earliest.year]], "season": parsed.season}
    else:
        start, end = dates.iso_bounds(parsed)
        parts = [[int(p) for p in start.split("-")]]
        if end:
            parts.append([int(p) for p in end.split("-")])
        date = {"date-parts": parts}
    if "~" in edtf or "%" in edtf or "?" in edtf:
        date["circa"] = True
    return date


def csl_item(source, url: str = "") -> dict:
    item: dict = {"id": source.citation_key, "type": source_kinds.formats(source.kind).csl, "title": source.title}
    authors = _creators(source, "author")
    editors = _creators(source, "editor")
    if authors:
        item["author"] = [_csl_name(c) for c in authors]
    translators = _creators(source, "translator")
    if translators:
        item["translator"] = [_csl_name(c) for c in translators]
    if editors:
        item["editor"] = [_csl_name(c) for c in editors]
    elif source.public_host and _creators(source.public_host, "editor"):
        item["container-author"] = [_csl_name(c) for c in _creators(source.public_host, "editor")]
    container = _container(source)
    if container:
        item["container-title"] = container
    issued = csl_date(source)
    if issued:
        item["issued"] = issued
    simple = {
        "volume": source.volume,
        "issue": source.issue,
        "page": source.pages,
        "edition": source.edition,
        "publisher": source.publisher,
        "publisher-place": source.place,
        "DOI": source.doi,
        "ISBN": source.isbn,
        "URL": http_url(source.url) or url,
        "language": source.language,
        "abstract": source.abstract,
    }
    item.update({k: v for k, v in simple.items() if v})
    if source.kind in CSL_SUBTYPE_KINDS:
        item["genre"] = source.kind
    if source.accessed:
        item["accessed"] = {"date-parts": [[source.accessed.year, source.accessed.month, source.accessed.day]]}
    return item


def to_csl_json(sources) -> list[dict]:
    return [csl_item(s) for s in sources]


# "Cite this page": the archive's own pages as citable items.


def page_csl(item, url: str, site: str) -> dict:
    """A commentary (a report by its authors) or an event record (by the archive) as CSL-JSON."""
    from archive.models import Commentary

    if isinstance(item, Commentary):
        authors = [
            {"family": a.person.family_name, **({"given": a.person.given_name} if a.person.given_name else {})}
            for a in item.authorships.all()
        ]
        issued = item.published_on
        kind = "report"
    else:
        authors = [{"literal": site}]
        issued = item.publish_at.date()
        kind = "entry-encyclopedia"
    data = {
        "id": item.slug,
        "type": kind,
        "title": item.title,
        "author": authors,
        "publisher": site,
        "container-title": site,
        "issued": {"date-parts": [[issued.year, issued.month, issued.day]]},
        "URL": url,
    }
    return data


def page_reference(item, url: str, site: str) -> str:
    """The page in the archive's Chicago author-date style."""
    from archive.citations.styles import chicago_date

    data = page_csl(item, url, site)
    names = []
    for i, author in enumerate(data["author"]):
        if "literal" in author:
            names.append(author["literal"])
        elif i == 0:
            names.append(", ".join(p for p in (author["family"], author.get("given")) if p))
        else:
            names.append(" ".join(p for p in (author.get("given"), author["family"]) if p))
    year, month, day = data["issued"]["date-parts"][0]
    issued = dt.date(year, month, day)
    title = data["title"] if data["title"][-1:] in ".?!" else data["title"] + "."
    if not names:  # Chicago: with no author, the title leads
        return f"“{title}” {year}. {site}, {chicago_date(issued)}. {url}."
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{who}. {year}. “{title}” {site}, {chicago_date(issued)}. {url}."


def page_bibtex(item, url: str, site: str) -> str:
    data = page_csl(item, url, site)
    authors = " and ".join(
        "{" + bibtex_escape(a["literal"]) + "}"
        if "literal" in a
        else ", ".join(bibtex_escape(p) for p in (a["family"], a.get("given")) if p)
        for a in data["author"]
    )
    year, month, day = data["issued"]["date-parts"][0]
    kind = "techreport" if data["type"] == "report" else "misc"
    publisher_field = "institution" if kind == "techreport" else "publisher"
    fields = [
        ("author", authors),
        ("title", "{" + bibtex_escape(data["title"]) + "}"),
        (publisher_field, bibtex_escape(site)),
        ("year", str(year)),
        ("month", _MONTHS[month - 1]),
        ("date", f"{year:04d}-{month:02d}-{day:02d}"),
        ("url", url),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{data['id']},\n{body}\n}}\n"
