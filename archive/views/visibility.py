"""What a request may see: the public gets published content and approved sources only."""

from django.shortcuts import get_object_or_404

from archive import public
from archive.models import Actor, Commentary, Event, Person, Source, Tag


def can_preview(request) -> bool:
    return request.user.is_authenticated and request.user.is_staff


def visible_events(request):
    return Event.objects.all() if can_preview(request) else Event.objects.published()


def visible_commentary(request):
    return Commentary.objects.all() if can_preview(request) else Commentary.objects.published()


def visible_sources(request):
    return Source.objects.all() if can_preview(request) else Source.objects.approved()


def visible_tags(request):
    return Tag.objects.all() if can_preview(request) else public.tags_in_use()


def visible_actors(request):
    return Actor.objects.all() if can_preview(request) else public.actors_in_use()


def visible_people(request):
    return Person.objects.all() if can_preview(request) else public.people_in_use()


def get_visible(queryset, **lookup):
    return get_object_or_404(queryset, **lookup)
