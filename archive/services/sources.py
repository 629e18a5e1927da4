"""Source moderation: decisions on sources, sending edited ones back to review, merging duplicates, flags.

Every decision goes through `decide`, which stamps reviewed_by/reviewed_at,
writes the audit entry and the history reason, and flags citing content when
the source has become one the archive does not trust. `save_edit` is how any
change to a source is saved (admin form, importer, API): the moderation
fields change only through a moderator's decision, and someone who may not
moderate and changes what a moderator vetted sends an approved source back
to review.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from archive import visibility
from archive.citations.keys import GROUP
from archive.duplicates import possible_duplicates
from archive.models import AuditEntry, Citation, Commentary, Event, Flag, Source

from . import audit
from .permissions import may_moderate, require

DECISION_FIELDS = ("status", "reliability", "moderator_note")
# A moderator's alone: read-only in the editors' form, restored from the database when someone else saves.
MODERATION_FIELDS = ("status", "reliability", "moderator_note", "discussion_urls")
# Kept by the system, never taken from a form or from an old version being restored.
BOOKKEEPING_FIELDS = ("reviewed_by_id", "reviewed_at", "submitted_by_id", "merged_into_id")
# What a moderator vouched for when approving (attribute names): changing any sends the source back to review.
VETTED_FIELDS = (
    "kind", "title", "container_title", "part_of_id", "publisher", "date_edtf", "url", "archived_url", "doi", "isbn",
    "country_of_origin_id", "affiliation",
)  # fmt: skip

distrust_reason = visibility.distrust_reason


def _require_moderator(user, what: str) -> None:
    require(user, "archive.moderate_source", to=what)


# Edits --------------------------------------------------------------------------------------


class PossibleDuplicate(ValidationError):
    """A new source looks like one the archive has; `duplicates` lists them."""

    def __init__(self, duplicates: list[Source]):
        self.duplicates = duplicates
        listed = ", ".join(str(s) for s in duplicates)
        super().__init__(f"Possible duplicate of {listed}.", code="duplicate")


def check_new_source(source, *, not_a_duplicate: bool = False) -> None:
    """A new source that looks like one the archive has (`archive.duplicates`: same DOI, ISBN or URL, or a very
    similar title) is refused until whoever adds it confirms it is not a duplicate: the existing one should be
    cited instead. Raises PossibleDuplicate; an existing source is not checked.
    """
    if source.pk is not None or not_a_duplicate:
        return
    found = possible_duplicates(source)
    if found:
        raise PossibleDuplicate(found)


def vetted_changes(source, stored: dict) -> list[str]:
    """The vetted fields whose value differs from `stored` (the row as it is in the database)."""
    return [f.removesuffix("_id") for f in VETTED_FIELDS if getattr(source, f) != stored[f]]


def _reopen(source, user, fields: list[str]) -> AuditEntry | None:
    """Back to pending (the caller saves); the public then sees "Source under review" until a moderator decides."""
    if source.status != Source.Status.APPROVED or not fields:
        return None
    source.status = Source.Status.PENDING
    reason = f"Edited after approval ({', '.join(fields)}): back to review"
    source._change_reason = reason[:100]
    return audit.record(
        audit.Action.REOPEN, source, user, reason, {"status": [Source.Status.APPROVED, Source.Status.PENDING]}
    )


@transaction.atomic
def save_edit(source, user, reason: str = "") -> Source:
    """Save a new or edited source as `user` may: the one rule for every writer of sources.

    Restoring an old version from the history starts from that version's
    moderation fields, so the stored ones are put back unless the user may
    moderate, and a moderator's change to them is recorded as a decision.
    """
    adding = source.pk is None or not Source.objects.filter(pk=source.pk).exists()
    require(user, "archive.add_source" if adding else "archive.change_source", to="save this source")
    moderator = may_moderate(user)
    if not adding:
        protected = BOOKKEEPING_FIELDS + (() if moderator else MODERATION_FIELDS)
        stored = Source.objects.filter(pk=source.pk).values(*protected, *DECISION_FIELDS, *VETTED_FIELDS).get()
        for field in protected:
            setattr(source, field, stored[field])
        before = {f: stored[f] for f in DECISION_FIELDS}
    else:
        _new_source(source, user, moderator)
        before = {"status": Source.Status.PENDING, "reliability": "", "moderator_note": ""}
    if reason:
        source._change_reason = reason
    if moderator:
        decide(source, user, before, reason)
        return source
    if not adding:
        _reopen(source, user, vetted_changes(source, stored))
    source.save()
    return source


def _new_source(source, user, moderator: bool) -> None:
    """A new source, whoever saves it: the moderation fields only from a moderator, the saver as submitter."""
    if not moderator:
        for field in MODERATION_FIELDS:
            setattr(source, field, Source._meta.get_field(field).get_default())
    if source.submitted_by_id is None:
        source.submitted_by = user


def creators_changed(source, user) -> None:
    """Creators are vetted details too: someone who may not moderate changing them reopens an approved source."""
    require(user, "archive.change_source", to="change this source's authors")
    if not may_moderate(user) and _reopen(source, user, ["creators"]):
        source.save()


# Submissions: new sources that wait for a moderator (imports) ---------------------------------


def _as_submission(source, user) -> None:
    """Whatever the file said: pending, unrated, unreviewed, submitted by `user` (also its history's user)."""
    source.status = Source.Status.PENDING
    source.reliability = ""
    source.moderator_note = ""
    source.discussion_urls = ""
    source.reviewed_by = None
    source.reviewed_at = None
    source.merged_into = None
    source.submitted_by = user
    source._history_user = user


def _submitted(user, sources_creators: list[tuple[Source, list]], reasons: list[str]) -> None:
    """After the sources are saved: their ordered creators, one audit entry each, their index rows marked."""
    from archive.models import SourceCreator
    from search import writes

    creators = []
    for source, made in sources_creators:
        for order, creator in enumerate(made, start=1):
            creator.source_id, creator.order = source.pk, order
            creators.append(creator)
    SourceCreator.objects.bulk_create(creators, batch_size=1000)  # no signals: marked below
    audit.record_many(
        audit.Action.SUBMIT,
        [(source, reason, {"status": [None, Source.Status.PENDING]}) for (source, _), reason in
         zip(sources_creators, reasons, strict=True)],
        user,
    )  # fmt: skip
    writes.mark("source", [source.pk for source, _ in sources_creators])


@transaction.atomic
def submit(source, creators: list, user, reason: str) -> Source:
    """Save one new source for review (pending, `user` as submitter), with its creators and an audit entry."""
    require(user, "archive.add_source", to="add sources")
    _as_submission(source, user)
    save_edit(source, user, reason[:100])
    _submitted(user, [(source, creators)], [reason])
    return source


@transaction.atomic
def submit_many(entries: list[tuple[Source, list, str]], user, batch_size: int = 1000) -> list[Source]:
    """`submit` for many new sources at once (a file's import): entries are (source, creators, reason).

    The same rules as `submit` and `save_edit` for a new source (`_as_submission`, `_new_source`, the
    date's bounds from `_apply_edtf`), written in a few statements per batch instead of a dozen per
    source: bulk inserts of the sources, their history rows (the importer as history user, the reason
    as change reason), creators and audit entries, and one search-index write at the commit. New
    sources are cited by nothing yet, so no citing item needs reindexing or flagging.
    """
    require(user, "archive.add_source", to="add sources")
    moderator = may_moderate(user)
    sources = []
    for source, _creators, reason in entries:
        if source.pk is not None:
            raise ValueError(f"{source} is already saved: submit_many adds new sources only.")
        _as_submission(source, user)
        _new_source(source, user, moderator)
        source._apply_edtf()
        source._change_reason = reason[:100]
        sources.append(source)
    Source.objects.bulk_create(sources, batch_size=batch_size)
    Source.history.bulk_history_create(sources, batch_size=batch_size, default_user=user)
    _submitted(user, [(source, made) for source, made, _ in entries], [reason for *_, reason in entries])
    return sources


# Decisions ----------------------------------------------------------------------------------


def snapshot(source) -> dict:
    return {field: getattr(source, field) for field in DECISION_FIELDS}


def _action(before: dict, source) -> str:
    if before["status"] != source.status:
        return {
            Source.Status.APPROVED: audit.Action.APPROVE,
            Source.Status.REJECTED: audit.Action.REJECT,
        }.get(source.status, audit.Action.REOPEN)
    return audit.Action.RATE


@transaction.atomic
def decide(source, user, before: dict, reason: str = "", save=True) -> AuditEntry | None:
    """Record a moderation decision already applied to `source` (compared with `before`)."""
    _require_moderator(user, "moderate sources")
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
    entry = audit.record(action, source, user, why, changes)
    was_distrusted = bool(distrust_reason(Source(**{f: before[f] for f in ("status", "reliability")})))
    if not was_distrusted and distrust_reason(source):
        flag_citing_items(source, user)
    return entry


def approve(source, user, note: str = "") -> AuditEntry | None:
    _require_moderator(user, "approve sources")
    before = snapshot(source)
    source.status = Source.Status.APPROVED
    if note:
        source.moderator_note = note
    return decide(source, user, before, note)


def reject(source, user, reason: str) -> AuditEntry | None:
    _require_moderator(user, "reject sources")
    if not reason.strip():
        raise ValueError("Rejecting a source requires a reason.")
    before = snapshot(source)
    source.status = Source.Status.REJECTED
    source.moderator_note = reason.strip()
    return decide(source, user, before, reason.strip())


def rate(source, user, reliability: str, note: str) -> AuditEntry | None:
    _require_moderator(user, "rate sources")
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
        audit.record(audit.Action.FLAG, source, user, reason, {"flagged": [None, [str(f.target) for f in flags]]})
    return len(flags)


RESOLVED_BY_DEFAULT = "Reviewed"


@transaction.atomic
def resolve_flags(flags, user, resolution: str = RESOLVED_BY_DEFAULT) -> int:
    """An editor has revisited the flagged items: close each open flag, one audit entry in each item's trail.

    Returns how many were resolved; flags already resolved are left as they were.
    """
    require(user, "archive.change_flag", to="resolve flags")
    resolution = (resolution or "").strip()[:300] or RESOLVED_BY_DEFAULT
    now, done = timezone.now(), 0
    chosen = Flag.objects.open().filter(pk__in=[f.pk for f in flags])
    for flag in chosen.select_related("source", "event", "commentary"):
        flag.resolved_at, flag.resolved_by, flag.resolution = now, user, resolution
        flag.save(update_fields=["resolved_at", "resolved_by", "resolution"])
        changes = {"flag": [f"@{flag.source.citation_key}: {flag.reason}", None]}
        audit.record(audit.Action.FLAG_RESOLVE, flag.target, user, resolution, changes)
        done += 1
    return done


# Merge --------------------------------------------------------------------------------------

_FILLABLE = ("container_title", "publisher", "place", "url", "archived_url", "doi", "isbn", "abstract", "pages")


def _rewrite_keys(text: str, old: str, new: str) -> str:
    """Replace @old by @new inside citation groups only, leaving prose alone."""
    item = re.compile(rf"@{re.escape(old)}(?![A-Za-z0-9_:.\-]*[A-Za-z0-9_])")

    def fix(match):
        return item.sub(f"@{new}", match.group(0))

    return GROUP.sub(fix, text)


@transaction.atomic
def merge(kept: Source, duplicate: Source, user, reason: str) -> AuditEntry:
    """Fold `duplicate` into `kept`: citations, bodies, parts and empty details move over.

    The duplicate is not deleted: it stays as a rejected record pointing at
    the kept source, so its history and key remain findable.
    """
    _require_moderator(user, "merge sources")
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
    audit.record(audit.Action.MERGE, duplicate, user, reason, changes)
    return audit.record(audit.Action.MERGE, kept, user, reason, changes)
