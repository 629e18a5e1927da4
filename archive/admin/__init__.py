"""The editors' admin, one module per area."""

from django.conf import settings
from django.contrib import admin

from . import access, actors, audit, content, flags, queue, sources, submissions, tags  # noqa: F401

admin.site.site_header = f"{settings.SITE_NAME} — editors"
admin.site.site_title = f"{settings.SITE_NAME} admin"
admin.site.index_title = "Archive content"
