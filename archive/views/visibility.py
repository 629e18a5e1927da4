"""What a request may see: the public gets published content and approved sources only."""

from django.shortcuts import get_object_or_404

from archive.models import Commentary, Event, Source


def can_preview(request) -> bool:
    return request.user.is_authenticated and request.user.is_staff


def visible_events(request):
    return Event.objects.all() if can_preview(request) else Event.objects.published()


def visible_commentary(request):
    return Commentary.objects.all() if can_preview(request) else Commentary.objects.published()


def visible_sources(request):
    return Source.objects.all() if can_preview(request) else Source.objects.approved()


def get_visible(queryset, **lookup):
    return get_object_or_404(queryset, **lookup)
