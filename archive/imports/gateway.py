"""The one place where imports write to the archive's domain.

Everything an import creates passes through here, so that the rules for
typed content hold for imported content too: a source always arrives
pending (never approved, whatever the file says), with the importing editor
as submitter and an audit entry; events and commentary always arrive as
drafts, saved through the publication service (`archive.services.publication`)
as the editors' "Save draft" button does. Sources are saved
through the source service (`archive.services.sources.save_edit`), audited
through `archive.services.audit`.
"""

from __future__ import annotations

from archive.models import Source, SourceCreator
from archive.services import audit
from archive.services import sources as source_service


def create_pending_source(source: Source, creators: list[SourceCreator], user, reason: str) -> Source:
    """Save an imported source as pending, submitted by `user`, with its creators and an audit entry."""
    if user is None or not user.is_authenticated:
        raise ValueError("An import of sources needs the importing editor (a user account).")
    source.status = Source.Status.PENDING
    source.reliability = ""
    source.moderator_note = ""
    source.reviewed_by = None
    source.reviewed_at = None
    source.merged_into = None
    source.submitted_by = user
    source_service.save_edit(source, user, reason[:100])
    for order, creator in enumerate(creators, start=1):
        creator.source = source
        creator.order = order
    SourceCreator.objects.bulk_create(creators)
    if creators:
        _reindex("source", [source.pk])  # bulk_create sends no signals: the creators' names
    audit.record(audit.Action.SUBMIT, source, user, reason, {"status": [None, Source.Status.PENDING]})
    return source


def create_draft_event(event, actors, tags, sources, user, reason: str):
    """Save an imported event as a draft with its actors, tags and (locator-less) citations of `sources`."""
    from archive.models import Citation

    _save_draft(event, user, reason)
    if actors:
        event.actors.set(actors)
    if tags:
        event.tags.set(tags)
    if sources:
        Citation.objects.bulk_create(
            [Citation(event=event, source=source, order=order) for order, source in enumerate(sources, start=1)]
        )
        _reindex("event", [event.pk])  # an approved cited source's title is part of the event's text
    return event


def create_actor(actor, user, reason: str):
    actor._change_reason = reason[:100]
    actor.save()
    return actor


def create_tag(tag, user, reason: str):
    tag._change_reason = reason[:100]
    tag.save()
    return tag


def create_draft_commentary(commentary, user, reason: str):
    """Save an imported commentary as a draft and create the citations its body makes."""
    from archive.citations.sync import sync_body_citations

    _save_draft(commentary, user, reason)
    sync_body_citations(commentary)
    return commentary


def _save_draft(item, user, reason: str) -> None:
    """A new event or commentary saved as a draft by the importing editor (the "Save draft" button)."""
    from archive.services import publication

    if user is None or not user.is_authenticated:
        raise ValueError("An import of events or commentary needs the importing editor (a user account).")
    item.pk = None
    publication.save(item, user, publication.Action.DRAFT, comment=reason)


def _reindex(kind: str, pks: list[int]) -> None:
    """Writes that send no signals (bulk_create) mark their object for the search index's one write path."""
    from search import writes

    writes.mark(kind, pks)
