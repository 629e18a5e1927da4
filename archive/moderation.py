"""Source moderation: decisions on sources, flagging what cites them, duplicates and merges.

Every decision goes through `decide`, which stamps reviewed_by/reviewed_at,
writes the audit entry and the history reason, and flags citing content when
the source has become one the archive does not trust.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from archive.citations.keys import GROUP
from archive.models import AuditEntry, Citation, Commentary, Event, Flag, Source

DISTRUSTED = {Source.Reliability.UNRELIABLE, Source.Reliability.DEPRECATED, Source.Reliability.BLACKLISTED}
DECISION_FIELDS = ("status", "reliability", "moderator_note")
TITLE_SIMILARITY = 0.85


def distrust_reason(source) -> str:
    """Why citing this source needs an editor's attention; empty when it does not."""
    if source.status == Source.Status.REJECTED:
        return "cites a rejected source"
    if source.reliability in DISTRUSTED:
        return f"cites a source rated “{Source.Reliability(source.reliability).label}”"
    return ""


# What a moderator vouched for when approving (attribute names): changing any sends the source back to review.
VETTED_FIELDS = (
    "kind", "title", "container_title", "part_of_id", "publisher", "date_edtf", "url", "archived_url", "doi", "isbn",
    "country_of_origin_id", "affiliation",
)  # fmt: skip


def vetted_changes(source, stored: dict) -> list[str]:
    """The vetted fields whose value differs from `stored` (the row as it is in the database)."""
    return [f.removesuffix("_id") for f in VETTED_FIELDS if getattr(source, f) != stored[f]]


def reopen_after_edit(source, user, fields: list[str]) -> AuditEntry | None:
    """An approved source whose vetted details someone without `moderate_source` changed goes back to pending.

    The caller saves the source. The public then sees "Source under review"
    in citing footnotes until a moderator approves the new details.
    """
    if source.status != Source.Status.APPROVED or not fields:
        return None
    source.status = Source.Status.PENDING
    reason = f"Edited after approval ({', '.join(fields)}): back to review"
    source._change_reason = reason[:100]
    return AuditEntry.record(
        AuditEntry.Action.REOPEN, source, user, reason, {"status": [Source.Status.APPROVED, Source.Status.PENDING]}
    )


def snapshot(source) -> dict:
    return {field: getattr(source, field) for field in DECISION_FIELDS}


def _action(before: dict, source) -> str:
    if before["status"] != source.status:
        return {
            Source.Status.APPROVED: AuditEntry.Action.APPROVE,
            Source.Status.REJECTED: AuditEntry.Action.REJECT,
        }.get(source.status, AuditEntry.Action.REOPEN)
    return AuditEntry.Action.RATE


@transaction.atomic
def decide(source, user, before: dict, reason: str = "", save=True) -> AuditEntry | None:
    """Record a moderation decision already applied to `source` (compared with `before`)."""
    changes = {f: [before[f], getattr(source, f)] for f in DECISION_FIELDS if before[f] != getattr(source, f)}
    if not changes:
        if save:
            source.save()
        return None
    source.reviewed_by = user
    source.reviewed_at = timezone.now()
    action = _action(before, source)
    why = reason or source.moderator_note
    source._change_reason = (why or AuditEntry.Action(action).label)[:100]
    if save:
        source.save()
    entry = AuditEntry.record(action, source, user, why, changes)
    was_distrusted = bool(distrust_reason(Source(**{f: before[f] for f in ("status", "reliability")})))
    if not was_distrusted and distrust_reason(source):
        flag_citing_items(source, user)
    return entry


def approve(source, user, note: str = "") -> AuditEntry | None:
    before = snapshot(source)
    source.status = Source.Status.APPROVED
    if note:
        source.moderator_note = note
    return decide(source, user, before, note)


def reject(source, user, reason: str) -> AuditEntry | None:
    if not reason.strip():
        raise ValueError("Rejecting a source requires a reason.")
    before = snapshot(source)
    source.status = Source.Status.REJECTED
    source.moderator_note = reason.strip()
    return decide(source, user, before, reason.strip())


def rate(source, user, reliability: str, note: str) -> AuditEntry | None:
    before = snapshot(source)
    source.reliability = reliability
    if note.strip():
        source.moderator_note = note.strip()
    return decide(source, user, before, note.strip())


def citing_items(source) -> tuple[list[Event], list[Commentary]]:
    events = list(Event.objects.filter(citations__source=source).distinct())
    commentaries = list(
        Commentary.objects.filter(Q(citations__source=source) | Q(original_publication=source)).distinct()
    )
    return events, commentaries


def flag_citing_items(source, user) -> int:
    """Open one flag per citing event and commentary (not duplicating an open one)."""
    reason = distrust_reason(source)
    events, commentaries = citing_items(source)
    open_flags = Flag.objects.open().filter(source=source)
    flagged_events = set(open_flags.values_list("event_id", flat=True))
    flagged_commentaries = set(open_flags.values_list("commentary_id", flat=True))
    flags = [Flag(source=source, event=e, reason=reason, raised_by=user) for e in events if e.pk not in flagged_events]
    flags += [
        Flag(source=source, commentary=c, reason=reason, raised_by=user)
        for c in commentaries
        if c.pk not in flagged_commentaries
    ]
    Flag.objects.bulk_create(flags)
    if flags:
        AuditEntry.record(
            AuditEntry.Action.FLAG,
            source,
            user,
            reason,
            {"flagged": [None, [str(f.target) for f in flags]]},
        )
    return len(flags)


# Duplicates ---------------------------------------------------------------------------------


def normalize_url(url: str) -> str:
    url = re.sub(r"^https?://(www\.)?", "", url.strip().lower())
    return url.rstrip("/")


def normalize_title(title: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", title.lower()).split())


def _numbers(title: str) -> list[str]:
    return re.findall(r"\d+", title)


def possible_duplicates(source, limit: int = 10) -> list[Source]:
    """Sources with the same DOI, ISBN or URL, or a very similar title (merged ones excluded)."""
    others = Source.objects.filter(merged_into__isnull=True)
    if source.pk:
        others = others.exclude(pk=source.pk)
    exact = Q(pk__in=[])
    if source.doi:
        exact |= Q(doi__iexact=source.doi)
    isbn = (source.isbn or "").replace("-", "").replace(" ", "")
    if isbn:
        exact |= Q(isbn=isbn)
    found = {s.pk: s for s in others.filter(exact)}
    wanted_url = normalize_url(source.url or "")
    wanted_title = normalize_title(source.title or "")
    # seq2 is the one SequenceMatcher caches, so it holds the wanted title; cheap upper bounds first.
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(wanted_title)
    wanted_numbers = _numbers(wanted_title)
    if wanted_url or wanted_title:
        for pk, title, url in others.exclude(pk__in=found).values_list("pk", "title", "url"):
            if wanted_url and normalize_url(url) == wanted_url:
                found[pk] = None
                continue
            if not wanted_title:
                continue
            candidate = normalize_title(title)
            matcher.set_seq1(candidate)
            if (
                _numbers(candidate) == wanted_numbers  # "Annual report 2019" is not "… 2020"
                and matcher.real_quick_ratio() >= TITLE_SIMILARITY
                and matcher.quick_ratio() >= TITLE_SIMILARITY
                and matcher.ratio() >= TITLE_SIMILARITY
            ):
                found[pk] = None
    missing = [pk for pk, s in found.items() if s is None]
    found.update({s.pk: s for s in Source.objects.filter(pk__in=missing)})
    return sorted(found.values(), key=lambda s: s.pk)[:limit]


# Merge --------------------------------------------------------------------------------------

_FILLABLE = ("container_title", "publisher", "place", "url", "archived_url", "doi", "isbn", "abstract", "pages")


def _rewrite_keys(text: str, old: str, new: str) -> str:
    """Replace @old by @new inside citation groups only, leaving prose alone."""
    item = re.compile(rf"@{re.escape(old)}(?![A-Za-z0-9_:.\-]*[A-Za-z0-9_])")

    def fix(match):
        return item.sub(f"@{new}", match.group(0))

    return GROUP.sub(fix, text)


@transaction.atomic
def merge_sources(kept: Source, duplicate: Source, user, reason: str) -> AuditEntry:
    """Fold `duplicate` into `kept`: citations, bodies, parts and empty details move over.

    The duplicate is not deleted: it stays as a rejected record pointing at
    the kept source, so its history and key remain findable.
    """
    if kept.pk == duplicate.pk:
        raise ValueError("A source cannot be merged into itself.")
    if not reason.strip():
        raise ValueError("Merging requires a reason.")
    moved, dropped = [], []
    for citation in Citation.objects.filter(source=duplicate).select_related("event", "commentary"):
        target = {"event": citation.event} if citation.event_id else {"commentary": citation.commentary}
        clash = Citation.objects.filter(source=kept, locator=citation.locator, **target).first()
        if clash:
            clash.quote = clash.quote or citation.quote
            clash.note = clash.note or citation.note
            clash._change_reason = f"Merged from {duplicate.citation_key}"
            clash.save()
            citation._change_reason = f"Merged into {kept.citation_key}"
            citation.delete()
            dropped.append(citation.pk)
        else:
            citation.source = kept
            citation._change_reason = f"Merged from {duplicate.citation_key}"
            citation.save()
            moved.append(citation.pk)
    for model in (Event, Commentary):
        for item in model.objects.filter(body__contains=f"@{duplicate.citation_key}"):
            new_body = _rewrite_keys(item.body, duplicate.citation_key, kept.citation_key)
            if new_body != item.body:
                item.body = new_body
                item._change_reason = f"Citation key {duplicate.citation_key} → {kept.citation_key} (merge)"
                item.save()
    Commentary.objects.filter(original_publication=duplicate).update(original_publication=kept)
    Source.objects.filter(part_of=duplicate).exclude(pk=kept.pk).update(part_of=kept)
    Flag.objects.filter(source=duplicate).update(source=kept)
    duplicate.submissions.update(source=kept)

    filled = {}
    for field in _FILLABLE:
        if not getattr(kept, field) and getattr(duplicate, field):
            filled[field] = [getattr(kept, field), getattr(duplicate, field)]
    if "doi" in filled:
        Source.objects.filter(pk=duplicate.pk).update(doi="")  # the DOI is unique: free it first
    for field, (_old, new) in filled.items():
        setattr(kept, field, new)
    kept._change_reason = f"Merged {duplicate.citation_key} in"[:100]
    kept.save()

    duplicate.refresh_from_db()
    before = {"status": duplicate.status, "merged_into": None}
    duplicate.status = Source.Status.REJECTED
    duplicate.merged_into = kept
    duplicate.moderator_note = f"Duplicate of {kept.citation_key}, merged: {reason.strip()}"
    duplicate.reviewed_by = user
    duplicate.reviewed_at = timezone.now()
    duplicate._change_reason = f"Merged into {kept.citation_key}"[:100]
    duplicate.save()
    changes = {
        "merged": [duplicate.citation_key, kept.citation_key],
        "citations_moved": [None, moved],
        "citations_combined": [None, dropped],
        "fields_filled": [None, filled],
        "duplicate_status": [before["status"], duplicate.status],
    }
    AuditEntry.record(AuditEntry.Action.MERGE, duplicate, user, reason, changes)
    return AuditEntry.record(AuditEntry.Action.MERGE, kept, user, reason, changes)
