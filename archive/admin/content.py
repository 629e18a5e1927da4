"""Events and commentary: one form each, with citations, authors and tags inline."""

import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.html import format_html_join
from simple_history.admin import SimpleHistoryAdmin

from archive import workflow
from archive.citations.sync import sync_body_citations, unknown_keys
from archive.models import Actor, Citation, Commentary, CommentaryAuthor, Event, PublicationStatus

from .audit import AuditTrailMixin

CITATION_HELP = (
    "Markdown. Cite a source inline by its key: [@oliphant2009, p. 5]; several at once: "
    "[@a, pp. 20–21; @b]. The same source and locator cited twice share one footnote. "
    "Cited sources are added to the citations below when you save."
)


class WorkflowFormMixin(forms.Form):
    """Offer only the statuses the user may choose, and keep schedules of published items.

    `workflow_user`, `workflow_status` and `workflow_publish_at` (the stored values) are set on the
    form class by the admin per request.
    """

    change_reason = forms.CharField(
        label="Reason for this change",
        max_length=100,
        required=False,
        help_text="Optional; kept in the history and the audit trail (“why”).",
    )
    workflow_user = None
    workflow_status = None
    workflow_publish_at = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("status")
        if field is not None and self.workflow_user is not None:
            allowed = workflow.allowed_statuses(self.workflow_user, self._meta.model, self.workflow_status)
            field.choices = [(value, label) for value, label in field.choices if value in allowed]
            field.error_messages["invalid_choice"] = (
                "You may not set the status to “%(value)s”: publishing and unpublishing "
                "are done by someone who may publish. Submit it for review instead."
            )

    def clean(self):
        cleaned = super().clean()
        user = self.workflow_user
        if (
            user is not None
            and self.workflow_status == PublicationStatus.PUBLISHED
            and self._rescheduled(cleaned.get("publish_at"))
            and not workflow.can_publish(user, self._meta.model)
        ):
            self.add_error("publish_at", "Only someone who may publish can reschedule a published item.")
        return cleaned

    def _rescheduled(self, new) -> bool:
        # The widget shows whole seconds; a stored microsecond is not a change.
        old = self.workflow_publish_at
        return new is not None and old is not None and abs(new - old) >= dt.timedelta(seconds=1)


class BodyCitationFormMixin(WorkflowFormMixin):
    """Refuse a body that cites keys no source has, keeping everything typed."""

    def clean_body(self):
        body = self.cleaned_data.get("body", "")
        missing = unknown_keys(body)
        if missing:
            plural = "s" if len(missing) > 1 else ""
            listed = ", ".join(f"@{k}" for k in missing)
            raise forms.ValidationError(
                f"Unknown citation key{plural}: {listed}. Add the source first, or correct the key."
            )
        return body


class EventAdminForm(BodyCitationFormMixin, forms.ModelForm):
    class Meta:
        model = Event
        fields = "__all__"
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}
        help_texts = {"body": CITATION_HELP}

    def clean(self):
        cleaned = super().clean()
        actors = cleaned.get("actors")
        if cleaned.get("status") == "published" and actors is not None:
            if sum(1 for a in actors if a.kind == Actor.Kind.COUNTRY) < 2:
                self.add_error("actors", "A published event involves at least two countries.")
        return cleaned


class CommentaryAdminForm(BodyCitationFormMixin, forms.ModelForm):
    class Meta:
        model = Commentary
        fields = "__all__"
        widgets = {"body": forms.Textarea(attrs={"rows": 20})}
        help_texts = {"body": CITATION_HELP}


class CitationInline(admin.TabularInline):
    model = Citation
    extra = 1
    fields = ["order", "source", "locator", "quote", "note"]
    autocomplete_fields = ["source"]


class EventCitationInline(CitationInline):
    fk_name = "event"


class CommentaryCitationInline(CitationInline):
    fk_name = "commentary"


class CommentaryAuthorInline(admin.TabularInline):
    model = CommentaryAuthor
    extra = 1
    autocomplete_fields = ["person"]


class FlaggedFilter(admin.SimpleListFilter):
    title = "flags"
    parameter_name = "flagged"

    def lookups(self, request, model_admin):
        return [("open", "Cites a distrusted source (open flag)")]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(flags__resolved_at__isnull=True).distinct()
        return queryset


@admin.action(description="Submit selected for review", permissions=["change"])
def submit_for_review(modeladmin, request, queryset):
    modeladmin.apply_transition(request, queryset, PublicationStatus.REVIEW)


@admin.action(description="Unpublish selected (archive; restorable)", permissions=["publish"])
def unpublish(modeladmin, request, queryset):
    modeladmin.apply_transition(request, queryset, PublicationStatus.ARCHIVED)


class ContentAdmin(AuditTrailMixin, SimpleHistoryAdmin):
    """Shared behaviour: workflow rules, who/when of status changes, citations synced after save;
    "view on site" doubles as the draft preview for staff.

    Published (or archived) items cannot be deleted: unpublishing keeps them
    and their history, and can be undone.
    """

    list_filter = ["status", FlaggedFilter, "tags"]
    autocomplete_fields = ["tags", "actors"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["status_changed_by", "status_changed_at", "open_flags", "audit_trail"]
    actions = [submit_for_review, unpublish]
    save_on_top = True
    publication_fieldset = (
        "Publication",
        {
            "fields": [
                "status",
                "publish_at",
                "change_reason",
                "status_changed_by",
                "status_changed_at",
                "open_flags",
                "audit_trail",
            ]
        },
    )

    def view_on_site(self, obj):
        # Staff see drafts on the public templates (with a draft banner); the public gets 404.
        return obj.get_absolute_url()

    @admin.display(description="open flags")
    def open_flags(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        flags = list(obj.flags.open().select_related("source"))
        if not flags:
            return "None: every cited source is in good standing."
        return format_html_join(
            "",
            '<p>{} — <a href="{}">{}</a></p>',
            (
                (f.reason, reverse("admin:archive_source_change", args=[f.source_id]), f.source.citation_key)
                for f in flags
            ),
        )

    def has_publish_permission(self, request):
        return workflow.can_publish(request.user, self.model)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status in (PublicationStatus.PUBLISHED, PublicationStatus.ARCHIVED):
            return False
        return super().has_delete_permission(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        """The workflow rules start from the stored status and schedule.

        `obj` may be an old version being restored from the history; judging
        by its status would let a writer republish an unpublished item.
        """
        form = super().get_form(request, obj, change=change, **kwargs)
        form.workflow_user = request.user
        form.workflow_status = form.workflow_publish_at = None
        if obj is not None and obj.pk is not None:
            stored = self.model.objects.filter(pk=obj.pk).values("status", "publish_at").first()
            if stored:
                form.workflow_status, form.workflow_publish_at = stored["status"], stored["publish_at"]
        return form

    def save_model(self, request, obj, form, change):
        old = form.workflow_status
        reason = form.cleaned_data.get("change_reason", "")
        if reason:
            obj._change_reason = reason
        moved = workflow.stamp_transition(obj, request.user, old)
        super().save_model(request, obj, form, change)
        if moved and (change or obj.status != PublicationStatus.DRAFT):
            workflow.audit_transition(obj, request.user, old, reason)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        sync_body_citations(form.instance)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Restoring a version saves the model but never calls save_related: sync the restored body's citations."""
        response = super().history_form_view(request, object_id, version_id, extra_context)
        if request.method == "POST" and response.status_code == 302:
            restored = self.model.objects.filter(pk=object_id).first()
            if restored is not None:
                sync_body_citations(restored)
        return response

    def apply_transition(self, request, queryset, status):
        moved, refused = 0, []
        for item in queryset:
            try:
                if item.status != status:
                    workflow.transition(item, request.user, status)
                    moved += 1
            except PermissionDenied:
                refused.append(str(item))
        label = PublicationStatus(status).label.lower()
        if moved:
            self.message_user(request, f"{moved} moved to “{label}”.", messages.SUCCESS)
        if refused:
            self.message_user(request, f"Not allowed for: {', '.join(refused)}.", messages.ERROR)


@admin.register(Event)
class EventAdmin(ContentAdmin):
    form = EventAdminForm
    list_display = ["title", "date_edtf", "event_type", "status", "publish_at"]
    list_filter = ["status", FlaggedFilter, "event_type", "date_precision", "actors", "tags"]
    search_fields = ["title", "summary", "slug"]
    date_hierarchy = "date_earliest"
    ordering = ["-date_earliest"]
    inlines = [EventCitationInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "date_edtf", "event_type", "summary", "body"]}),
        ("Who and what", {"fields": ["actors", "tags"]}),
        ContentAdmin.publication_fieldset,
    ]


@admin.register(Commentary)
class CommentaryAdmin(ContentAdmin):
    form = CommentaryAdminForm
    list_display = ["title", "author_names", "published_on", "status", "publish_at"]
    list_filter = ["status", FlaggedFilter, "tags", "published_on"]
    search_fields = ["title", "standfirst", "slug", "authors__family_name"]
    autocomplete_fields = ["tags", "actors", "related_events", "original_publication"]
    date_hierarchy = "published_on"
    ordering = ["-published_on"]
    inlines = [CommentaryAuthorInline, CommentaryCitationInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "body", "published_on"]}),
        ("Context", {"fields": ["tags", "actors", "related_events", "original_publication"]}),
        ContentAdmin.publication_fieldset,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("authors")

    @admin.display(description="authors")
    def author_names(self, obj):
        return ", ".join(p.full_name for p in obj.authors.all())
