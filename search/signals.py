"""Keep the search index in step with the content: receivers derived from documents.py, writes from writes.py.

A save, delete or relink of an indexed object marks it; a save or delete of
a row its document depends on (a tag, an alias, a citation, a cited source, an
author …) marks the documents that show that row. Marked objects are written
once, just before the transaction commits (writes.py).

Fixture loads (``raw``) are marked like any other save: the marks are written
at the end of loaddata's transaction, when every row of the fixture exists,
so `loaddata` leaves a consistent index (dependencies are not followed for
raw rows: the documents that show them are in the fixture too, or unchanged).
``bulk_create`` and ``QuerySet.update`` send no signals: call
``writes.mark(kind, ids)`` after them, or run ``manage.py rebuild_search_index``.

Signals are sent with the class of the saved instance, so receivers are also
connected for proxy models (the moderation queue saves ``PendingSource``).
"""

from django.apps import apps
from django.db.backends.signals import connection_created
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from . import writes
from .documents import DOCUMENTS, dependents, document_for

UID = "search"


def with_proxies(model) -> list:
    """The model and every proxy of it."""
    return [model] + [m for m in apps.get_models() if m._meta.proxy and m._meta.concrete_model is model]


def _indexed_changed(sender, instance, using="default", **kwargs):
    writes.mark(document_for(sender).kind, [instance.pk], using)


def _affected(sender, instance) -> list[tuple[str, list[int]]]:
    concrete = sender._meta.concrete_model
    return [(document.kind, document.affected_ids(concrete, instance)) for document in dependents(sender)]


def _dependency_saved(sender, instance, raw=False, using="default", **kwargs):
    if not raw:
        _mark_all(_affected(sender, instance), using)


def _dependency_deleting(sender, instance, **kwargs):
    """Before the row goes (afterwards no lookup reaches the documents that showed it): remember them."""
    instance._search_affected = _affected(sender, instance)


def _dependency_deleted(sender, instance, using="default", **kwargs):
    _mark_all(getattr(instance, "_search_affected", []), using)


def _mark_all(affected, using) -> None:
    if not any(ids for _, ids in affected):
        writes.meaning_changed(using)  # e.g. a new alias widens what a query finds, in rows that did not change
    for kind, ids in affected:
        writes.mark(kind, ids, using)


def _relinked(sender, instance, action, reverse, model, pk_set, using="default", **kwargs):
    """An M2M link of an indexed object (tags, actors) changed, from either side."""
    if not reverse:
        if action in ("post_add", "post_remove", "post_clear"):
            writes.mark(document_for(type(instance)).kind, [instance.pk], using)
        return
    document = document_for(model)
    if action == "pre_clear":  # tag.events.clear() does not say which items lose it: find them first
        field = sender._meta.get_field(model._meta.model_name)
        own = sender.objects.filter(**{type(instance)._meta.model_name: instance})
        instance._search_cleared = list(own.values_list(field.attname, flat=True))
    elif action == "post_clear":
        writes.mark(document.kind, getattr(instance, "_search_cleared", []), using)
    elif action in ("post_add", "post_remove") and pk_set:
        writes.mark(document.kind, pk_set, using)


def _m2m_throughs() -> list:
    found = []
    for document in DOCUMENTS:
        for lookup in document.depends_on.values():
            field = document.model._meta.get_field(lookup.split("__")[0])
            if field.many_to_many and field.remote_field.through not in found:
                found.append(field.remote_field.through)
    return found


def connect() -> None:
    """Called from SearchConfig.ready(): every receiver, from the declarations in documents.py."""
    from .sqlite import tune_connection

    connection_created.connect(tune_connection, dispatch_uid=f"{UID}.sqlite.mmap")
    for document in DOCUMENTS:
        for model in with_proxies(document.model):
            post_save.connect(_indexed_changed, sender=model, dispatch_uid=f"{UID}.save.{model.__name__}")
            post_delete.connect(_indexed_changed, sender=model, dispatch_uid=f"{UID}.delete.{model.__name__}")
    dependencies = {dep for document in DOCUMENTS for dep in document.depends_on}
    for dependency in dependencies:
        for model in with_proxies(dependency):
            name = model.__name__
            post_save.connect(_dependency_saved, sender=model, dispatch_uid=f"{UID}.dep.save.{name}")
            pre_delete.connect(_dependency_deleting, sender=model, dispatch_uid=f"{UID}.dep.deleting.{name}")
            post_delete.connect(_dependency_deleted, sender=model, dispatch_uid=f"{UID}.dep.deleted.{name}")
    for through in _m2m_throughs():
        m2m_changed.connect(_relinked, sender=through, dispatch_uid=f"{UID}.m2m.{through.__name__}")
