"""Readers' suggestions and problem reports: forms, the per-IP rate limit, and what a submission creates.

Everything a reader sends lands as pending or private: a suggested source is
a pending Source (never public until a moderator approves it) and the
reader's message and optional e-mail are kept in ReaderSubmission, which only
moderators can read.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from archive.models import AuditEntry, ReaderSubmission, Source
from archive.moderation import normalize_url
from relations_site.clients import client_ip

DEFAULT_RATE_LIMIT = (5, 3600)  # submissions per IP address, per seconds
HONEYPOT = "website"


class HoneypotMixin(forms.Form):
    website = forms.CharField(
        label="Leave this field empty", required=False, max_length=200, widget=forms.TextInput(attrs={
            "autocomplete": "off", "tabindex": "-1"})
    )  # fmt: skip

    def caught(self) -> bool:
        """True when the hidden field was filled in, as form-filling robots do."""
        return bool(self.data.get(HONEYPOT, "").strip())


class SuggestionForm(HoneypotMixin):
    pending_match = None  # a pending source with the same URL, set by clean_url
    title = forms.CharField(label="Title", max_length=300, strip=True)
    url = forms.URLField(
        label="Web address (URL)",
        max_length=1000,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="Where the source can be read, starting with https:// or http://",
    )
    kind = forms.ChoiceField(label="What kind of source is it?", choices=Source.Kind.choices, initial="web-page")
    why = forms.CharField(
        label="Why it matters",
        min_length=10,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What it covers and why the archive should cite it (10 to 2,000 characters).",
    )
    contact_email = forms.EmailField(
        label="Your e-mail",
        required=False,
        max_length=254,
        help_text="Only if you would like a reply. Moderators alone see it; it is never published.",
    )

    def clean_url(self):
        """Point out a source the archive already shows; say nothing about unpublished ones.

        Telling a reader that a URL is "awaiting review" or was rejected would
        reveal what moderators have not published; such suggestions are
        accepted like any other (see `submit_suggestion`).
        """
        url = self.cleaned_data["url"]
        self.pending_match = None
        for source in same_url(url):
            if source.status == Source.Status.APPROVED:
                raise forms.ValidationError("This source is already in the archive. Thank you all the same!")
            if source.status == Source.Status.PENDING and source.merged_into_id is None:
                self.pending_match = source
        return url


def same_url(url: str) -> list[Source]:
    """Sources whose URL is the same as `url` once normalised (scheme, www., trailing slash)."""
    wanted = normalize_url(url)
    host = wanted.split("/")[0]
    candidates = Source.objects.filter(url__icontains=host).only("pk", "status", "url", "merged_into")
    return [source for source in candidates if normalize_url(source.url) == wanted]


class ReportForm(HoneypotMixin):
    message = forms.CharField(
        label="What is wrong?",
        min_length=10,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="A broken link, a wrong date or author, a misleading summary … (10 to 2,000 characters).",
    )
    contact_email = SuggestionForm.base_fields["contact_email"]


def over_rate_limit(request) -> bool:
    """Count this attempt against the client's address; True once the limit is exceeded."""
    limit, window = getattr(settings, "SUGGESTION_RATE_LIMIT", DEFAULT_RATE_LIMIT)
    key = f"archive:suggest:{client_ip(request)}"  # proxy-aware: see relations_site/clients.py
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit


def _new_citation_key(title: str) -> str:
    words = slugify(title).split("-")[:4]
    base = "-".join(w for w in words if w)[:40].strip("-") or "suggested"
    if not base[0].isalpha():
        base = f"s-{base}"
    base = f"{base}-{timezone.now():%Y}"
    key, n = base, 2
    while Source.objects.filter(citation_key=key).exists():
        key, n = f"{base}-{n}", n + 1
    return key


@transaction.atomic
def submit_suggestion(data: dict, pending_match: Source | None = None) -> Source:
    """A new pending source with the reader's message; a second suggestion of a pending one joins it.

    A URL that was rejected before becomes a new pending source: moderators
    see the earlier decision among its possible duplicates and decide again.
    """
    if pending_match is not None:
        source = pending_match
        reason = "Suggested again through the public form"
    else:
        source = Source(
            citation_key=_new_citation_key(data["title"]),
            kind=data["kind"],
            title=data["title"],
            url=data["url"],
            accessed=timezone.localdate(),
            language="",
            status=Source.Status.PENDING,
        )
        source._change_reason = "Suggested by a reader"
        source.save()
        reason = "Suggested through the public form"
    ReaderSubmission.objects.create(
        kind=ReaderSubmission.Kind.SUGGESTION,
        source=source,
        message=data["why"],
        contact_email=data.get("contact_email", ""),
    )
    AuditEntry.record(AuditEntry.Action.SUGGEST, source, None, reason)
    return source


@transaction.atomic
def submit_report(source: Source, data: dict) -> ReaderSubmission:
    submission = ReaderSubmission.objects.create(
        kind=ReaderSubmission.Kind.REPORT,
        source=source,
        message=data["message"],
        contact_email=data.get("contact_email", ""),
    )
    AuditEntry.record(AuditEntry.Action.REPORT, source, None, "Problem reported through the public form")
    return submission
