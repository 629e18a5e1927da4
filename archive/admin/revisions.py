"""Changes to published items: the list a publisher works through (read-only; decided on the review screen)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from archive.models import PendingRevision

from .audit import ReadOnlyAdmin


@admin.register(PendingRevision)
class PendingRevisionAdmin(ReadOnlyAdmin):
    list_display = ["review_link", "kind", "created_by", "updated_at", "state", "decided_by"]
    list_filter = ["state", "content_type"]
    list_select_related = ["content_type", "created_by", "decided_by"]
    ordering = ["state", "created_at"]

    @admin.display(description="change to")
    def review_link(self, revision):
        url = reverse(f"admin:archive_{revision.content_type.model}_revision", args=[revision.object_id])
        return format_html('<a href="{}">{}</a>', url, revision.data.get("title") or f"#{revision.object_id}")

    @admin.display(description="kind")
    def kind(self, revision):
        return revision.content_type.name
