"""BibTeX and BibLaTeX (Zotero, Mendeley, JabRef, Better BibTeX, and the archive's own export) → SourceRecords.

bibtexparser does the syntax (and tells where a block failed); the LaTeX in
values is decoded here: the archive's own escapes are undone exactly (so its
exports re-import unchanged), other commands such as {\\"u} go through
pylatexenc, and bare braces (BibTeX's "keep these capitals") are dropped.
"""

from __future__ import annotations

import re

import bibtexparser
from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts
from bibtexparser.model import Entry
from pylatexenc.latex2text import LatexNodes2Text

from archive.citations.export import BIBTEX_TYPES

from . import normalize as n
from .records import CreatorRecord, ImportFileError, SourceRecord

KINDS = set(BIBTEX_TYPES)
TYPES = {
    "article": "journal-article", "periodical": "journal-article", "suppperiodical": "journal-article",
    "book": "book", "mvbook": "book", "collection": "book", "mvcollection": "book", "proceedings": "book",
    "mvproceedings": "book", "reference": "book", "booklet": "book",
    "incollection": "chapter", "inbook": "chapter", "bookinbook": "chapter", "inproceedings": "chapter",
    "conference": "chapter", "suppbook": "chapter", "suppcollection": "chapter",
    "inreference": "encyclopedia-article",
    "techreport": "report", "report": "report", "thesis": "report", "phdthesis": "report",
    "mastersthesis": "report", "manual": "report", "unpublished": "report",
    "online": "web-page", "electronic": "web-page", "www": "web-page",
    "dataset": "dataset", "data": "dataset",
    "legislation": "official-document", "legal": "official-document", "jurisdiction": "official-document",
}  # fmt: skip
SUBTYPES = {"newspaper": "news-article", "magazine": "journal-article"}
MONTHS = {m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                      "dec"], start=1)}  # fmt: skip
_OWN_ESCAPES = {
    r"\textbackslash{}": "\\", r"\textasciitilde{}": "~", r"\textasciicircum{}": "^",
    r"\{": "{", r"\}": "}", r"\&": "&", r"\%": "%", r"\$": "$", r"\#": "#", r"\_": "_",
}  # fmt: skip
_TOKEN = re.compile(
    "|".join(re.escape(e) for e in sorted(_OWN_ESCAPES, key=len, reverse=True))
    + r"|\{\\[^{}]*\}"  # {\"u}, {\ss}
    + r"|\\[A-Za-z]+\*?(?:\{[^{}]*\})?|\\[^A-Za-z\s]\{?[A-Za-z]?\}?"  # \"u, \'{e}, \textendash{}, \url{…}
    + r"|[{}~]"
)
_LATEX = LatexNodes2Text(math_mode="verbatim", keep_braced_groups=False)


def decode_latex(value: str, tilde: str = " ") -> str:
    """LaTeX → text; a bare ~ is a non-breaking space, except in EDTF dates (tilde="~")."""

    def replace(match):
        token = match.group(0)
        if token in _OWN_ESCAPES:
            return _OWN_ESCAPES[token]
        if token in "{}":
            return ""
        if token == "~":
            return tilde
        if token.startswith(r"\url{"):
            return token[5:-1]
        return _LATEX.latex_to_text(token)

    return n.text(_TOKEN.sub(replace, value))


def _names(entry: Entry, field: str, role: str) -> list[CreatorRecord]:
    value = entry.fields_dict.get(field)
    if value is None:
        return []
    people = []
    for name in value.value:
        if isinstance(name, str):  # SplitNameParts could not split it
            people.append(CreatorRecord(role=role, literal_name=decode_latex(name)))
            continue
        last = " ".join(name.last)
        if len(name.last) == 1 and not name.first and not name.von and last.startswith("{") and last.endswith("}"):
            people.append(CreatorRecord(role=role, literal_name=decode_latex(last)))  # {Itar-Tass}: an organisation
            continue
        family = " ".join([*name.von, *name.last] + ([f", {' '.join(name.jr)}"] if name.jr else []))
        people.append(
            CreatorRecord(
                role=role,
                family_name=decode_latex(family.replace(" , ", ", ")),
                given_name=decode_latex(" ".join(name.first)),
            )
        )
    return people


def _date(fields: dict, problems: list[str]) -> str:
    if fields.get("date"):
        return n.checked_edtf(fields["date"], problems)
    year = fields.get("year", "")
    if not year:
        return ""
    either = re.fullmatch(r"(\d{4})(?: or (\d{4}))+", year)  # the archive's export of an EDTF set
    if either:
        return n.checked_edtf("[" + ",".join(re.findall(r"\d{4}", year)) + "]", problems)
    if not re.fullmatch(r"\d{4}", year):
        problems.append(f"year “{year}” is not a four-digit year")
        return ""
    month = fields.get("month", "").lower()[:3]
    month = MONTHS.get(month) or (int(month) if month.isdigit() and 1 <= int(month) <= 12 else None)
    day = fields.get("day", "")
    return n.checked_edtf(n.edtf_from_parts(year, month, int(day) if day.isdigit() and month else None), problems)


def to_record(entry: Entry) -> SourceRecord:
    raw = {f.key.lower(): f.value for f in entry.fields if isinstance(f.value, str)}
    fields = {k: decode_latex(v, "~" if k == "date" else " ") for k, v in raw.items() if k not in ("url", "doi")}
    record = SourceRecord(line=entry.start_line + 1, key=entry.key.strip())
    entry_type = entry.entry_type.lower()
    subtype = fields.get("entrysubtype", "").lower()
    kind = subtype if subtype in KINDS else SUBTYPES.get(subtype) or TYPES.get(entry_type)
    if kind is None:
        kind = "web-page" if raw.get("url") else "report"
    record.kind = kind
    record.title = fields.get("title", "")
    if fields.get("subtitle"):
        record.title = f"{record.title}: {fields['subtitle']}"
    record.container_title = next(
        (fields[k] for k in ("journaltitle", "journal", "booktitle", "maintitle", "howpublished", "type", "series")
         if fields.get(k) and not fields[k].startswith(("http://", "https://"))),
        "",
    )  # fmt: skip
    record.publisher = next(
        (fields[k] for k in ("publisher", "institution", "organization", "school") if k in fields), ""
    )
    record.place = fields.get("address") or fields.get("location", "")
    record.date_edtf = _date(fields, record.problems)
    record.volume = fields.get("volume", "")
    record.issue = fields.get("number") or fields.get("issue", "")
    record.pages = n.pages(fields.get("pages", ""))
    record.edition = fields.get("edition", "")
    record.url = n.text(raw.get("url", ""))
    if not record.url and fields.get("howpublished", "").startswith(("http://", "https://")):
        record.url = fields["howpublished"]
    record.accessed = n.iso_day(fields.get("urldate", ""))
    record.language = n.language(fields.get("langid") or fields.get("language", ""))
    record.doi = n.doi(raw.get("doi", ""))
    record.isbn = n.isbn(fields.get("isbn", ""))
    record.abstract = fields.get("abstract", "")
    for field, role in (("author", "author"), ("editor", "editor"), ("translator", "translator")):
        record.creators += _names(entry, field, role)
    return record


def read(text: str) -> list[SourceRecord]:
    library = bibtexparser.parse_string(text, append_middleware=[SeparateCoAuthors(), SplitNameParts()])
    if library.failed_blocks:
        block = library.failed_blocks[0]
        reason = str(getattr(block, "error", "")).strip().splitlines()
        snippet = " ".join(block.raw.split())[:60]
        raise ImportFileError(
            f"BibTeX syntax error in the record starting at line {block.start_line + 1} (“{snippet}”)"
            + (f": {reason[-1]}" if reason else ".")
        )
    if not library.entries:
        raise ImportFileError("No BibTeX records found (they start with @book{…, @article{… and so on).")
    return [to_record(entry) for entry in library.entries]
