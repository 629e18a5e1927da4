"""The moderation queue: pending sources, oldest first, for moderators only.

Its form starts with the decision (approve with a rating, or reject with a reason), then the
details; its bulk approve asks for the rating. Decisions go through `archive.services.sources`.
"""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count

from archive.models import PendingSource, Source
from archive.services import sources as moderation

from .sources import (
    DETAIL_FIELDSETS,
    SourceAdmin,
    SourceAdminForm,
    _decision_page,
    merge_sources,
    rate_sources,
    reject_sources,
)

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
        *DETAIL_FIELDSETS,
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
