# The search index lives with the search engine code; imported here so Django registers it.
from archive.search.models import SearchChampion, SearchDocument, SearchFacet, SearchGeneration, SearchTerm  # noqa: E402, I001

from .actors import Actor, ActorAlias, Person
from .audit import AuditEntry
from .base import PublicationStatus
from .citations import Citation
from .commentary import Commentary, CommentaryAuthor
from .events import PLOVER_CATEGORY, Event, EventType
from .moderation import Flag, PendingSource, ReaderSubmission
from .revisions import PendingRevision
from .sources import Source, SourceCreator
from .tags import Tag, TagRedirect

__all__ = [
    "Actor",
    "ActorAlias",
    "AuditEntry",
    "Citation",
    "Commentary",
    "CommentaryAuthor",
    "Event",
    "EventType",
    "Flag",
    "PendingRevision",
    "PendingSource",
    "ReaderSubmission",
    "PLOVER_CATEGORY",
    "Person",
    "PublicationStatus",
    "SearchChampion",
    "SearchDocument",
    "SearchFacet",
    "SearchGeneration",
    "SearchTerm",
    "Source",
    "SourceCreator",
    "Tag",
    "TagRedirect",
]
