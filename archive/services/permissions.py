"""Permission checks shared by the services: a refusal is PermissionDenied with a sentence for the person."""

from django.core.exceptions import PermissionDenied

MODERATE_SOURCE = "archive.moderate_source"


def has(user, *permissions: str) -> bool:
    """True when `user` holds every permission (readers, `None`, hold none)."""
    return user is not None and user.is_authenticated and user.has_perms(permissions)


def require(user, *permissions: str, to: str) -> None:
    """Refuse unless `user` holds every permission; `to` completes "You may not …"."""
    if not has(user, *permissions):
        raise PermissionDenied(f"You may not {to}.")


def may_moderate(user) -> bool:
    return has(user, MODERATE_SOURCE)
