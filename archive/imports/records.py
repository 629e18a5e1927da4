"""What the readers of each format produce: records in the archive's terms, with where they came from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


class ImportFileError(ValueError):
    """The file as a whole cannot be read (encoding, size, emptiness, wrong format, broken syntax)."""


@dataclass
class CreatorRecord:
    role: str = "author"
    family_name: str = ""
    given_name: str = ""
    literal_name: str = ""

    @property
    def display(self) -> str:
        return self.literal_name or " ".join(p for p in (self.given_name, self.family_name) if p)


@dataclass
class SourceRecord:
    """One reference from a file, mapped onto the Source model's fields (not saved)."""

    line: int  # where the record starts in the file (1-based)
    key: str = ""  # the citation key the file gave, if any
    kind: str = ""
    title: str = ""
    container_title: str = ""
    publisher: str = ""
    place: str = ""
    date_edtf: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    edition: str = ""
    url: str = ""
    accessed: dt.date | None = None
    language: str = ""
    doi: str = ""
    isbn: str = ""
    abstract: str = ""
    creators: list[CreatorRecord] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # reasons the record cannot be imported

    @property
    def label(self) -> str:
        name = f" “{self.key}”" if self.key else (f" “{self.title[:60]}”" if self.title else "")
        return f"record{name} at line {self.line}"

    def source_fields(self) -> dict:
        names = (
            "kind", "title", "container_title", "publisher", "place", "date_edtf", "volume", "issue", "pages",
            "edition", "url", "accessed", "language", "doi", "isbn", "abstract",
        )  # fmt: skip
        return {name: getattr(self, name) for name in names}
