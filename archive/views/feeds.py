"""RSS and Atom feeds: new commentary, new events, and everything new under a tag. Public items only."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse

from archive import prefetch
from archive.feedtypes import SafeAtom, SafeRss
from archive.metadata import site_name
from archive.models import Commentary, Event
from archive.visibility import visible_tags

FEED_SIZE = 30


class CommentaryFeed(Feed):
    feed_type = SafeRss

    def title(self):
        return f"{site_name()}: new commentary"

    def description(self):
        return f"Analysis newly published in the {site_name()}."

    def link(self):
        return reverse("archive:commentary_list")

    def items(self):
        return prefetch.commentary_for_list(Commentary.objects.published()).order_by("-publish_at", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.standfirst

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return ", ".join(a.person.full_name for a in prefetch.authorships_of(item)) or None

    def item_categories(self, item):
        return [t.name for t in prefetch.tags_of(item)]


class EventFeed(Feed):
    feed_type = SafeRss

    def title(self):
        return f"{site_name()}: new events"

    def description(self):
        return f"Events newly added to the {site_name()}."

    def link(self):
        return reverse("archive:event_list")

    def items(self):
        return prefetch.events_for_list(Event.objects.published()).order_by("-publish_at", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return f"{item.title} ({item.date_display})"

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [t.name for t in prefetch.tags_of(item)]


class TagFeed(Feed):
    feed_type = SafeRss
    """Commentary and events under one tag, newest first."""

    def get_object(self, request, slug):
        return get_object_or_404(visible_tags(request), slug=slug)

    def title(self, obj):
        return f"{site_name()}: {obj.name}"

    def description(self, obj):
        return obj.description or f"New commentary and events tagged {obj.name}."

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        commentary = list(Commentary.objects.published().filter(tags=obj).order_by("-publish_at")[:FEED_SIZE])
        events = list(Event.objects.published().filter(tags=obj).order_by("-publish_at")[:FEED_SIZE])
        return sorted(commentary + events, key=lambda item: item.publish_at, reverse=True)[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return getattr(item, "standfirst", None) or item.summary

    def item_pubdate(self, item):
        return item.publish_at


def atom(feed_class):
    """The same feed as Atom 1.0."""
    return type(
        f"Atom{feed_class.__name__}", (feed_class,), {"feed_type": SafeAtom, "subtitle": feed_class.description}
    )
