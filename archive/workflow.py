"""Publication workflow for events and commentary: who may move an item where.

Draft ⇄ in review is the writer's own business (change permission). Entering
or leaving "published" and "archived", and rescheduling a published item,
take the publish permission of the model (`publish_event`,
`publish_commentary`): the review step belongs to someone else.
"""

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from archive.models import AuditEntry, PublicationStatus
from archive.services import audit

S = PublicationStatus
_GUARDED = {S.PUBLISHED, S.ARCHIVED}


def publish_permission(model) -> str:
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def can_publish(user, model) -> bool:
    return user.has_perm(publish_permission(model))


def allowed_statuses(user, model, current: str | None) -> list[str]:
    """The statuses the user may leave the item in, current one included."""
    if can_publish(user, model):
        return list(S.values)
    if current in _GUARDED:
        return [current]
    return [S.DRAFT, S.REVIEW]


def check_transition(user, model, old: str | None, new: str) -> None:
    if new not in allowed_statuses(user, model, old):
        label = S(new).label.lower()
        raise PermissionDenied(f"You may not set this {model._meta.verbose_name} to “{label}”.")


def _action_for(new: str) -> str:
    return {
        S.REVIEW: AuditEntry.Action.SUBMIT,
        S.PUBLISHED: AuditEntry.Action.PUBLISH,
        S.ARCHIVED: AuditEntry.Action.UNPUBLISH,
    }.get(new, AuditEntry.Action.STATUS)


def stamp_transition(item, user, old: str | None) -> bool:
    """Before saving: record who moved the item and when, if its status changed."""
    if old == item.status:
        return False
    item.status_changed_by = user
    item.status_changed_at = timezone.now()
    return True


def audit_transition(item, user, old: str | None, reason: str = "") -> AuditEntry:
    """After saving: one audit entry naming the transition (and the schedule when publishing)."""
    changes = {"status": [old, item.status]}
    if item.status == S.PUBLISHED:
        changes["publish_at"] = [None, item.publish_at.isoformat()]
    return audit.record(_action_for(item.status), item, user, reason, changes)


def transition(item, user, new: str, reason: str = "") -> None:
    """Move one item to a new status outside a form (admin bulk actions)."""
    old = item.status
    check_transition(user, type(item), old, new)
    if old == new:
        return
    item.status = new
    stamp_transition(item, user, old)
    item._change_reason = reason[:100] if reason else f"Status: {old} → {new}"
    item.save()
    audit_transition(item, user, old, reason)
