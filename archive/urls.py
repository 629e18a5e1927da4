from django.urls import path

from .views import pages, search

app_name = "archive"

urlpatterns = [
    path("", pages.home, name="home"),
    path("search/", search.search, name="search"),
    path("search/feed/", search.feed, name="search_feed"),
    path("events/<slug:slug>/", pages.event_detail, name="event_detail"),
    path("commentary/<slug:slug>/", pages.commentary_detail, name="commentary_detail"),
    path("sources/<str:key>/", pages.source_detail, name="source_detail"),
    path("tags/<slug:slug>/", pages.tag_detail, name="tag_detail"),
    path("actors/<slug:slug>/", pages.actor_detail, name="actor_detail"),
    path("authors/<slug:slug>/", pages.person_detail, name="person_detail"),
]
