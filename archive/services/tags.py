"""Tags: renaming (old links keep working through a redirect) and merging, each checked and audited.

Merging removes the merged tags, so it takes the permission to delete tags as
well as to change them: an editor who may not delete a tag may not make it
disappear through a merge either.
"""

from __future__ import annotations

from django.db import transaction

from archive.models import Tag

from . import audit
from .permissions import has, require


@transaction.atomic
def save_edit(tag: Tag, user, reason: str = "") -> Tag:
    """Save a new or edited tag; a new name or slug is audited (the old slug keeps redirecting: Tag.save)."""
    stored = Tag.objects.filter(pk=tag.pk).values_list("name", "slug").first() if tag.pk else None
    require(user, "archive.change_tag" if stored else "archive.add_tag", to="save this tag")
    if reason:
        tag._change_reason = reason[:100]
    tag.save()
    if stored and stored != (tag.name, tag.slug):
        changes = {"name": [stored[0], tag.name], "slug": [stored[1], tag.slug]}
        audit.record(audit.Action.TAG_RENAME, tag, user, reason, changes)
    return tag


def rename(tag: Tag, user, name: str, slug: str = "", reason: str = "") -> Tag:
    """A new name (and slug, if given), validated like the admin form would."""
    tag.name = name.strip()
    if slug:
        tag.slug = slug
    tag.full_clean(validate_unique=True)
    return save_edit(tag, user, reason)


MERGE_PERMISSIONS = ("archive.change_tag", "archive.delete_tag")


def may_merge(user) -> bool:
    return has(user, *MERGE_PERMISSIONS)


@transaction.atomic
def merge(tags, target: Tag, user, reason: str = "") -> list[str]:
    """Fold `tags` into `target` (items keep one link each, old slugs redirect); returns the merged names."""
    require(user, *MERGE_PERMISSIONS, to="merge tags (it deletes the merged ones)")
    merged = [tag for tag in tags if tag.pk != target.pk]
    for tag in merged:
        tag.merge_into(target)
    names = [tag.name for tag in merged]
    if names:
        audit.record(audit.Action.TAG_MERGE, target, user, reason, {"merged": [names, target.name]})
    return names
