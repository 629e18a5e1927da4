"""The two staff roles and exactly the permissions each holds.

Groups are (re)built after every migrate and by `manage.py setup_roles`, so a
permission added to the code reaches the database without a hand edit, and a
permission granted by hand to a group is taken away again: nobody holds more
than their role gives (superusers aside).
"""

from django.db import transaction

EDITORS = "Editors"
MODERATORS = "Moderators"

VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"

_EDITOR_MODELS = {
    # Content editors write and maintain. Deleting an event or commentary is
    # further limited in the admin to items that were never published.
    "event": (VIEW, ADD, CHANGE, DELETE),
    "commentary": (VIEW, ADD, CHANGE, DELETE),
    "commentaryauthor": (VIEW, ADD, CHANGE, DELETE),
    "citation": (VIEW, ADD, CHANGE, DELETE),
    "actor": (VIEW, ADD, CHANGE),
    "actoralias": (VIEW, ADD, CHANGE, DELETE),
    "person": (VIEW, ADD, CHANGE),
    "tag": (VIEW, ADD, CHANGE),
    "tagredirect": (VIEW, ADD, CHANGE),
    # Editors add sources (they start pending) and fix their details; the
    # moderation fields are read-only for them.
    "source": (VIEW, ADD, CHANGE),
    "sourcecreator": (VIEW, ADD, CHANGE, DELETE),
    "flag": (VIEW, CHANGE),
    "auditentry": (VIEW,),
    "pendingrevision": (VIEW,),  # changes to published items; publishers decide them on the review screen
}

_MODERATOR_EXTRA_MODELS = {
    # Merging tags deletes the merged ones, so it is a moderator's (services/tags.py).
    "tag": (DELETE,),
    "pendingsource": (VIEW, CHANGE),
    "readersubmission": (VIEW, CHANGE),
}

_MODERATOR_CUSTOM = ("moderate_source", "publish_event", "publish_commentary")


def _codenames(models: dict) -> set[str]:
    return {f"{action}_{model}" for model, actions in models.items() for action in actions}


ROLE_PERMISSIONS = {
    EDITORS: _codenames(_EDITOR_MODELS),
    MODERATORS: _codenames(_EDITOR_MODELS) | _codenames(_MODERATOR_EXTRA_MODELS) | set(_MODERATOR_CUSTOM),
}


@transaction.atomic
def setup_roles(using="default") -> dict[str, int]:
    """Create or reset the groups; returns how many permissions each now holds."""
    from django.contrib.auth.models import Group, Permission

    result = {}
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        permissions = list(
            Permission.objects.using(using).filter(content_type__app_label="archive", codename__in=codenames)
        )
        missing = codenames - {p.codename for p in permissions}
        if missing:
            raise LookupError(f"Permissions not found for {name}: {', '.join(sorted(missing))}")
        group.permissions.set(permissions)
        result[name] = len(permissions)
    return result
