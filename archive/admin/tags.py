from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.shortcuts import render
from simple_history.admin import SimpleHistoryAdmin

from archive.models import Tag, TagRedirect
from archive.services import tags as tag_service

from .audit import AuditTrailMixin


class MergeTagsForm(forms.Form):
    target = forms.ModelChoiceField(queryset=Tag.objects.all(), label="Merge into")
    reason = forms.CharField(label="Reason (optional, kept in the audit trail)", required=False, max_length=300)


@admin.action(description="Merge selected tags into another tag…", permissions=["merge"])
def merge_tags(modeladmin, request, queryset):
    """Offered only to those who may delete tags: a merge deletes the merged ones (the service checks again)."""
    if "apply" in request.POST:
        form = MergeTagsForm(request.POST)
        if form.is_valid():
            target = form.cleaned_data["target"]
            merged = tag_service.merge(list(queryset), target, request.user, form.cleaned_data["reason"])
            modeladmin.message_user(
                request, f"Merged {', '.join(merged) or 'nothing'} into {target.name}.", messages.SUCCESS
            )
            return None
    else:
        form = MergeTagsForm()
    return render(
        request,
        "admin/archive/tag/merge.html",
        {**modeladmin.admin_site.each_context(request), "form": form, "tags": queryset, "title": "Merge tags"},
    )


@admin.register(Tag)
class TagAdmin(AuditTrailMixin, SimpleHistoryAdmin):
    list_display = ["name", "slug", "event_count", "commentary_count"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    actions = [merge_tags]
    ordering = ["name"]
    readonly_fields = ["audit_trail"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(n_events=Count("events", distinct=True), n_commentaries=Count("commentaries", distinct=True))
        )

    def has_merge_permission(self, request):
        return tag_service.may_merge(request.user)

    def save_model(self, request, obj, form, change):
        tag_service.save_edit(obj, request.user)

    @admin.display(description="events", ordering="n_events")
    def event_count(self, obj):
        return obj.n_events

    @admin.display(description="commentaries", ordering="n_commentaries")
    def commentary_count(self, obj):
        return obj.n_commentaries


@admin.register(TagRedirect)
class TagRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_slug", "tag"]
    search_fields = ["old_slug", "tag__name"]
    autocomplete_fields = ["tag"]
