"""Readers' messages (suggestions and problem reports): moderators only, e-mails included."""

from django.contrib import admin, messages

from archive.models import ReaderSubmission
from archive.services import submissions


@admin.action(description="Mark selected as handled", permissions=["change"])
def mark_handled(modeladmin, request, queryset):
    count = submissions.mark_handled(queryset, request.user)
    modeladmin.message_user(request, f"{count} marked as handled.", messages.SUCCESS)


@admin.register(ReaderSubmission)
class ReaderSubmissionAdmin(admin.ModelAdmin):
    """What readers sent. Contact e-mails are visible here only, to moderators."""

    list_display = ["created_at", "kind", "source", "message_excerpt", "contact_email", "handled_at"]
    list_filter = ["kind", ("handled_at", admin.EmptyFieldListFilter), "source"]
    list_select_related = ["source"]
    search_fields = ["message", "source__title", "contact_email"]
    actions = [mark_handled]
    readonly_fields = ["kind", "source", "message", "contact_email", "created_at", "handled_at", "handled_by"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="message")
    def message_excerpt(self, obj):
        return obj.message if len(obj.message) <= 80 else obj.message[:79] + "…"
