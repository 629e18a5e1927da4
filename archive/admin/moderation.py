"""Moderators' desk: the queue of pending sources, flags on citing content, readers' submissions."""

from django.contrib import admin, messages
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from archive.models import Flag, PendingSource, ReaderSubmission

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


class FlagStateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("open", "Open"), ("resolved", "Resolved")]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.open()
        if self.value() == "resolved":
            return queryset.filter(resolved_at__isnull=False)
        return queryset


@admin.action(description="Mark selected flags as resolved", permissions=["change"])
def resolve_flags(modeladmin, request, queryset):
    count = queryset.open().update(resolved_at=timezone.now(), resolved_by=request.user, resolution="Reviewed")
    modeladmin.message_user(request, f"Resolved {count} flag(s).", messages.SUCCESS)


@admin.register(Flag)
class FlagAdmin(admin.ModelAdmin):
    """Items editors should revisit because a source they cite lost the archive's trust."""

    list_display = ["target_link", "source", "reason", "raised_at", "resolved_at"]
    list_filter = [FlagStateFilter, "raised_at"]
    list_select_related = ["event", "commentary", "source"]
    search_fields = ["source__citation_key", "event__title", "commentary__title"]
    actions = [resolve_flags]
    fields = ["source", "event", "commentary", "reason", "raised_at", "raised_by", "resolution", "resolved_at"]
    readonly_fields = ["source", "event", "commentary", "reason", "raised_at", "raised_by", "resolved_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="item")
    def target_link(self, flag):
        target = flag.target
        meta = target._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[target.pk])
        return format_html('<a href="{}">{}</a> ({})', url, target.title, meta.verbose_name)

    def save_model(self, request, obj, form, change):
        if obj.resolution and obj.resolved_at is None:
            obj.resolved_at, obj.resolved_by = timezone.now(), request.user
        super().save_model(request, obj, form, change)


@admin.action(description="Mark selected as handled", permissions=["change"])
def mark_handled(modeladmin, request, queryset):
    count = queryset.filter(handled_at__isnull=True).update(handled_at=timezone.now(), handled_by=request.user)
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
