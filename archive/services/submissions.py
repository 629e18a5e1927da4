"""What a reader's suggestion or problem report creates: pending or private records, audited.

A suggested source is a pending Source (never public until a moderator
approves it) whose abstract holds the reader's "why it matters"; the
reader's message and optional e-mail are kept in ReaderSubmission, which only
moderators read. Readers act anonymously: the audit entry has no user and
reads "Suggested by a reader".
"""

from __future__ import annotations

import re

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from archive import dates
from archive.models import ReaderSubmission, Source

from . import audit
from .permissions import require

# A year a title may name: 1000–2999, not part of a longer number (a report number, an ISBN).
_TITLE_YEAR = re.compile(r"(?<!\d)([12]\d{3})(?!\d)")
NO_YEAR = "nd"  # "no date", as reference managers write it


def work_year(title: str, date_edtf: str = "") -> str:
    """The year a key carries: the work's date when given, else a year in its title, else "nd"."""
    if date_edtf:
        try:
            return f"{dates.parse(date_edtf).earliest:%Y}"
        except dates.InvalidEDTF:
            pass
    found = _TITLE_YEAR.findall(title)
    return found[-1] if found else NO_YEAR


def new_citation_key(title: str, date_edtf: str = "") -> str:
    """A free key like `belarus-and-the-eurasian-2015` (words of the title, then the work's year)."""
    words = slugify(title).split("-")[:4]
    base = "-".join(w for w in words if w)[:40].strip("-") or "suggested"
    if not base[0].isalpha():
        base = f"s-{base}"
    base = f"{base}-{work_year(title, date_edtf)}"
    key, n = base, 2
    while Source.objects.filter(citation_key=key).exists():
        key, n = f"{base}-{n}", n + 1
    return key


@transaction.atomic
def suggest_source(data: dict, pending_match: Source | None = None) -> Source:
    """A new pending source from the reader's form data; a second suggestion of a pending one joins it.

    `data` holds title, url, kind, why, and optionally date (EDTF) and contact_email. A URL that was rejected
    before becomes a new pending source: moderators see the earlier decision among its possible duplicates.
    """
    if pending_match is not None:
        source = pending_match
        reason = "Suggested again through the public form"
    else:
        date_edtf = data.get("date", "") or ""
        source = Source(
            citation_key=new_citation_key(data["title"], date_edtf),
            kind=data["kind"],
            title=data["title"],
            date_edtf=date_edtf,
            url=data["url"],
            abstract=data["why"],
            accessed=timezone.localdate(),
            language="",
            status=Source.Status.PENDING,
        )
        source._change_reason = "Suggested by a reader"
        source.save()
        reason = "Through the public form"
    ReaderSubmission.objects.create(
        kind=ReaderSubmission.Kind.SUGGESTION,
        source=source,
        message=data["why"],
        contact_email=data.get("contact_email", ""),
    )
    audit.record(audit.Action.SUGGEST, source, None, reason)
    return source


@transaction.atomic
def report_problem(source: Source, data: dict) -> ReaderSubmission:
    """A reader's report about an approved source: private to moderators, audited."""
    submission = ReaderSubmission.objects.create(
        kind=ReaderSubmission.Kind.REPORT,
        source=source,
        message=data["message"],
        contact_email=data.get("contact_email", ""),
    )
    audit.record(audit.Action.REPORT, source, None, "Through the public form")
    return submission


@transaction.atomic
def mark_handled(submissions, user) -> int:
    """A moderator has dealt with these readers' messages: stamp who and when, one audit entry on each source.

    Returns how many were newly handled; messages already handled keep their first stamp.
    """
    require(user, "archive.change_readersubmission", to="mark readers' messages as handled")
    now, done = timezone.now(), 0
    pending = ReaderSubmission.objects.filter(pk__in=[s.pk for s in submissions], handled_at__isnull=True)
    for submission in pending.select_related("source"):
        submission.handled_at, submission.handled_by = now, user
        submission.save(update_fields=["handled_at", "handled_by"])
        excerpt = submission.message if len(submission.message) <= 80 else submission.message[:79] + "…"
        reason = f"{submission.get_kind_display()} from a reader: “{excerpt}”"
        audit.record(audit.Action.HANDLED, submission.source, user, reason, {"submission": [submission.pk, None]})
        done += 1
    return done
