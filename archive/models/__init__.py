from .actors import Actor, ActorAlias, Person
from .base import PublicationStatus
from .citations import Citation
from .commentary import Commentary, CommentaryAuthor
from .events import PLOVER_CATEGORY, Event, EventType
from .sources import Source, SourceCreator
from .tags import Tag, TagRedirect

__all__ = [
    "Actor",
    "ActorAlias",
    "Citation",
    "Commentary",
    "CommentaryAuthor",
    "Event",
    "EventType",
    "PLOVER_CATEGORY",
    "Person",
    "PublicationStatus",
    "Source",
    "SourceCreator",
    "Tag",
    "TagRedirect",
]
