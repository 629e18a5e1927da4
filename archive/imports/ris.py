"""RIS (EndNote, Zotero, Mendeley, and the archive's own export) → SourceRecords.

The file is cut into records at their ER lines here, so each record keeps
its line number; rispy reads each record's tags.
"""

from __future__ import annotations

import re

import rispy

from archive.citations.export import RIS_TYPES

from . import normalize as n
from .records import CreatorRecord, ImportFileError, SourceRecord

KINDS = set(RIS_TYPES)
TYPES = {
    "JOUR": "journal-article", "EJOUR": "journal-article", "MGZN": "journal-article", "JFULL": "journal-article",
    "NEWS": "news-article", "BOOK": "book", "EBOOK": "book", "EDBOOK": "book", "CHAP": "chapter",
    "ECHAP": "chapter", "CONF": "chapter", "CPAPER": "chapter", "RPRT": "report", "THES": "report",
    "ELEC": "web-page", "BLOG": "web-page", "ICOMM": "web-page", "GOVDOC": "official-document",
    "BILL": "official-document", "STAT": "official-document", "HEAR": "official-document",
    "LEGAL": "official-document", "CASE": "official-document", "DATA": "dataset", "DBASE": "dataset",
    "AGGR": "dataset", "ENCYC": "encyclopedia-article", "DICT": "encyclopedia-article",
}  # fmt: skip
_TAG = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")


def _chunks(text: str):
    """(first line number, record text) for each TY … ER record."""
    start, lines = None, []
    for number, line in enumerate(text.split("\n"), start=1):
        match = _TAG.match(line.rstrip())
        if match and match.group(1) == "TY":
            if start is not None:
                raise ImportFileError(f"RIS record starting at line {start} has no end (ER  - ) before line {number}.")
            start, lines = number, []
        if start is None:
            if line.strip():
                raise ImportFileError(
                    f"Line {number} is outside any RIS record (records start with “TY  - ”): “{line.strip()[:60]}”."
                )
            continue
        lines.append(line)
        if match and match.group(1) == "ER":
            yield start, "\n".join(lines) + "\n"
            start = None
    if start is not None:
        raise ImportFileError(f"RIS record starting at line {start} has no end (ER  - ).")


def _person(name: str, role: str) -> CreatorRecord:
    name = n.text(name)
    if "," in name:
        family, _, given = name.partition(",")
        return CreatorRecord(role=role, family_name=family.strip(), given_name=given.strip())
    return CreatorRecord(role=role, literal_name=name)  # no comma: an organisation (as the archive exports them)


def _date(entry: dict, problems: list[str]) -> str:
    raw = n.text(entry.get("date", ""))
    match = re.match(r"^(\d{4})(?:[/-](\d{1,2})?(?:[/-](\d{1,2})?)?)?", raw)
    if match:
        year, month, day = match.groups()
        return n.checked_edtf(n.edtf_from_parts(year, month, day if month else None), problems)
    year = n.text(entry.get("year") or entry.get("publication_year", ""))
    match = re.match(r"^(\d{4})", year)
    if year and not match:
        problems.append(f"year “{year}” is not a four-digit year")
        return ""
    return match.group(1) if match else ""


def to_record(entry: dict, line: int) -> SourceRecord:
    unknown = entry.get("unknown_tag", {})
    record = SourceRecord(line=line, key=n.text(entry.get("id", "")))
    work_type = n.text(entry.get("type_of_work", "")).lower()
    ris_type = entry.get("type_of_reference", "")
    record.kind = (
        work_type if work_type in KINDS else TYPES.get(ris_type) or ("web-page" if entry.get("urls") else "report")
    )
    record.title = n.text(entry.get("title") or entry.get("primary_title", ""))
    record.container_title = n.text(
        entry.get("secondary_title") or entry.get("journal_name") or entry.get("alternate_title3", "")
    )
    record.publisher = n.text(entry.get("publisher", ""))
    record.place = n.text(entry.get("place_published", ""))
    record.date_edtf = _date(entry, record.problems)
    record.volume = n.text(entry.get("volume", ""))
    record.issue = n.text(entry.get("number", ""))
    record.pages = n.pages(entry.get("start_page", ""), entry.get("end_page", ""))
    record.edition = n.text(entry.get("edition", ""))
    urls = entry.get("urls") or []
    record.url = n.text(urls[0]) if urls else ""
    record.accessed = n.iso_day(entry.get("access_date", ""))
    record.language = n.language(entry.get("language", ""))
    record.doi = n.doi(entry.get("doi", ""))
    record.isbn = n.isbn(entry.get("issn", ""))
    record.abstract = n.text(entry.get("abstract") or entry.get("notes_abstract", ""))
    authors = (entry.get("authors") or []) + (entry.get("first_authors") or [])
    editors = list(unknown.get("ED", [])) + (entry.get("secondary_authors") or [])  # A2: the editor in most types
    record.creators = (
        [_person(a, "author") for a in authors]
        + [_person(e, "editor") for e in editors]
        + [_person(t, "translator") for t in entry.get("subsidiary_authors") or []]
    )
    return record


def read(text: str) -> list[SourceRecord]:
    records = []
    for line, chunk in _chunks(text):
        try:
            [entry] = rispy.loads(chunk, skip_unknown_tags=False)
        except (OSError, ValueError, KeyError) as exc:
            raise ImportFileError(f"RIS record starting at line {line} cannot be read: {exc}") from exc
        records.append(to_record(entry, line))
    if not records:
        raise ImportFileError("No RIS records found (each starts with “TY  - ” and ends with “ER  - ”).")
    return records
