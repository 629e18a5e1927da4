"""sitemap.xml: public pages only (published items, approved sources, tags and actors with public items)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from archive import visibility
from archive.models import Commentary, Event, Source


class CommentarySitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Commentary.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class EventSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Event.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class SourceSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Source.objects.approved().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class TagSitemap(Sitemap):
    priority = 0.4

    def items(self):
        return visibility.tags_in_use().order_by("pk")


class ActorSitemap(Sitemap):
    priority = 0.4

    def items(self):
        return visibility.actors_in_use().order_by("pk")


class PersonSitemap(Sitemap):
    priority = 0.4

    def items(self):
        return visibility.people_in_use().order_by("pk")


class PagesSitemap(Sitemap):
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
