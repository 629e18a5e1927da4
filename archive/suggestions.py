"""Readers' suggestion and problem-report forms, and the per-IP rate limit.

What a submission creates (pending or private records) is decided by
archive/services/submissions.py.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.validators import URLValidator

from archive import dates, visibility
from archive.duplicates import normalize_url
from archive.models import Source
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
    date = forms.CharField(
        label="When was it published? (optional)",
        required=False,
        max_length=dates.MAX_EDTF_LENGTH,
        strip=True,
        help_text="A year (2015), a month (2015-03) or a day (2015-03-24), if you know it.",
    )
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

    def clean_date(self):
        value = self.cleaned_data["date"]
        if not value:
            return ""
        try:
            return dates.parse(value).edtf
        except dates.InvalidEDTF as exc:
            message = f"“{value}” is not a date: use a year (2015), a month (2015-03) or a day."
            raise forms.ValidationError(message) from exc

    def clean_url(self):
        """Point out a source the archive already shows; say nothing about unpublished ones.

        Telling a reader that a URL is "awaiting review" or was rejected would
        reveal what moderators have not published; such suggestions are
        accepted like any other (see services.submissions.suggest_source).
        """
        url = self.cleaned_data["url"]
        self.pending_match = None
        for source in same_url(url):
            if visibility.source_is_public(source):
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
