"""The editors' admin, one module per area."""

from django.conf import settings
from django.contrib import admin

from . import (  # noqa: F401
    access,
    actors,
    audit,
    content,
    dashboard,
    flags,
    queue,
    revisions,
    sources,
    submissions,
    tags,
)

admin.site.site_header = f"{settings.SITE_NAME} — editors"
admin.site.site_title = f"{settings.SITE_NAME} admin"
admin.site.index_title = "Archive content"
dashboard.install(admin.site)
