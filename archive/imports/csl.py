"""CSL-JSON (Zotero, citeproc tools, and the archive's own export) → SourceRecords."""

from __future__ import annotations

import json

from archive.citations.export import CSL_TYPES

from . import normalize as n
from .records import CreatorRecord, ImportFileError, SourceRecord

KINDS = set(CSL_TYPES)
TYPES = {
    "article-journal": "journal-article", "article-magazine": "journal-article", "article": "journal-article",
    "review": "journal-article", "article-newspaper": "news-article", "book": "book", "chapter": "chapter",
    "paper-conference": "chapter", "webpage": "web-page", "post": "web-page", "post-weblog": "web-page",
    "report": "report", "thesis": "report", "manuscript": "report", "document": "official-document",
    "legislation": "official-document", "bill": "official-document", "legal_case": "official-document",
    "treaty": "official-document", "regulation": "official-document", "hearing": "official-document",
    "interview": "interview", "dataset": "dataset", "entry-encyclopedia": "encyclopedia-article",
    "entry-dictionary": "encyclopedia-article", "entry": "encyclopedia-article",
}  # fmt: skip
SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24, 1: 21, 2: 22, 3: 23, 4: 24}


def _items(text: str) -> list[tuple[int, object]]:
    """(line, item) for each element of the top-level array (a single object is accepted too)."""
    decoder = json.JSONDecoder()
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(f"CSL-JSON syntax error at line {exc.lineno}, column {exc.colno}: {exc.msg}.") from exc
    except RecursionError as exc:
        raise ImportFileError("CSL-JSON is nested too deeply to be a reference list.") from exc
    if isinstance(data, dict):
        return [(text[: len(text) - len(text.lstrip())].count("\n") + 1, data)]
    if not isinstance(data, list):
        raise ImportFileError("CSL-JSON must be a list of items ([{…}, {…}]) or one item ({…}).")
    found, index = [], text.index("[") + 1
    for _ in data:  # walk the array again to learn where each item starts
        while text[index] in " \t\n,":
            index += 1
        item, end = decoder.raw_decode(text, index)
        found.append((text.count("\n", 0, index) + 1, item))
        index = end
    return found


def _names(item: dict, variable: str, role: str, problems: list[str]) -> list[CreatorRecord]:
    names = item.get(variable) or []
    if not isinstance(names, list):
        problems.append(f"“{variable}” is not a list of names")
        return []
    people = []
    for name in names:
        if not isinstance(name, dict):
            problems.append(f"a name in “{variable}” is not an object")
            continue
        if name.get("literal") or not name.get("family"):
            literal = name.get("literal") or name.get("given", "")
            if literal:
                people.append(CreatorRecord(role=role, literal_name=n.text(literal)))
            continue
        family = " ".join(str(p) for p in (name.get("non-dropping-particle"), name.get("family")) if p)
        if name.get("suffix"):
            family += f", {name['suffix']}"
        given = " ".join(str(p) for p in (name.get("given"), name.get("dropping-particle")) if p)
        people.append(CreatorRecord(role=role, family_name=n.text(family), given_name=n.text(given)))
    return people


def _parts(part) -> list[int]:
    return [int(p) for p in part[:3]]


def csl_to_edtf(date, problems: list[str]) -> str:
    if not date:
        return ""
    if not isinstance(date, dict):
        problems.append("“issued” is not a CSL date object")
        return ""
    try:
        parts = [_parts(p) for p in date.get("date-parts") or []]
    except (TypeError, ValueError):
        problems.append(f"date-parts {date.get('date-parts')!r} are not numbers")
        return ""
    if not parts or not parts[0]:
        return n.checked_edtf(date.get("raw") or date.get("literal") or "", problems)
    ends = [n.edtf_from_parts(*p) for p in parts[:2]]
    season = SEASONS.get(date.get("season"))
    if season and len(parts[0]) == 1:
        ends[0] = f"{parts[0][0]:04d}-{season}"
    if date.get("circa"):
        ends = [f"{e}~" for e in ends]
    return n.checked_edtf("/".join(ends) if len(ends) == 2 and ends[0] != ends[1] else ends[0], problems)


def to_record(item: dict, line: int) -> SourceRecord:
    record = SourceRecord(line=line, key=n.text(item.get("id", "")) if isinstance(item.get("id"), str) else "")
    genre = n.text(item.get("genre", "")).lower()
    record.kind = genre if genre in KINDS else TYPES.get(item.get("type"), "web-page" if item.get("URL") else "report")
    get = lambda name: n.text(item.get(name, "")) if not isinstance(item.get(name), (dict, list)) else ""  # noqa: E731
    record.title = get("title")
    record.container_title = get("container-title") or get("collection-title")
    record.publisher = get("publisher")
    record.place = get("publisher-place")
    record.date_edtf = csl_to_edtf(item.get("issued"), record.problems)
    record.volume, record.issue, record.edition = get("volume"), get("issue"), get("edition")
    record.pages = n.pages(get("page"))
    record.url = get("URL")
    accessed = csl_to_edtf(item.get("accessed"), [])
    record.accessed = n.iso_day(accessed) if len(accessed) == 10 else None
    record.language = n.language(get("language"))
    record.doi = n.doi(get("DOI"))
    record.isbn = n.isbn(get("ISBN"))
    record.abstract = get("abstract")
    for variable, role in (("author", "author"), ("editor", "editor"), ("translator", "translator")):
        record.creators += _names(item, variable, role, record.problems)
    return record


def read(text: str) -> list[SourceRecord]:
    records = []
    for number, (line, item) in enumerate(_items(text), start=1):
        if not isinstance(item, dict):
            raise ImportFileError(f"CSL-JSON item {number} (line {line}) is not an object.")
        records.append(to_record(item, line))
    if not records:
        raise ImportFileError("The CSL-JSON list is empty.")
    return records
