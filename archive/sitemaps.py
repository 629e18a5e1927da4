"""sitemap.xml: public pages only (published items, approved sources, tags and actors with public items).

/sitemap.xml is an index of one sitemap per section (/sitemap-events.xml, ?p=2 …) of at most
PAGE_SIZE pages each, so neither the index nor a section grows with the archive: a 100,000-event
archive was one 50,000-URL document. The index asks each section only for its size.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from archive import visibility
from archive.models import Commentary, Event, Source

PAGE_SIZE = 1000


class PublicSitemap(Sitemap):
    limit = PAGE_SIZE


class DatedSitemap(PublicSitemap):
    """Items with an updated_at, given per page in the section; the index gives none (Django's default reads every
    item to find the latest, and even one MAX over the public events took 0.3 s with 100,000 of them).

    A section reads only what its entries print (the slug or key for the location, updated_at): loading whole
    rows, bodies and all, was a third of a 1,000-URL section's time."""

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return None


class CommentarySitemap(DatedSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Commentary.objects.published().order_by("pk").only("slug", "updated_at")


class EventSitemap(DatedSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Event.objects.published().order_by("pk").only("slug", "updated_at")


class SourceSitemap(DatedSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Source.objects.approved().order_by("pk").only("citation_key", "updated_at")


class TagSitemap(PublicSitemap):
    priority = 0.4

    def items(self):
        return visibility.tags_in_use().order_by("pk")


class ActorSitemap(PublicSitemap):
    priority = 0.4

    def items(self):
        return visibility.actors_in_use().order_by("pk")


class PersonSitemap(PublicSitemap):
    priority = 0.4

    def items(self):
        return visibility.people_in_use().order_by("pk")


class PagesSitemap(PublicSitemap):
    priority = 0.7

    def items(self):
        return [
            "archive:home",
            "archive:commentary_list",
            "archive:event_list",
            "archive:timeline",
            "archive:source_list",
            "archive:tag_index",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": PagesSitemap,
    "commentary": CommentarySitemap,
    "events": EventSitemap,
    "sources": SourceSitemap,
    "tags": TagSitemap,
    "actors": ActorSitemap,
    "authors": PersonSitemap,
}
