"""Moderators' desk: the queue of pending sources, flags on citing content, readers' submissions."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from archive.models import Flag, PendingSource, ReaderSubmission, Source
from archive.services import sources as moderation

from .sources import SourceAdmin, SourceAdminForm, _decision_page, merge_sources, rate_sources, reject_sources

RATINGS = [(value, label) for value, label in Source.Reliability.choices if value]


class QueueDecisionForm(SourceAdminForm):
    """The pending source form: the decision comes first, and each decision carries what it needs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "status" in self.fields:
            self.fields["status"].label = "Decision"
        if "moderator_note" in self.fields:
            self.fields["moderator_note"].label = "Public note (approving) or reason (rejecting)"

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if status == Source.Status.APPROVED and not cleaned.get("reliability"):
            self.add_error("reliability", "Rate the source when approving it: readers see the rating.")
        if status == Source.Status.REJECTED and not (cleaned.get("moderator_note") or "").strip():
            self.add_error("moderator_note", "Say why the source is rejected: editors citing it will read this.")
        return cleaned


class ApproveForm(forms.Form):
    """Approving from the queue asks for the rating (and an optional public note)."""

    reliability = forms.ChoiceField(choices=RATINGS, label="Reliability")
    reason = forms.CharField(
        label="Public note (optional)", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


@admin.action(description="Approve selected sources, with a rating…", permissions=["moderate"])
def approve_sources(modeladmin, request, queryset):
    form = ApproveForm(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        reliability, note = form.cleaned_data["reliability"], form.cleaned_data["reason"].strip()
        done = []
        for source in queryset:
            before = moderation.snapshot(source)
            source.status, source.reliability = Source.Status.APPROVED, reliability
            if note:
                source.moderator_note = note
            if moderation.decide(source, request.user, before, note):
                done.append(source.citation_key)
        label = Source.Reliability(reliability).label
        modeladmin.message_user(
            request, f"Approved {len(done)} source(s), rated “{label}”: {', '.join(done) or 'none'}.", messages.SUCCESS
        )
        return None
    return _decision_page(modeladmin, request, queryset, form, "approve_sources", "Approve sources", "Approve")


@admin.register(PendingSource)
class ModerationQueueAdmin(SourceAdmin):
    """Pending sources, oldest first, with how many items cite each one."""

    list_display = ["created_at", "citation_key", "title", "kind", "origin", "citing_items"]
    list_filter = ["kind", "language"]
    ordering = ["created_at", "pk"]
    form = QueueDecisionForm
    actions = [approve_sources, reject_sources, rate_sources, merge_sources]
    radio_fields = {"status": admin.HORIZONTAL}
    fieldsets = [
        ("Decision", {"fields": ["status", "reliability", "moderator_note", "discussion_urls", "change_reason"]}),
        ("Readers and duplicates", {"fields": ["reader_messages", "duplicates"]}),
        (None, {"fields": ["citation_key", "kind", "title", "abstract"]}),
        (
            "Publication",
            {
                "fields": [
                    "container_title",
                    "part_of",
                    "publisher",
                    "place",
                    "date_edtf",
                    ("volume", "issue", "pages", "edition"),
                    "language",
                ]
            },
        ),  # fmt: skip
        ("Where to find it", {"fields": ["url", "archived_url", "accessed", "doi", "isbn"]}),
        ("Who stands behind it", {"fields": ["country_of_origin", "affiliation"]}),
        (
            "Record",
            {
                "fields": [
                    "reviewed_by",
                    "reviewed_at",
                    "submitted_by",
                    "merged_into",
                    "created_at",
                    "updated_at",
                    "audit_trail",
                ],
                "classes": ["collapse"],
            },
        ),  # fmt: skip
    ]

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
