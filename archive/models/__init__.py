from .actors import Actor, ActorAlias, Person
from .audit import AuditEntry
from .base import PublicationStatus
from .citations import Citation
from .commentary import Commentary, CommentaryAuthor
from .events import PLOVER_CATEGORY, Event, EventType
from .flags import Flag
from .revisions import PendingRevision
from .sources import PendingSource, Source, SourceCreator
from .submissions import ReaderSubmission
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
    "Source",
    "SourceCreator",
    "Tag",
    "TagRedirect",
]
