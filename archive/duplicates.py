"""Possible duplicates of a source: the same DOI, ISBN or URL, or a very similar title (merged ones excluded).

Shown to the person adding a source and on its admin page; merging is a
moderator's decision (services/sources.py).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from django.db.models import Q

from archive.models import Source

TITLE_SIMILARITY = 0.85


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
