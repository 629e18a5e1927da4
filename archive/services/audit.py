"""The one entry point to the audit trail: every service records its decision here.

django-simple-history keeps each field version; an audit entry names the
decision (publish, approve, merge, …), who took it and why, so the trail
reads as a list of decisions. Readers' actions are stored with no user.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from archive.models import AuditEntry

Action = AuditEntry.Action


def _entry(action: str, obj, user, reason: str, changes: dict | None) -> AuditEntry:
    user = user if user is not None and user.is_authenticated else None
    return AuditEntry(
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        user=user,
        username=user.get_username() if user else "",
        reason=reason or "",
        changes=changes or {},
    )


def record(action: str, obj, user=None, reason: str = "", changes: dict | None = None) -> AuditEntry:
    """Write one entry about `obj`; `changes` maps a field (or a fact) to [before, after]."""
    entry = _entry(action, obj, user, reason, changes)
    entry.save()
    return entry


def record_many(action: str, entries, user=None, batch_size: int = 1000) -> list[AuditEntry]:
    """The same decision by `user` about many objects (a bulk import): `entries` are (obj, reason, changes)."""
    made = [_entry(action, obj, user, reason, changes) for obj, reason, changes in entries]
    return AuditEntry.objects.bulk_create(made, batch_size=batch_size)
