"""The audit trail in the admin: a read-only recent-activity list, and a per-object panel."""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from archive.models import AuditEntry

PANEL_LENGTH = 10


class ReadOnlyAdmin(admin.ModelAdmin):
    """A list to read: records written only by services (the trail, proposals), never from a form."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """Recent activity: every decision, newest first. Nobody may edit or delete the trail."""

    list_display = ["created_at", "action", "object_link", "username", "reason_excerpt"]
    list_filter = ["action", "content_type", "created_at"]
    search_fields = ["object_repr", "username", "reason"]
    date_hierarchy = "created_at"
    list_select_related = ["content_type"]
    fields = ["created_at", "action", "content_type", "object_id", "object_repr", "username", "reason", "changes"]
    readonly_fields = fields

    @admin.display(description="object", ordering="object_repr")
    def object_link(self, entry):
        model = entry.content_type.model_class()
        if model is None:
            return entry.object_repr
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[entry.object_id])
        return format_html('<a href="{}">{}</a>', url, entry.object_repr)

    @admin.display(description="why")
    def reason_excerpt(self, entry):
        return entry.reason if len(entry.reason) <= 80 else entry.reason[:79] + "…"


def audit_trail_url(obj) -> str:
    content_type = ContentType.objects.get_for_model(obj)
    return (
        reverse("admin:archive_auditentry_changelist")
        + f"?content_type__id__exact={content_type.pk}&object_id={obj.pk}"
    )


class AuditTrailMixin:
    """Adds a read-only "Audit trail" field listing the latest decisions about the object."""

    @admin.display(description="audit trail")
    def audit_trail(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        entries = list(AuditEntry.objects.for_object(obj)[:PANEL_LENGTH])
        if not entries:
            return "No decisions recorded yet (field changes are under History)."
        rows = format_html_join(
            "",
            "<li><time>{}</time> — {} by {}{}</li>",
            (
                (
                    e.created_at.strftime("%Y-%m-%d %H:%M"),
                    e.get_action_display(),
                    e.username or "a reader",
                    f": {e.reason}" if e.reason else "",
                )
                for e in entries
            ),
        )
        return format_html(
            '<ul class="audit-trail">{}</ul><p><a href="{}">Full audit trail</a></p>', rows, audit_trail_url(obj)
        )
