"""Template context every page gets: the site's name (settings.SITE_NAME), never spelled out in a template."""

from django.conf import settings


def site(request):
    return {"site_name": settings.SITE_NAME}
