"""Footnoted articles (encyclopedia style) → a draft commentary citing sources inline.

The text carries markers ([1], [7]) and ends with a numbered reference list
("1. ^ Title, p. 17"; "7. ^ a b Author (2009). …" for a note used twice).
Each marker becomes a Pandoc-style citation, [@key, p. 17], where it stood;
headings ("Early 1990s[edit]", "== Trade ==") become Markdown headings. Each
reference is matched against the archive's sources with the duplicate
rules (same title → "same title"; a very similar one → "similar title");
the ones not found become new pending sources. Nothing is written until
`commit`, which creates the draft commentary, the new sources and the
citations in one transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from archive.citations.locators import normalize_locator
from archive.dates import MONTHS
from archive.duplicates import normalize_title, possible_duplicates
from archive.models import Commentary, Source, SourceCreator

from . import gateway
from . import normalize as n
from .records import CreatorRecord, ImportFileError, SourceRecord
from .sources import KeyMaker

REFERENCE = re.compile(r"^\s*(?:(\d+)\s*[.)]\s*)?\^\s*((?:[a-z]\s+)*)(.+?)\s*$")
MARKER = re.compile(r"\[(\d{1,3})\]")
HEADING = re.compile(r"^\s*(?:==+\s*(.+?)\s*==+|(.{2,100}?)\s*\[edit\])\s*$")
BROKEN_HEADING = re.compile(r"^([A-Z][^.!?\[\]]{1,80}?)\s*==+\s+(.+)$")  # "Economic relations== In the very …"
CHROME = re.compile(r"^(From Wikipedia, the free encyclopedia|Jump to:.*|Retrieved from .*|\[edit\])$", re.I)
LOCATOR = re.compile(r"[,.]?\s*\b((?:pp?\.|pages?)\s*\d+(?:\s*[-–—]\s*\d+)?)\s*\.?\s*$", re.I)
AUTHOR_YEAR = re.compile(
    r"^(?P<authors>[^()\"“”]+?)\s*\((?P<year>\d{4})\)\.?\s*[\"“](?P<title>.+?)[\"”]\.?\s*(?P<rest>.*)$"
)
QUOTED = re.compile(r"^[\"“](?P<title>.+?)[,.]?[\"”]\s*,?\s*(?P<rest>.*)$")
IMPRINT = re.compile(r"\((?:(?P<place>[^():]+):\s*)?(?P<publisher>[^():]*?),?\s*(?P<year>\d{4})\)")
DAY_MONTH_YEAR = re.compile(r"\((\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\)")
IN_BOOK = re.compile(r"\bin (?P<book>.+?),\s*ed\.\s*(?P<editors>.+?)\s*(?=\()", re.I)
CONTAINER_VOLUME = re.compile(r"^(?P<container>[^()]+?)\s+(?P<volume>[IVXLC]+|\d+)\s*(?:\((?P<issue>[^)]+)\))?\.?\s*$")


@dataclass
class Reference:
    number: int
    text: str
    line: int
    locator: str
    record: SourceRecord
    uses: int = 0
    match: Source | None = None
    confidence: str = ""  # "same title", "similar title" or "" (a new pending source)
    key: str = ""

    @property
    def outcome(self) -> str:
        if self.match is not None:
            return f"{self.confidence}: {self.match.citation_key}"
        return f"new pending source {self.key}"


@dataclass
class ArticlePlan:
    title: str
    standfirst: str
    body: str
    references: list[Reference]
    new_sources: dict[str, tuple[Source, list[SourceCreator]]]  # key → unsaved source
    original: Source | None
    slug: str
    left_out: list[str] = field(default_factory=list)
    unmatched_markers: list[int] = field(default_factory=list)


def _names(text: str, role: str) -> list[CreatorRecord]:
    people = []
    for part in re.split(r"\s+and\s+|;\s*", text):
        part = part.strip(" .,")
        if not part:
            continue
        if "," in part:
            family, _, given = part.partition(",")
            people.append(CreatorRecord(role=role, family_name=family.strip(), given_name=given.strip()))
        elif " " in part:
            given, _, family = part.rpartition(" ")
            people.append(CreatorRecord(role=role, family_name=family, given_name=given))
        else:
            people.append(CreatorRecord(role=role, literal_name=part))
    return people


def parse_reference(text: str, line: int) -> tuple[SourceRecord, str]:
    """A reference-list entry → (what it describes, its locator)."""
    text = n.text(text)
    locator = ""
    match = LOCATOR.search(text)
    if match:
        locator = normalize_locator(match.group(1))
        text = text[: match.start()].rstrip(" ,.")
    record = SourceRecord(line=line, kind=Source.Kind.BOOK, language="")
    author_year = AUTHOR_YEAR.match(text)
    quoted = QUOTED.match(text)
    if author_year:
        record.creators = _names(author_year["authors"], "author")
        record.title, record.date_edtf = author_year["title"].strip(" ,."), author_year["year"]
        rest = author_year["rest"]
        container = CONTAINER_VOLUME.match(rest)
        if container:
            record.kind = Source.Kind.JOURNAL_ARTICLE
            record.container_title, record.volume = container["container"].strip(), container["volume"]
            record.issue = (container["issue"] or "").strip()
        elif rest:
            record.container_title = rest.strip(" .")
    elif quoted:
        record.title, rest = quoted["title"].strip(" ,."), quoted["rest"]
        record.kind = Source.Kind.NEWS_ARTICLE
        day = DAY_MONTH_YEAR.search(rest)
        if day:
            record.date_edtf = n.edtf_from_parts(day[3], MONTHS.index(day[2]) + 1, day[1])
            record.container_title = rest[: day.start()].strip(" ,")
            rest = rest[day.end() :]
        book = IN_BOOK.search(rest)
        if book and not day:  # a chapter of an edited volume
            record.kind = Source.Kind.CHAPTER
            record.container_title = book["book"].strip()
            record.creators = _names(book["editors"], "editor")
    else:
        imprint = IMPRINT.search(text)
        title = text[: imprint.start()] if imprint else text
        record.title = title.strip(" ,.")
        if imprint:
            record.place = (imprint["place"] or "").strip()
            record.publisher = (imprint["publisher"] or "").strip()
            record.date_edtf = imprint["year"]
            record.kind = Source.Kind.REPORT if record.publisher else Source.Kind.BOOK
    url = re.search(r"https?://\S+", text)
    if url:
        record.url = url.group(0).rstrip(".,)")
    return record, locator


def _split(text: str) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(body lines, reference lines), each with its line number; the list starts at the first ^ entry."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if REFERENCE.match(line):
            body = list(enumerate(lines[:index], start=1))
            return body, [(number, line) for number, line in enumerate(lines[index:], start=index + 1)]
    raise ImportFileError(
        "No reference list found: the notes must be lines like “1. ^ Title, p. 17” (or “^ a b …” for reused notes)."
    )


def _references(lines: list[tuple[int, str]]) -> tuple[dict[int, Reference], list[str]]:
    references, left_out, expected = {}, [], 1
    for line_number, line in lines:
        if not line.strip():
            continue
        match = REFERENCE.match(line)
        if not match:
            left_out.append(f"line {line_number}: {line.strip()[:80]}")
            continue
        number = int(match.group(1)) if match.group(1) else expected
        if number in references:
            raise ImportFileError(f"Reference {number} appears twice in the list (line {line_number}).")
        record, locator = parse_reference(match.group(3), line_number)
        if not record.title:
            raise ImportFileError(f"Reference {number} (line {line_number}) has no title that can be read.")
        references[number] = Reference(number, n.text(match.group(3)), line_number, locator, record)
        expected = number + 1
    return references, left_out


def _markdown_line(line: str) -> str:
    """Keep prose prose: a line starting like a list item or heading is escaped."""
    return re.sub(r"^(\s*)(\d+)\.(\s)", r"\1\2\\.\3", re.sub(r"^(\s*)([#>*+-])", r"\1\\\2", line))


def _body(lines: list[tuple[int, str]]) -> tuple[str, str, list[str]]:
    """(title, Markdown paragraphs with headings, left-out lines) of the article text."""
    kept = [(number, line.strip()) for number, line in lines]
    title_index = next((i for i, (_, line) in enumerate(kept) if line), None)
    if title_index is None:
        raise ImportFileError("The article has no text before its reference list.")
    title = kept[title_index][1]
    blocks, left_out, lead = [], [], True
    for number, line in kept[title_index + 1 :]:
        if not line:
            continue
        heading = HEADING.match(line)
        broken = BROKEN_HEADING.match(line)
        if CHROME.match(line):
            left_out.append(f"line {number}: {line[:80]}")
        elif heading:
            blocks.append("## " + (heading.group(1) or heading.group(2)).strip())
            lead = False
        elif broken:
            blocks += ["## " + broken.group(1).strip(), _markdown_line(broken.group(2))]
            lead = False
        elif lead and not blocks and len(line) < 80 and not line.endswith((".", "!", "?", ":", "]")):
            left_out.append(f"line {number}: {line[:80]}")  # infobox and image captions above the lead
        else:
            blocks.append(_markdown_line(line))
    return title, "\n\n".join(blocks), left_out


def _match(reference: Reference) -> tuple[Source | None, str]:
    probe = Source(title=reference.record.title, url=reference.record.url)
    found = [s for s in possible_duplicates(probe, limit=5) if s.merged_into_id is None]
    if not found:
        return None, ""
    wanted = normalize_title(reference.record.title)
    same = [s for s in found if normalize_title(s.title) == wanted]
    if same:
        return same[0], "same title"
    return found[0], "similar title"


def plan(text: str, filename: str = "") -> ArticlePlan:
    body_lines, reference_lines = _split(text)
    references, left_out = _references(reference_lines)
    title, body, chrome = _body(body_lines)
    unmatched: list[int] = []

    def cite(match):
        reference = references.get(int(match.group(1)))
        if reference is None:
            unmatched.append(int(match.group(1)))
            return match.group(0)
        reference.uses += 1
        return f"\x00{reference.number}\x00"

    body = MARKER.sub(cite, body)
    new_sources: dict[str, tuple[Source, list[SourceCreator]]] = {}
    by_title: dict[str, str] = {}
    keys = KeyMaker([])
    for reference in references.values():
        reference.match, reference.confidence = _match(reference)
        if reference.match is not None:
            reference.key = reference.match.citation_key
            continue
        wanted = normalize_title(reference.record.title)
        if wanted in by_title:  # the same new work cited again at another page
            reference.key = by_title[wanted]
            continue
        creators = [SourceCreator(role=c.role, family_name=c.family_name, given_name=c.given_name,
                                  literal_name=c.literal_name) for c in reference.record.creators]  # fmt: skip
        reference.key = keys.key_for(reference.record, creators)
        source = Source(citation_key=reference.key, **reference.record.source_fields())
        source.accessed = None
        new_sources[reference.key] = (source, creators)
        by_title[wanted] = reference.key

    def restore(match):
        reference = references[int(match.group(1))]
        locator = f", {reference.locator}" if reference.locator else ""
        return f"[@{reference.key}{locator}]"

    body = re.sub("\x00(\\d+)\x00", restore, body)
    paragraphs = [b for b in body.split("\n\n") if not b.startswith("## ")]
    standfirst = re.sub(r"\s*\[@[^\]]+\]", "", paragraphs[0]) if paragraphs else title
    original = next(
        (s for s in Source.objects.filter(title__iexact=title, merged_into__isnull=True)), None
    ) or next((s for s in possible_duplicates(Source(title=title), limit=3) if normalize_title(s.title)
               == normalize_title(title)), None)  # fmt: skip
    slug = slugify(re.sub(r"[‐‑‒–—]", "-", title))[:190] or "imported-article"
    taken = set(Commentary.objects.filter(slug__startswith=slug).values_list("slug", flat=True))
    candidate, count = slug, 2
    while candidate in taken:
        candidate, count = f"{slug}-{count}", count + 1
    return ArticlePlan(
        title=title[:300], standfirst=standfirst, body=body, references=list(references.values()),
        new_sources=new_sources, original=original, slug=candidate, left_out=chrome + left_out,
        unmatched_markers=sorted(set(unmatched)),
    )  # fmt: skip


@transaction.atomic
def commit(plan_: ArticlePlan, user, origin: str) -> Commentary:
    """Create the new pending sources and the draft commentary citing them (all or nothing)."""
    reason = f"Imported from {origin}"
    for source, creators in plan_.new_sources.values():
        gateway.create_pending_source(source, creators, user, f"{reason} (reference list)")
    commentary = Commentary(
        title=plan_.title, slug=plan_.slug, standfirst=plan_.standfirst, body=plan_.body,
        published_on=timezone.localdate(), publish_at=timezone.now(), original_publication=plan_.original,
    )  # fmt: skip
    return gateway.create_draft_commentary(commentary, user, reason)
