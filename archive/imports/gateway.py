"""The one place where imports write to the archive's domain.

Everything an import creates passes through here, so that the rules for
typed content hold for imported content too: a source always arrives
pending (never approved, whatever the file says), with the importing editor
as submitter and an audit entry (`archive.services.sources.submit`, or
`submit_many` for a batch, which shares its rules with `save_edit`); events
and commentary always arrive as drafts, saved through the publication service
(`archive.services.publication.save`, or `save_new_many` for a batch of
events) as the editors' "Save draft" button does.
"""

from __future__ import annotations

from archive.models import Source, SourceCreator
from archive.services import sources as source_service


def create_pending_source(source: Source, creators: list[SourceCreator], user, reason: str) -> Source:
    """Save an imported source as pending, submitted by `user`, with its creators and an audit entry."""
    _require_user(user, "sources")
    return source_service.submit(source, creators, user, reason)


def create_pending_sources(entries: list[tuple[Source, list[SourceCreator], str]], user) -> list[Source]:
    """`create_pending_source` for a batch of (source, creators, reason): the source service's bulk path."""
    _require_user(user, "sources")
    return source_service.submit_many(entries, user)


def _require_user(user, what: str) -> None:
    if user is None or not user.is_authenticated:
        raise ValueError(f"An import of {what} needs the importing editor (a user account).")


def create_draft_event(event, actors, tags, sources, user, reason: str):
    """Save an imported event as a draft with its actors, tags and (locator-less) citations of `sources`."""
    _save_draft(event, user, reason)
    if actors:
        event.actors.set(actors)
    if tags:
        event.tags.set(tags)
    _cite([(event, sources, reason)], user)
    return event


def create_draft_events(entries: list[tuple], user) -> list:
    """`create_draft_event` for a batch of (event, actors, tags, sources, reason): the publication service's
    bulk path."""
    from archive.models import Event
    from archive.services import publication

    _require_user(user, "events or commentary")
    events = publication.save_new_many(
        Event,
        [(event, {"actors": actors, "tags": tags}, reason) for event, actors, tags, _, reason in entries],
        user,
        publication.Action.DRAFT,
    )
    _cite([(event, sources, reason) for (event, _, _, sources, reason) in entries], user)
    return events


def _cite(cited: list[tuple], user) -> None:
    """Locator-less citations of new events (event, sources, reason), with their history rows and index marks."""
    from archive.models import Citation

    citations = []
    for event, sources, reason in cited:
        for order, source in enumerate(dict.fromkeys(sources), start=1):
            citations.append(Citation(event=event, source=source, order=order))
            citations[-1]._change_reason = reason[:100]
    if not citations:
        return
    Citation.objects.bulk_create(citations, batch_size=1000)
    Citation.history.bulk_history_create(citations, batch_size=1000, default_user=user)
    _reindex("event", [event.pk for event, sources, _ in cited if sources])  # a cited source's title is in the text


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

    _require_user(user, "events or commentary")
    item.pk = None
    publication.save(item, user, publication.Action.DRAFT, comment=reason)


def _reindex(kind: str, pks: list[int]) -> None:
    """Writes that send no signals (bulk_create) mark their object for the search index's one write path."""
    from search import writes

    writes.mark(kind, pks)
