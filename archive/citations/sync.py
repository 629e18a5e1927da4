"""Keep a body's inline citations and the Citation rows in step."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from .keys import cited_keys, cited_refs


def unknown_keys(text: str) -> list[str]:
    """Keys cited in text that no source has (the admin refuses these)."""
    from archive.models import Source

    keys = cited_keys(text)
    known = set(Source.objects.filter(citation_key__in=keys).values_list("citation_key", flat=True))
    return [key for key in keys if key not in known]


@transaction.atomic
def sync_body_citations(item) -> int:
    """Create a Citation for every (source, locator) the body cites and the item lacks.

    Citations added by hand (inline rows in the admin) are left alone, so the
    bibliography can hold sources the text does not footnote. Returns how
    many citations were created.
    """
    from archive.models import Citation, Commentary, Source

    target_field = "commentary" if isinstance(item, Commentary) else "event"
    refs = cited_refs(item.body)
    if not refs:
        return 0
    sources = {s.citation_key: s for s in Source.objects.filter(citation_key__in={r.key for r in refs})}
    existing = set(Citation.objects.filter(**{target_field: item}).values_list("source__citation_key", "locator"))
    order = (Citation.objects.filter(**{target_field: item}).aggregate(m=Max("order"))["m"] or 0) + 1
    created = 0
    for ref in refs:
        if ref.key in sources and (ref.key, ref.locator) not in existing:
            Citation.objects.create(source=sources[ref.key], locator=ref.locator, order=order, **{target_field: item})
            existing.add((ref.key, ref.locator))
            order += 1
            created += 1
    return created
