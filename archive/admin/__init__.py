"""The editors' admin, one module per area."""

from django.contrib import admin

from . import access, actors, audit, content, moderation, sources, tags  # noqa: F401

admin.site.site_header = "Relations Archive — editors"
admin.site.site_title = "Relations Archive admin"
admin.site.index_title = "Archive content"
