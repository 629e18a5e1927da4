"""Sources from reference-manager files: read → preview rows → commit the confirmed ones atomically.

Keys: the file's citation key is kept when it is valid and unused, otherwise
one is made from the first creator's family name and the year (oliphant2009,
then oliphant2009a, …). Duplicates are found with the moderation rules
(`possible_duplicates`: same DOI, ISBN or URL, or a very similar title), applied
to the whole file at once by `DuplicateIndex`, and the same rules among the
file's own records by `FileDuplicates`: a record that repeats an earlier one
is marked `same_as` that row and skipped unless the editor chooses otherwise.
The confirmed rows are written in batches through the source service's bulk
path (`gateway.create_pending_sources`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from archive import dates
from archive.duplicates import normalize_title
from archive.models import Source, SourceCreator
from archive.models.sources import citation_key_validator

from . import bibtex, csl, gateway, ris
from .duplicates import DuplicateIndex, FileDuplicates
from .records import ImportFileError, SourceRecord

FORMATS = {"bibtex": ("BibTeX / BibLaTeX", bibtex.read), "ris": ("RIS", ris.read), "csl-json": ("CSL-JSON", csl.read)}
EXTENSIONS = {".bib": "bibtex", ".bibtex": "bibtex", ".biblatex": "bibtex", ".ris": "ris", ".json": "csl-json"}
IMPORT, SKIP, EXISTING = "import", "skip", "existing"
KEY_MAX = Source._meta.get_field("citation_key").max_length


def detect_format(text: str, filename: str = "") -> str:
    """The format from the file name's extension, else from the first meaningful characters."""
    for extension, fmt in EXTENSIONS.items():
        if filename.lower().endswith(extension):
            return fmt
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("%")).lstrip()
    if body.startswith("@"):
        return "bibtex"
    if re.match(r"TY  -", body):
        return "ris"
    if body[:1] in "[{":
        return "csl-json"
    raise ImportFileError(
        "This is not a BibTeX, RIS or CSL-JSON file (BibTeX starts with @, RIS with “TY  - ”, CSL-JSON with [ )."
    )


@dataclass
class SourceRow:
    """One record as the preview shows it and the commit writes it."""

    number: int
    record: SourceRecord
    source: Source
    creators: list[SourceCreator]
    duplicates: list[Source] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    host: Source | None = None
    same_as: int | None = None  # the number of an earlier row of this file that is the same work

    @property
    def importable(self) -> bool:
        return not self.problems

    @property
    def default_choice(self) -> str:
        if self.problems:
            return SKIP
        if self.duplicates:
            return EXISTING
        return SKIP if self.same_as else IMPORT

    @property
    def creators_display(self) -> str:
        return "; ".join(c.display + ("" if c.role == "author" else f" ({c.role})") for c in self.record.creators)


def _creators(record: SourceRecord) -> list[SourceCreator]:
    made = []
    for creator in record.creators:
        family, given, literal = creator.family_name[:120], creator.given_name[:120], creator.literal_name[:250]
        if not family and not literal:
            literal, given = given, ""
        if family or literal:
            made.append(SourceCreator(role=creator.role, family_name=family, given_name=given, literal_name=literal))
    return made


def _key_base(record: SourceRecord, creators: list[SourceCreator]) -> str:
    first = next((c for c in creators if c.role == "author"), creators[0] if creators else None)
    name = (first.family_name or first.literal_name) if first else " ".join(record.title.split()[:2])
    base = slugify(name).replace("-", "")[: KEY_MAX - 8] or "source"
    if not base[0].isalpha():
        base = f"s{base}"
    year = dates.parse(record.date_edtf).earliest.year if record.date_edtf else None
    return f"{base}{year or ''}"


def _valid_key(key: str) -> bool:
    try:
        citation_key_validator(key)
    except ValidationError:
        return False
    return len(key) <= KEY_MAX


def _suffixes():
    letters = "abcdefghijklmnopqrstuvwxyz"
    yield from letters
    for first in letters:
        for second in letters:
            yield first + second


class KeyMaker:
    """Hands out citation keys unused in the archive and in this file."""

    def __init__(self, file_keys: list[str]):
        wanted = [k for k in file_keys if k]
        self.taken = set(Source.objects.filter(citation_key__in=wanted).values_list("citation_key", flat=True))

    def key_for(self, record: SourceRecord, creators) -> str:
        if record.key and _valid_key(record.key) and record.key not in self.taken:
            self.taken.add(record.key)
            return record.key
        base = _key_base(record, creators)
        existing = set(Source.objects.filter(citation_key__startswith=base).values_list("citation_key", flat=True))
        existing |= {k for k in self.taken if k.startswith(base)}
        key = base
        if key in existing:
            key = next(base + s for s in _suffixes() if base + s not in existing)
        self.taken.add(key)
        return key


def _host(source: Source) -> Source | None:
    """For a chapter: the edited volume already in the archive whose title is the chapter's container."""
    if source.kind not in (Source.Kind.CHAPTER, Source.Kind.ENCYCLOPEDIA) or not source.container_title:
        return None
    wanted = normalize_title(source.container_title)
    candidates = Source.objects.filter(
        kind=Source.Kind.BOOK, merged_into__isnull=True, title__iexact=source.container_title
    ) or Source.objects.filter(kind=Source.Kind.BOOK, merged_into__isnull=True, title__icontains=wanted[:40])
    return next((c for c in candidates if normalize_title(c.title) == wanted), None)


def _validate(source: Source, creators: list[SourceCreator]) -> list[str]:
    problems = []
    try:
        source.full_clean(exclude=["citation_key", "part_of"], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for name, errors in exc.message_dict.items():
            label = Source._meta.get_field(name).verbose_name if name != "__all__" else "record"
            problems += [f"{label}: {e}" for e in errors]
    if not source.title:
        problems.append("the record has no title")
    return sorted(set(problems), key=problems.index)


def plan(text: str, fmt: str | None = None, filename: str = "") -> list[SourceRow]:
    """Read the file and work out, per record, what importing it would create (nothing is written)."""
    fmt = fmt or detect_format(text, filename)
    if fmt not in FORMATS:
        raise ImportFileError(f"Unknown format “{fmt}”; use one of {', '.join(FORMATS)}.")
    records = FORMATS[fmt][1](text)
    keys = KeyMaker([r.key for r in records])
    duplicates, in_file = DuplicateIndex(), FileDuplicates()
    rows = []
    for number, record in enumerate(records, start=1):
        creators = _creators(record)
        problems = list(record.problems)
        fields = record.source_fields()
        source = Source(**fields, status=Source.Status.PENDING)
        if not problems:
            problems += _validate(source, creators)
        source.citation_key = keys.key_for(record, creators) if not problems else (record.key or "")
        row = SourceRow(number, record, source, creators, problems=problems)
        if not problems:
            row.duplicates = duplicates.find(source, limit=3)
            row.same_as = in_file.first_of(source)
            in_file.add_row(number, source)
            row.host = _host(source)
            source.part_of = row.host
        rows.append(row)
    return rows


@dataclass
class SourceImportResult:
    created: list[Source] = field(default_factory=list)
    existing: list[tuple[SourceRow, Source]] = field(default_factory=list)
    skipped: list[SourceRow] = field(default_factory=list)
    rejected: list[SourceRow] = field(default_factory=list)
    repeated: list[SourceRow] = field(default_factory=list)  # not imported: the same work as an earlier row


BATCH = 1000  # records written per call of the source service's bulk path


@transaction.atomic
def commit(rows: list[SourceRow], choices: dict[int, str], user, origin: str, progress=None) -> SourceImportResult:
    """Write the rows chosen for import, all or none; `choices` maps row number → import / skip / existing."""
    result = SourceImportResult()
    batch: list[SourceRow] = []

    def write():
        entries = [(row.source, row.creators, f"Imported from {origin} ({row.record.label})") for row in batch]
        result.created.extend(gateway.create_pending_sources(entries, user))
        if progress is not None:
            progress.update(len(batch))
        batch.clear()

    for row in rows:
        choice = choices.get(row.number, row.default_choice)
        if row.problems:
            result.rejected.append(row)
        elif choice == IMPORT:
            batch.append(row)
            if len(batch) == BATCH:
                write()
            continue
        elif choice == EXISTING and row.duplicates:
            result.existing.append((row, row.duplicates[0]))
        elif row.same_as:
            result.repeated.append(row)
        else:
            result.skipped.append(row)
        if progress is not None:
            progress.update(1)
    if batch:
        write()
    return result
