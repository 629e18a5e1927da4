"""Events from spreadsheets: CSV and JSON Lines in the archive's own export format (/events/export.csv, .jsonl).

Columns: slug, title, date_edtf, event_type, actors, tags, summary and
citation_keys are read; date_display, date_earliest, date_latest,
date_precision, plover and url are derived from the date, type and slug, so
they are ignored. Lists are "; "-separated in CSV, arrays in JSON Lines.
Actors and tags are matched by slug, name or alias (a tag's old slugs count
as aliases); citation keys by the source's key. Unknown actors and tags are
created only when the editor says so; unknown keys are listed and left out.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from archive import dates
from archive.models import Actor, ActorAlias, Event, EventType, Source, Tag, TagRedirect

from . import gateway
from . import normalize as n
from .records import ImportFileError

COLUMNS = ["slug", "title", "date_edtf", "event_type", "actors", "tags", "summary", "citation_keys"]
REQUIRED = ["title", "date_edtf", "event_type", "summary"]
IMPORT, SKIP = "import", "skip"
BATCH = 1000  # rows written per call of the publication service's bulk path
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _unsafe_prefix(value: str) -> str:
    """Undo the export's spreadsheet guard: a ' put before a leading = + - @ (CSV injection)."""
    return value[1:] if value[:1] == "'" and value[1:2] in _FORMULA else value


def _list(value) -> list[str]:
    if isinstance(value, list):
        return [n.text(v) for v in value if n.text(v)]
    return [n.text(v) for v in str(value or "").split(";") if n.text(v)]


def read_csv(text: str) -> list[tuple[int, dict]]:
    reader = csv.DictReader(io.StringIO(text), strict=True)
    missing = [c for c in ("title", "date_edtf", "event_type") if c not in (reader.fieldnames or [])]
    if missing:
        raise ImportFileError(
            f"The CSV header lacks {', '.join(missing)}: use the columns of /events/export.csv ({', '.join(COLUMNS)})."
        )
    rows, start = [], reader.line_num + 1
    try:
        for record in reader:
            if None in record:
                raise ImportFileError(f"CSV line {start} has more cells than the header.")
            rows.append((start, {k: _unsafe_prefix(v or "") for k, v in record.items()}))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ImportFileError(f"CSV syntax error in the row starting at line {start}: {exc}.") from exc
    return rows


def read_jsonl(text: str) -> list[tuple[int, dict]]:
    rows = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ImportFileError(f"JSON Lines syntax error at line {number}, column {exc.colno}: {exc.msg}.") from exc
        except RecursionError as exc:
            raise ImportFileError(f"Line {number} is nested too deeply to be an event.") from exc
        if not isinstance(record, dict):
            raise ImportFileError(f"Line {number} is not a JSON object.")
        rows.append((number, record))
    return rows


def detect_format(text: str, filename: str = "") -> str:
    name = filename.lower()
    if name.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    if name.endswith(".csv"):
        return "csv"
    return "jsonl" if text.lstrip().startswith("{") else "csv"


class Vocabulary:
    """Actors, tags and sources by every name they go by (loaded once per import)."""

    def __init__(self):
        self.actors: dict[str, Actor] = {}
        for actor in Actor.objects.all():
            self.actors.setdefault(actor.slug.lower(), actor)
            self.actors.setdefault(actor.name.lower(), actor)
        for alias in ActorAlias.objects.select_related("actor"):
            self.actors.setdefault(alias.name.lower(), alias.actor)
        self.tags: dict[str, Tag] = {}
        for tag in Tag.objects.all():
            self.tags.setdefault(tag.slug.lower(), tag)
            self.tags.setdefault(tag.name.lower(), tag)
        for redirect in TagRedirect.objects.select_related("tag"):
            self.tags.setdefault(redirect.old_slug.lower(), redirect.tag)
        self.slugs = set(Event.objects.values_list("slug", flat=True))

    def sources(self, keys) -> dict[str, Source]:
        return {s.citation_key: s for s in Source.objects.filter(citation_key__in=keys, merged_into__isnull=True)}


@dataclass
class EventRow:
    number: int
    line: int
    event: Event
    actor_names: list[str]
    tag_names: list[str]
    keys: list[str]
    problems: list[str] = field(default_factory=list)
    existing: Event | None = None  # an event with this slug is already in the archive

    @property
    def label(self) -> str:
        return f"row {self.number} (line {self.line}{', ' + self.event.slug if self.event.slug else ''})"

    @property
    def default_choice(self) -> str:
        return SKIP if self.problems or self.existing else IMPORT


@dataclass
class EventPlan:
    rows: list[EventRow]
    vocabulary: Vocabulary
    sources: dict[str, Source]
    unknown_actors: list[str]
    unknown_tags: list[str]
    unknown_keys: list[str]


def _unique_slug(title: str, taken: set[str]) -> str:
    base = slugify(title)[:190] or "event"
    slug, count = base, 2
    while slug in taken:
        slug, count = f"{base}-{count}", count + 1
    return slug


def plan(text: str, fmt: str | None = None, filename: str = "") -> EventPlan:
    fmt = fmt or detect_format(text, filename)
    if fmt not in ("csv", "jsonl"):
        raise ImportFileError(f"Unknown format “{fmt}”; use csv or jsonl.")
    records = read_csv(text) if fmt == "csv" else read_jsonl(text)
    if not records:
        raise ImportFileError("The file has no event rows.")
    vocabulary = Vocabulary()
    taken = set(vocabulary.slugs)
    rows, in_file = [], set()
    all_keys = set()
    for number, (line, record) in enumerate(records, start=1):

        def get(name, record=record):
            return "" if isinstance(record.get(name), list) else n.text(record.get(name, ""))

        problems = [f"{name} is empty" for name in REQUIRED if not get(name)]
        event_type = get("event_type")
        if event_type and event_type not in EventType.values:
            problems.append(f"event type “{event_type}” is not one of {', '.join(EventType.values)}")
        edtf = get("date_edtf")
        if edtf:
            try:
                edtf = dates.parse(edtf).edtf
            except dates.InvalidEDTF as exc:
                problems.append(f"date “{edtf}”: {exc}")
        slug = slugify(get("slug"))[:200]
        existing = None
        if slug in vocabulary.slugs:
            existing = slug
        elif slug in in_file:
            problems.append(f"slug “{slug}” appears twice in the file")
        if not slug:
            slug = _unique_slug(get("title"), taken | in_file)
        in_file.add(slug)
        title = get("title")[:300]
        event = Event(slug=slug, title=title, date_edtf=edtf, event_type=event_type, summary=get("summary"))
        keys = _list(record.get("citation_keys", ""))
        all_keys.update(keys)
        row = EventRow(number, line, event, _list(record.get("actors", "")), _list(record.get("tags", "")), keys,
                       problems)  # fmt: skip
        row.existing = Event.objects.filter(slug=existing).first() if existing else None
        rows.append(row)
    sources = vocabulary.sources(all_keys)
    unknown_actors = sorted({a for r in rows for a in r.actor_names if a.lower() not in vocabulary.actors})
    unknown_tags = sorted({t for r in rows for t in r.tag_names if t.lower() not in vocabulary.tags})
    unknown_keys = sorted(all_keys - set(sources))
    return EventPlan(rows, vocabulary, sources, unknown_actors, unknown_tags, unknown_keys)


def _name_from(slug_or_name: str) -> str:
    return slug_or_name.replace("-", " ").title() if slug_or_name == slugify(slug_or_name) else slug_or_name


@dataclass
class EventImportResult:
    created: list[Event] = field(default_factory=list)
    skipped: list[EventRow] = field(default_factory=list)
    rejected: list[EventRow] = field(default_factory=list)
    actors_created: list[Actor] = field(default_factory=list)
    tags_created: list[Tag] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # unknown names and keys not linked


@transaction.atomic
def commit(
    plan_: EventPlan, choices: dict[int, str], user, origin: str, create_actors: dict[str, str] | None = None,
    create_tags: set[str] | None = None, progress=None,
) -> EventImportResult:  # fmt: skip
    """Write the chosen rows as drafts; create the unknown actors (name → kind) and tags the editor confirmed."""
    result = EventImportResult()
    reason = f"Imported from {origin}"
    actors, tags = dict(plan_.vocabulary.actors), dict(plan_.vocabulary.tags)
    for name, kind in (create_actors or {}).items():
        if name in plan_.unknown_actors and kind in Actor.Kind.values:
            slug = slugify(name)[:200] or "actor"
            if slug in actors:  # "Belarus!" is the actor whose slug is belarus
                actors[name.lower()] = actors[slug]
                continue
            actor = gateway.create_actor(Actor(name=_name_from(name)[:200], slug=slug, kind=kind), user, reason)
            actors[name.lower()] = actor
            result.actors_created.append(actor)
    for name in sorted(create_tags or ()):
        if name in plan_.unknown_tags:
            if slugify(name)[:100] in tags:
                tags[name.lower()] = tags[slugify(name)[:100]]
                continue
            tag = gateway.create_tag(Tag(name=_name_from(name)[:100], slug=slugify(name)[:100]), user, reason)
            tags[name.lower()] = tag
            result.tags_created.append(tag)
    left_out, batch = set(), []

    def write():
        entries = [(row.event, *links, f"{reason} ({row.label})") for row, links in batch]
        result.created.extend(gateway.create_draft_events(entries, user))
        if progress is not None:
            progress.update(len(batch))
        batch.clear()

    for row in plan_.rows:
        choice = choices.get(row.number, row.default_choice)
        if row.problems:
            result.rejected.append(row)
        elif choice == IMPORT and not row.existing:
            linked_actors = [actors[a.lower()] for a in row.actor_names if a.lower() in actors]
            linked_tags = [tags[t.lower()] for t in row.tag_names if t.lower() in tags]
            left_out.update(a for a in row.actor_names if a.lower() not in actors)
            left_out.update(t for t in row.tag_names if t.lower() not in tags)
            cited = [plan_.sources[k] for k in row.keys if k in plan_.sources]
            left_out.update(f"@{k}" for k in row.keys if k not in plan_.sources)
            batch.append((row, (linked_actors, linked_tags, cited)))
            if len(batch) == BATCH:
                write()
            continue
        else:
            result.skipped.append(row)
        if progress is not None:
            progress.update(1)
    if batch:
        write()
    result.left_out = sorted(left_out)
    return result
