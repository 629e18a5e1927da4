"""The public filter forms' choices: (slug, name) of the tags, actors and authors a viewer may see.

What may be seen is archive/visibility.py's rule (``visible_tags`` and friends: in use by a public
item, or everything for staff); this module only lists it, ordered as each model orders itself,
and keeps the list for public viewers under the public-content version (archive/memo.py).
"""

from __future__ import annotations

from archive import memo, visibility


def _choices(request, name: str, visible, order: tuple, label) -> list[tuple[str, str]]:
    def compute():
        return [(slug, label(*rest)) for slug, *rest in visible(request).order_by(*order).values_list("slug", *order)]

    return memo.remember(request, ("choices", name), compute)


def tags(request):
    return _choices(request, "tags", visibility.visible_tags, ("name",), str)


def actors(request):
    return _choices(request, "actors", visibility.visible_actors, ("name",), str)


def people(request):
    """Labelled by full name ("given family"), ordered by family then given name, as Person is."""
    return _choices(
        request,
        "people",
        visibility.visible_people,
        ("family_name", "given_name"),
        lambda family, given: " ".join(part for part in (given, family) if part),
    )
