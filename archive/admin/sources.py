"""Sources in the admin: editors add and describe them; moderators decide on them.

The moderation fields are read-only for anyone without `moderate_source`, so a
posted value from an editor is ignored server-side, not merely hidden; the
rules themselves live in archive/services/sources.py.
"""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from archive import duplicates as duplicate_search
from archive.models import Source, SourceCreator
from archive.services import sources as moderation

from .audit import AuditTrailMixin

MODERATION_FIELDS = list(moderation.MODERATION_FIELDS)


class SourceCreatorInline(admin.TabularInline):
    model = SourceCreator
    extra = 1
    fields = ["order", "role", "given_name", "family_name", "literal_name", "person"]
    autocomplete_fields = ["person"]


class SourceAdminForm(forms.ModelForm):
    change_reason = forms.CharField(
        label="Reason for this change",
        max_length=100,
        required=False,
        help_text="Optional; kept in the history and the audit trail (“why”).",
    )
    not_a_duplicate = forms.BooleanField(
        label="This is not a duplicate",
        required=False,
        help_text="Tick after checking the possible duplicates listed above, if any.",
    )

    class Meta:
        model = Source
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        probe = Source(
            title=cleaned.get("title") or "",
            url=cleaned.get("url") or "",
            doi=cleaned.get("doi") or "",
            isbn=cleaned.get("isbn") or "",
        )
        probe.pk = self.instance.pk
        try:
            moderation.check_new_source(probe, not_a_duplicate=bool(cleaned.get("not_a_duplicate")))
        except moderation.PossibleDuplicate as exc:
            listed = format_html_join(
                ", ",
                '<a href="{}">{}</a>',
                ((reverse("admin:archive_source_change", args=[s.pk]), str(s)) for s in exc.duplicates),
            )
            raise forms.ValidationError(
                format_html(
                    "Possible duplicate of {}. Cite the existing source instead, or tick "
                    "“This is not a duplicate” and save again.",
                    listed,
                )
            ) from exc
        return cleaned


class DecisionForm(forms.Form):
    """The intermediate page of reject / rate / merge: a reason is always required."""

    reason = forms.CharField(
        label="Reason (public note)", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, strip=True
    )


class RejectForm(DecisionForm):
    pass


class RateForm(DecisionForm):
    reliability = forms.ChoiceField(choices=Source.Reliability.choices, label="Reliability")


class MergeForm(DecisionForm):
    reason = forms.CharField(label="Reason", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, sources=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kept"] = forms.ModelChoiceField(
            queryset=Source.objects.filter(pk__in=[s.pk for s in sources]),
            label="Keep this source (the others are merged into it)",
            widget=forms.RadioSelect,
        )


def _decision_page(modeladmin, request, queryset, form, action, title, verb):
    return render(
        request,
        "admin/archive/source/decision.html",
        {
            **modeladmin.admin_site.each_context(request),
            "form": form,
            "sources": queryset,
            "action": action,
            "title": title,
            "verb": verb,
            "opts": modeladmin.model._meta,
        },
    )


@admin.action(description="Approve selected sources", permissions=["moderate"])
def approve_sources(modeladmin, request, queryset):
    done = [s.citation_key for s in queryset if moderation.approve(s, request.user)]
    modeladmin.message_user(request, f"Approved {len(done)} source(s): {', '.join(done) or 'none'}.", messages.SUCCESS)


@admin.action(description="Reject selected sources…", permissions=["moderate"])
def reject_sources(modeladmin, request, queryset):
    form = RejectForm(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        reason = form.cleaned_data["reason"]
        done = [s.citation_key for s in queryset if moderation.reject(s, request.user, reason)]
        modeladmin.message_user(request, f"Rejected {len(done)} source(s): {', '.join(done)}.", messages.SUCCESS)
        return None
    return _decision_page(modeladmin, request, queryset, form, "reject_sources", "Reject sources", "Reject")


@admin.action(description="Rate reliability of selected sources…", permissions=["moderate"])
def rate_sources(modeladmin, request, queryset):
    form = RateForm(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        reliability, note = form.cleaned_data["reliability"], form.cleaned_data["reason"]
        done = [s.citation_key for s in queryset if moderation.rate(s, request.user, reliability, note)]
        label = Source.Reliability(reliability).label
        modeladmin.message_user(request, f"Rated {len(done)} source(s) “{label}”.", messages.SUCCESS)
        return None
    return _decision_page(modeladmin, request, queryset, form, "rate_sources", "Rate reliability", "Rate")


@admin.action(description="Merge selected duplicate sources…", permissions=["moderate"])
def merge_sources(modeladmin, request, queryset):
    sources = list(queryset)
    if len(sources) < 2:
        modeladmin.message_user(request, "Select at least two sources to merge.", messages.ERROR)
        return None
    form = MergeForm(request.POST if "apply" in request.POST else None, sources=sources)
    if form.is_valid():
        kept, reason = form.cleaned_data["kept"], form.cleaned_data["reason"]
        merged = [s for s in sources if s.pk != kept.pk]
        for duplicate in merged:
            moderation.merge(kept, duplicate, request.user, reason)
        names = ", ".join(s.citation_key for s in merged)
        modeladmin.message_user(request, f"Merged {names} into {kept.citation_key}.", messages.SUCCESS)
        return None
    return _decision_page(modeladmin, request, queryset, form, "merge_sources", "Merge duplicate sources", "Merge")


# What a source is and where to find it: the same sections on the source form and the queue's.
DETAIL_FIELDSETS = [
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
    ),
    ("Where to find it", {"fields": ["url", "archived_url", "accessed", "doi", "isbn"]}),
    ("Who stands behind it", {"fields": ["country_of_origin", "affiliation"]}),
]


@admin.register(Source)
class SourceAdmin(AuditTrailMixin, SimpleHistoryAdmin):
    form = SourceAdminForm
    list_display = ["citation_key", "title", "kind", "date_edtf", "status", "reliability", "cited_count"]
    list_filter = ["status", "reliability", "kind", "affiliation", "language"]
    search_fields = ["citation_key", "title", "container_title", "creators__family_name", "creators__literal_name"]
    autocomplete_fields = ["part_of", "country_of_origin"]
    readonly_fields = [
        "reviewed_by",
        "reviewed_at",
        "submitted_by",
        "merged_into",
        "created_at",
        "updated_at",
        "duplicates",
        "reader_messages",
        "audit_trail",
    ]
    inlines = [SourceCreatorInline]
    actions = [approve_sources, reject_sources, rate_sources, merge_sources]
    ordering = ["citation_key"]
    fieldsets = [
        *DETAIL_FIELDSETS,
        (
            "Moderation",
            {
                "fields": [
                    "status",
                    "reliability",
                    "moderator_note",
                    "discussion_urls",
                    "change_reason",
                    "reviewed_by",
                    "reviewed_at",
                    "submitted_by",
                    "merged_into",
                    "created_at",
                    "updated_at",
                    "duplicates",
                    "not_a_duplicate",
                    "reader_messages",
                    "audit_trail",
                ]
            },
        ),
    ]

    def has_moderate_permission(self, request):
        return request.user.has_perm("archive.moderate_source")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_moderate_permission(request):
            fields += MODERATION_FIELDS
        return fields

    def get_fieldsets(self, request, obj=None):
        hidden = set()
        if obj is not None:  # the duplicate check only runs when adding
            hidden.add("not_a_duplicate")
        if obj is None or not self.has_moderate_permission(request):  # readers' messages are for moderators
            hidden.add("reader_messages")
        return [
            (name, {**opts, "fields": [f for f in opts["fields"] if f not in hidden]})
            for name, opts in super().get_fieldsets(request, obj)
        ]

    def get_search_results(self, request, queryset, search_term):
        """Merged duplicates stay findable in the list but are not offered for new citations."""
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.path.endswith("/autocomplete/"):
            queryset = queryset.filter(merged_into__isnull=True)
        return queryset, may_have_duplicates

    @admin.display(description="readers' messages")
    def reader_messages(self, obj):
        messages_ = list(obj.submissions.all()) if obj is not None and obj.pk else []
        if not messages_:
            return "None."
        url = reverse("admin:archive_readersubmission_changelist") + f"?source__id__exact={obj.pk}"
        rows = format_html_join(
            "", "<li>{} ({}): {}</li>", ((m.get_kind_display(), m.created_at.date(), m.message) for m in messages_)
        )
        return format_html('<ul>{}</ul><p><a href="{}">Open in readers\' messages</a></p>', rows, url)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_citations=Count("citations"))

    @admin.display(description="cited", ordering="n_citations")
    def cited_count(self, obj):
        return obj.n_citations

    @admin.display(description="possible duplicates")
    def duplicates(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        found = duplicate_search.possible_duplicates(obj)
        if not found:
            return "None found (same DOI, ISBN or URL, or a very similar title)."
        return format_html_join(
            ", ", '<a href="{}">{}</a>', ((reverse("admin:archive_source_change", args=[s.pk]), str(s)) for s in found)
        )

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_public else None

    def save_related(self, request, form, formsets, change):
        """Creators are vetted details too (the service reopens an approved source)."""
        super().save_related(request, form, formsets, change)
        if change and any(fs.has_changed() for fs in formsets):
            moderation.creators_changed(form.instance, request.user)

    def save_model(self, request, obj, form, change):
        """The service decides what this user's save may change (moderation fields, reopening, audit)."""
        moderation.save_edit(obj, request.user, form.cleaned_data.get("change_reason", ""))
