"""Who may see what: the one home of the public-visibility rule.

- An event or commentary is public when it is published and its publish date
  has come (a future date schedules it, with no cron job).
- A source is public when it is approved.
- Staff preview everything on the reader pages (drafts, scheduled items, pending sources).
- Footnotes: a cited source the viewer may not see shows as "Source under
  review", never its details (``footnote_shows``).
- Distrusted ratings (unreliable, deprecated, blacklisted): readers are warned
  next to such a source, and a source becoming distrusted (or rejected) flags
  the items citing it.

Models (``published()``, ``approved()``, ``is_public``), views, exports, feeds,
sitemaps, the search index and the template tags all ask here, so a new state
(say "embargoed") is a change to this module and states.py. It imports no
model, so every layer may import it.
"""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from archive.states import PublicationStatus, Reliability, SourceStatus

DISTRUSTED_RATINGS = frozenset({Reliability.UNRELIABLE, Reliability.DEPRECATED, Reliability.BLACKLISTED})


# The public rule -------------------------------------------------------------------------------


def published_q(prefix: str = "") -> Q:
    """Q for a public event or commentary, optionally through a relation (``prefix="event__"``)."""
    return Q(**{f"{prefix}status": PublicationStatus.PUBLISHED, f"{prefix}publish_at__lte": timezone.now()})


def approved_q(prefix: str = "") -> Q:
    """Q for a public source, optionally through a relation (``prefix="source__"``)."""
    return Q(**{f"{prefix}status": SourceStatus.APPROVED})


def item_public_from(item) -> dt.datetime | None:
    """When an event or commentary becomes public: its publish date once published, else never (None)."""
    return item.publish_at if item.status == PublicationStatus.PUBLISHED else None


def source_public_from(source) -> dt.datetime | None:
    """When a source became public: approved sources count from their creation, others never (None)."""
    return source.created_at if source_is_public(source) else None


def item_is_public(item) -> bool:
    when = item_public_from(item)
    return when is not None and when <= timezone.now()


def item_is_scheduled(item) -> bool:
    """Published with a publish date still to come."""
    when = item_public_from(item)
    return when is not None and when > timezone.now()


def source_is_public(source) -> bool:
    return source.status == SourceStatus.APPROVED


def is_public(obj) -> bool:
    """Either kind: a source (it has a reliability) or an event/commentary."""
    return source_is_public(obj) if hasattr(obj, "reliability") else item_is_public(obj)


# Staff preview ---------------------------------------------------------------------------------


def _user(viewer):
    """Views pass the request, other code the user."""
    return getattr(viewer, "user", viewer)


def can_preview(viewer) -> bool:
    """Staff see drafts, scheduled items and pending sources on the reader pages, marked as such."""
    user = _user(viewer)
    return bool(user is not None and user.is_authenticated and user.is_staff)


def footnote_shows(source, preview: bool) -> bool:
    """A footnote shows the cited source itself (else "Source under review"): approved, or a staff preview."""
    return preview or source_is_public(source)


def footnote_rule(preview: bool):
    """``footnote_shows`` with the viewer fixed, for code that takes a predicate."""

    def can_see(source) -> bool:
        return footnote_shows(source, preview)

    return can_see


# Distrusted sources ----------------------------------------------------------------------------


def is_distrusted_rating(reliability: str) -> bool:
    return reliability in DISTRUSTED_RATINGS


def warns_readers(source) -> bool:
    """Rated unreliable, deprecated or blacklisted: readers are told next to the citation."""
    return is_distrusted_rating(getattr(source, "reliability", ""))


REJECTED, DISTRUSTED_RATING = "rejected", "rating"


def distrust(source) -> str:
    """Whether the archive distrusts a source: REJECTED, DISTRUSTED_RATING, or "" (flags and citation lint ask)."""
    if source.status == SourceStatus.REJECTED:
        return REJECTED
    if is_distrusted_rating(source.reliability):
        return DISTRUSTED_RATING
    return ""


def distrust_reason(source) -> str:
    """Why citing this source needs an editor's attention (rejected or a distrusted rating); empty when not."""
    why = distrust(source)
    if why == REJECTED:
        return "cites a rejected source"
    if why == DISTRUSTED_RATING:
        return f"cites a source rated “{Reliability(source.reliability).label}”"
    return ""


# What a viewer (a request or a user) may list ------------------------------------------------------------------------
# Models are looked up through the app registry at call time: this module stays importable by the
# models themselves (no import cycle).


def _model(name: str):
    return apps.get_model("archive", name)


def _on_public_items(model, relation: str):
    """Rows of `model` that a public event or commentary links to through `relation` (tags, actors)."""
    Event, Commentary = _model("Event"), _model("Commentary")
    return model.objects.filter(
        Exists(Event.objects.filter(published_q(), **{relation: OuterRef("pk")}))
        | Exists(Commentary.objects.filter(published_q(), **{relation: OuterRef("pk")}))
    )


def tags_in_use():
    """Tags of at least one public item: the only tags with a public page, feed, filter choice or sitemap entry."""
    return _on_public_items(_model("Tag"), "tags")


def actors_in_use():
    """Actors involved in a public event or discussed by public commentary (a draft must not reveal a name)."""
    return _on_public_items(_model("Actor"), "actors")


def people_in_use():
    """Authors of public commentary and creators of approved sources."""
    Commentary, SourceCreator = _model("Commentary"), _model("SourceCreator")
    return _model("Person").objects.filter(
        Exists(Commentary.objects.filter(published_q(), authors=OuterRef("pk")))
        | Exists(SourceCreator.objects.filter(approved_q("source__"), person=OuterRef("pk")))
    )


def visible_events(viewer):
    Event = _model("Event")
    return Event.objects.all() if can_preview(viewer) else Event.objects.filter(published_q())


def visible_commentary(viewer):
    Commentary = _model("Commentary")
    return Commentary.objects.all() if can_preview(viewer) else Commentary.objects.filter(published_q())


def visible_sources(viewer):
    Source = _model("Source")
    return Source.objects.all() if can_preview(viewer) else Source.objects.filter(approved_q())


def visible_tags(viewer):
    return _model("Tag").objects.all() if can_preview(viewer) else tags_in_use()


def visible_actors(viewer):
    return _model("Actor").objects.all() if can_preview(viewer) else actors_in_use()


def visible_people(viewer):
    return _model("Person").objects.all() if can_preview(viewer) else people_in_use()
