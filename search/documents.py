"""What each content model puts in the index, and what else its search document depends on.

One declaration per indexed model replaces hand-wired signal handlers: the
document's kind (its builder is ``index.BUILDERS[kind]``) and, for every
model whose rows appear in the document's text or facets, the lookup from the
indexed model to it. signals.py derives every receiver from this table, and
a change to a dependency marks exactly the documents the lookup reaches.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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


@dataclass(frozen=True)
class Document:
    model: type
    kind: str
    # Dependency model → lookup from `model` to it, e.g. Tag: "tags", Source: "citations__source".
    depends_on: dict = field(default_factory=dict)

    def affected_ids(self, dependency, instance) -> list[int]:
        """The indexed objects that show `instance` (a row of the dependency model)."""
        lookup = self.depends_on[dependency]
        if "__" not in lookup:
            relation = self.model._meta.get_field(lookup)
            # A reverse foreign key (citations, authorships, creators): the dependency row holds the id.
            if relation.one_to_many:
                return [getattr(instance, relation.field.attname)]
        return list(self.model._default_manager.filter(**{lookup: instance.pk}).values_list("pk", flat=True))


# Tags, actors (with their aliases), citations and cited sources' titles are part of events' and commentaries'
# text and facets; authors of commentary; a source's creators and country of origin (with its aliases).
_ITEM = {
    Tag: "tags",
    Actor: "actors",
    ActorAlias: "actors__aliases",
    Citation: "citations",
    Source: "citations__source",
}

DOCUMENTS = (
    Document(Event, "event", _ITEM),
    Document(Commentary, "commentary", {**_ITEM, CommentaryAuthor: "authorships", Person: "authorships__person"}),
    Document(
        Source,
        "source",
        {SourceCreator: "creators", Actor: "country_of_origin", ActorAlias: "country_of_origin__aliases"},
    ),
)
BY_MODEL = {document.model: document for document in DOCUMENTS}
BY_KIND = {document.kind: document for document in DOCUMENTS}


def document_for(model) -> Document | None:
    """The declaration of a content model or of a proxy of one (the moderation queue saves PendingSource)."""
    return BY_MODEL.get(model._meta.concrete_model)


def dependents(model) -> list[Document]:
    """The documents that depend on rows of `model` (or of its concrete model)."""
    concrete = model._meta.concrete_model
    return [document for document in DOCUMENTS if concrete in document.depends_on]
