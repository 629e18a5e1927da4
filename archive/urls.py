from django.urls import path, register_converter

from .views import actors, commentary, events, exports, feeds, home, people, search, sources, suggestions, tags


class CitationFormatConverter:
    regex = "bib|ris|json"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(CitationFormatConverter, "citefmt")

app_name = "archive"

urlpatterns = [
    path("", home.home, name="home"),
    path("commentary/", commentary.commentary_list, name="commentary_list"),
    path("commentary/feed/rss/", feeds.CommentaryFeed(), name="commentary_feed_rss"),
    path("commentary/feed/atom/", feeds.atom(feeds.CommentaryFeed)(), name="commentary_feed_atom"),
    path("commentary/<slug:slug>/", commentary.commentary_detail, name="commentary_detail"),
    path(
        "commentary/<slug:slug>/bibliography.<citefmt:fmt>",
        exports.commentary_bibliography,
        name="commentary_bibliography",
    ),
    path("events/", events.event_list, name="event_list"),
    path("events/export.csv", exports.events_csv, name="events_csv"),
    path("events/export.jsonl", exports.events_jsonl, name="events_jsonl"),
    path("events/timelinejs.json", exports.events_timelinejs, name="events_timelinejs"),
    path("events/feed/rss/", feeds.EventFeed(), name="event_feed_rss"),
    path("events/feed/atom/", feeds.atom(feeds.EventFeed)(), name="event_feed_atom"),
    path("events/<slug:slug>/", events.event_detail, name="event_detail"),
    path("timeline/", events.timeline, name="timeline"),
    path("sources/", sources.source_list, name="source_list"),
    path("sources/<str:key>/", sources.source_detail, name="source_detail"),
    path("sources/<str:key>/cite.<citefmt:fmt>", exports.source_citation, name="source_citation"),
    path("tags/", tags.tag_index, name="tag_index"),
    path("tags/<slug:slug>/", tags.tag_detail, name="tag_detail"),
    path("tags/<slug:slug>/feed/rss/", feeds.TagFeed(), name="tag_feed_rss"),
    path("tags/<slug:slug>/feed/atom/", feeds.atom(feeds.TagFeed)(), name="tag_feed_atom"),
    path("actors/<slug:slug>/", actors.actor_detail, name="actor_detail"),
    path("actors/<slug:slug>/<slug:other>/", actors.actor_pair, name="actor_pair"),
    path("authors/<slug:slug>/", people.person_detail, name="person_detail"),
    path("suggest/", suggestions.suggest, name="suggest"),
    path("search/", search.search, name="search"),
    path("search/feed/", search.feed, name="search_feed"),
]
