"""Keep the search index in step with the content, inside the same transaction as the change.

Saving, deleting or relinking an event, commentary or source rewrites its
row; renaming a tag, actor, alias, author or cited source rewrites the rows
that show it, and so does a moderation decision on a cited source (only
approved sources' titles are indexed into the items citing them).

Signals are sent with the class of the saved instance, so every handler is
also connected for proxy models (the moderation queue saves ``PendingSource``
instances): a receiver connected for ``Source`` alone would miss them.
"""

from django.apps import apps
from django.db.backends.signals import connection_created
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from archive.models import (
    Actor,
    ActorAlias,
    Citation,
    Commentary,
    CommentaryAuthor,
    Event,
    Person,
    Source,
    SourceCreator,
    Tag,
)

from . import index

KIND = {Event: "event", Commentary: "commentary", Source: "source"}


def kind_of(model) -> str | None:
    """The index kind of a content model or of a proxy of one."""
    return KIND.get(model._meta.concrete_model)


def with_proxies(model) -> list:
    """The model and every proxy of it."""
    return [model] + [m for m in apps.get_models() if m._meta.proxy and m._meta.concrete_model is model]


def _content_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index.reindex(kind_of(sender), [instance.pk])


def _content_deleted(sender, instance, **kwargs):
    index.remove(kind_of(sender), [instance.pk])


def _relinked(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        index.reindex(kind_of(type(instance)), [instance.pk])
    elif model in KIND and pk_set:
        index.reindex(KIND[model], pk_set)


def _relinked_clear(sender, instance, action, reverse, model, **kwargs):
    """A reverse clear (tag.events.clear()) does not say which items lost it: remember them first."""
    if action == "pre_clear" and reverse and model in KIND:
        field = sender._meta.get_field(model._meta.model_name)
        instance._search_cleared = list(
            sender.objects.filter(**{f"{type(instance)._meta.model_name}": instance}).values_list(
                field.attname, flat=True
            )
        )
    elif action == "post_clear" and reverse and model in KIND:
        index.reindex(KIND[model], getattr(instance, "_search_cleared", []))


def _affected_by_actor(actor_id) -> dict[str, list[int]]:
    return {
        "event": list(Event.objects.filter(actors=actor_id).values_list("pk", flat=True)),
        "commentary": list(Commentary.objects.filter(actors=actor_id).values_list("pk", flat=True)),
        "source": list(Source.objects.filter(country_of_origin=actor_id).values_list("pk", flat=True)),
    }


def _affected_by_tag(tag_id) -> dict[str, list[int]]:
    return {
        "event": list(Event.objects.filter(tags=tag_id).values_list("pk", flat=True)),
        "commentary": list(Commentary.objects.filter(tags=tag_id).values_list("pk", flat=True)),
    }


def _reindex_all(affected: dict[str, list[int]]) -> None:
    for kind, ids in affected.items():
        index.reindex(kind, ids)


def _remember(sender, instance, **kwargs):
    finder = _affected_by_tag if sender is Tag else _affected_by_actor
    instance._search_affected = finder(instance.pk)


def _reindex_remembered(sender, instance, **kwargs):
    _reindex_all(getattr(instance, "_search_affected", {}))


def _tag_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _reindex_all(_affected_by_tag(instance.pk))


def _actor_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _reindex_all(_affected_by_actor(instance.pk))


def _alias_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _reindex_all(_affected_by_actor(instance.actor_id))


def _citation_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if instance.event_id:
        index.reindex("event", [instance.event_id])
    if instance.commentary_id:
        index.reindex("commentary", [instance.commentary_id])


def _source_saved_for_citers(sender, instance, raw=False, **kwargs):
    """An approved cited source's title is part of the citing items' text: a new title or decision changes it."""
    if raw:
        return
    citations = Citation.objects.filter(source=instance)
    index.reindex("event", citations.exclude(event=None).values_list("event_id", flat=True))
    index.reindex("commentary", citations.exclude(commentary=None).values_list("commentary_id", flat=True))


def _authorship_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        index.reindex("commentary", [instance.commentary_id])


def _person_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index.reindex(
            "commentary", CommentaryAuthor.objects.filter(person=instance).values_list("commentary_id", flat=True)
        )


def _creator_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        index.reindex("source", [instance.source_id])


def connect() -> None:
    """Called from SearchConfig.ready()."""
    uid = "archive.search"
    from .sqlite import tune_connection

    connection_created.connect(tune_connection, dispatch_uid=f"{uid}.sqlite.mmap")
    for model in (proxy for concrete in KIND for proxy in with_proxies(concrete)):
        post_save.connect(_content_saved, sender=model, dispatch_uid=f"{uid}.save.{model.__name__}")
        post_delete.connect(_content_deleted, sender=model, dispatch_uid=f"{uid}.delete.{model.__name__}")
    for through in (Event.tags.through, Event.actors.through, Commentary.tags.through, Commentary.actors.through):
        m2m_changed.connect(_relinked, sender=through, dispatch_uid=f"{uid}.m2m.{through.__name__}")
        m2m_changed.connect(_relinked_clear, sender=through, dispatch_uid=f"{uid}.m2mclear.{through.__name__}")
    for model in with_proxies(Source):
        post_save.connect(_source_saved_for_citers, sender=model, dispatch_uid=f"{uid}.citers.{model.__name__}")
    for model in (Tag, Actor):
        pre_delete.connect(_remember, sender=model, dispatch_uid=f"{uid}.remember.{model.__name__}")
        post_delete.connect(_reindex_remembered, sender=model, dispatch_uid=f"{uid}.forget.{model.__name__}")
    post_save.connect(_tag_saved, sender=Tag, dispatch_uid=f"{uid}.tag")
    post_save.connect(_actor_saved, sender=Actor, dispatch_uid=f"{uid}.actor")
    post_save.connect(_alias_changed, sender=ActorAlias, dispatch_uid=f"{uid}.alias.save")
    post_delete.connect(_alias_changed, sender=ActorAlias, dispatch_uid=f"{uid}.alias.delete")
    post_save.connect(_citation_changed, sender=Citation, dispatch_uid=f"{uid}.citation.save")
    post_delete.connect(_citation_changed, sender=Citation, dispatch_uid=f"{uid}.citation.delete")
    post_save.connect(_authorship_changed, sender=CommentaryAuthor, dispatch_uid=f"{uid}.author.save")
    post_delete.connect(_authorship_changed, sender=CommentaryAuthor, dispatch_uid=f"{uid}.author.delete")
    post_save.connect(_person_saved, sender=Person, dispatch_uid=f"{uid}.person")
    post_save.connect(_creator_changed, sender=SourceCreator, dispatch_uid=f"{uid}.creator.save")
    post_delete.connect(_creator_changed, sender=SourceCreator, dispatch_uid=f"{uid}.creator.delete")
