"""Compare two versions of an event or commentary: word-level text differences, changed sets.

A version is a snapshot (see `publication.snapshot`): field values plus the ids
of tags, actors and related items, and optionally the cited sources' keys under
"citations". Both the review screen and the history's comparison use this.
"""

from __future__ import annotations

from django.db import models

from archive.diffs import FieldChange, set_change, text_change


def _names(model, ids) -> dict[int, str]:
    return {o.pk: str(o) for o in model.objects.filter(pk__in=ids)}


def compare_snapshots(model, before: dict, after: dict) -> list[FieldChange]:
    """The fields that differ, in form order; related sets resolved to names with one query per set."""
    from archive.services.publication import content_fields, m2m_fields

    changes = []
    for field in content_fields(model):
        old, new = before.get(field.attname), after.get(field.attname)
        if (old or "") == (new or ""):
            continue
        label = str(field.verbose_name)
        if isinstance(field, models.ForeignKey):
            names = _names(field.related_model, [v for v in (old, new) if v])
            change = set_change(
                label, [names.get(int(old), old)] if old else [], [names.get(int(new), new)] if new else []
            )
        else:
            change = text_change(label, str(old or ""), str(new or ""))
        if change:
            changes.append(change)
    for field in m2m_fields(model):
        old, new = before.get(field.name, []), after.get(field.name, [])
        if sorted(old) == sorted(new):
            continue
        names = _names(field.related_model, set(old) | set(new))
        change = set_change(
            str(field.verbose_name), [names.get(i, str(i)) for i in old], [names.get(i, str(i)) for i in new]
        )
        if change:
            changes.append(change)
    if "citations" in before or "citations" in after:
        change = set_change("citations", before.get("citations", []), after.get("citations", []))
        if change:
            changes.append(change)
    return changes


def record_snapshot(model, record) -> dict:
    """A historical version (django-simple-history) as a snapshot, its cited keys included."""
    from archive.services.publication import content_fields, m2m_fields

    data = {f.attname: getattr(record, f.attname, None) for f in content_fields(model)}
    for key, value in data.items():
        if value is not None and not isinstance(value, (str, int, float, bool)):
            data[key] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    for field in m2m_fields(model):
        target = field.m2m_reverse_field_name() + "_id"
        data[field.name] = sorted(getattr(row, target) for row in getattr(record, field.name).all())
    data["citations"] = citation_labels(data.get("body") or "")
    return data


def citation_labels(body: str) -> list[str]:
    """The body's citations as "@key, locator" labels, in order of first appearance."""
    from archive.citations.keys import cited_refs

    return [f"@{r.key}, {r.locator}" if r.locator else f"@{r.key}" for r in cited_refs(body)]
