"""Flags on content citing a distrusted source: editors revisit the item and resolve the flag."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from archive.models import Flag
from archive.services import sources


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
    count = sources.resolve_flags(queryset, request.user)
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

    def get_readonly_fields(self, request, obj=None):
        """A resolution is part of the item's audit trail once given: it is not rewritten afterwards."""
        if obj is not None and obj.resolved_at is not None:
            return [*self.readonly_fields, "resolution"]
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        """Typing a resolution on an open flag resolves it (through the service, audited); nothing else is saved."""
        if obj.resolution and obj.resolved_at is None:
            sources.resolve_flags([obj], request.user, obj.resolution)
            obj.refresh_from_db()
