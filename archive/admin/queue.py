"""The moderation queue: pending sources, oldest first, for moderators only."""

from django.contrib import admin
from django.db.models import Count

from archive.models import PendingSource

from .sources import SourceAdmin


@admin.register(PendingSource)
class ModerationQueueAdmin(SourceAdmin):
    """Pending sources, oldest first, with how many items cite each one."""

    list_display = ["created_at", "citation_key", "title", "kind", "origin", "citing_items"]
    list_filter = ["kind", "language"]
    ordering = ["created_at", "pk"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(status=PendingSource.Status.PENDING)
            .select_related("submitted_by")
            .annotate(
                n_suggestions=Count("submissions", distinct=True),
                n_items=Count("citations__event", distinct=True) + Count("citations__commentary", distinct=True),
            )
        )

    @admin.display(description="citing items", ordering="n_items")
    def citing_items(self, obj):
        return obj.n_items

    def has_module_permission(self, request):
        return self.has_moderate_permission(request)

    def has_view_permission(self, request, obj=None):
        return self.has_moderate_permission(request) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self.has_moderate_permission(request) and super().has_change_permission(request, obj)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="from")
    def origin(self, obj):
        if obj.n_suggestions:
            return "reader suggestion"
        return obj.submitted_by.get_username() if obj.submitted_by else "import"
